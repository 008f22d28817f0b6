using System.Linq;
using PatientJourney.Crm.Domain.Surveys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Surveys;

public class NetPromoterTests
{
    [Theory]
    [InlineData(0, NpsCategory.Detractor)]
    [InlineData(6, NpsCategory.Detractor)]
    [InlineData(7, NpsCategory.Passive)]
    [InlineData(8, NpsCategory.Passive)]
    [InlineData(9, NpsCategory.Promoter)]
    [InlineData(10, NpsCategory.Promoter)]
    public void Categories_follow_the_published_cut_offs(int score, NpsCategory category)
    {
        Assert.Equal(category, NetPromoter.Categorise(score));
    }

    [Fact]
    public void One_answer_of_each_score_gives_minus_45_45()
    {
        Assert.Equal(-45.45m, decimal.Round(NetPromoter.Score(Enumerable.Range(0, 11))!.Value, 2));
    }

    [Fact]
    public void Forty_percent_promoters_and_five_percent_detractors_give_35()
    {
        var answers = Enumerable.Repeat(10, 40).Concat(Enumerable.Repeat(8, 55)).Concat(Enumerable.Repeat(3, 5));

        Assert.Equal(35m, NetPromoter.Score(answers));
    }

    [Fact]
    public void No_answers_no_score()
    {
        Assert.Null(NetPromoter.Score(Enumerable.Empty<int>()));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Scores_outside_0_to_10_are_refused(int score)
    {
        Assert.Throws<BusinessRuleViolation>(() => NetPromoter.Categorise(score));
    }
}
