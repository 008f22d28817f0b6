using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Risk;

/// <summary>Oracle cases from ../shared/reference/domain-anchors.md, Appendix A.</summary>
public class ReadmissionScoreTests
{
    [Theory]
    [InlineData(5, true, 5, 2, 14, RiskBand.High)]
    [InlineData(2, false, 0, 0, 2, RiskBand.Low)]
    [InlineData(14, true, 4, 4, 19, RiskBand.High)]
    [InlineData(0, false, 0, 0, 0, RiskBand.Low)]
    [InlineData(7, true, 3, 1, 12, RiskBand.High)]
    [InlineData(13, false, 4, 0, 10, RiskBand.High)]
    [InlineData(4, false, 1, 0, 5, RiskBand.Moderate)]
    [InlineData(3, true, 2, 1, 9, RiskBand.Moderate)]
    public void Lace_matches_the_published_cases(int lengthOfStay, bool acute, int charlson, int emergencyVisits, int expected, RiskBand band)
    {
        var score = LaceIndex.Calculate(lengthOfStay, acute, charlson, emergencyVisits);

        Assert.Equal(expected, score.Value);
        Assert.Equal(band, score.Band);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(1, -2, 0)]
    [InlineData(1, 0, 400)]
    public void Lace_rejects_inputs_out_of_range(int lengthOfStay, int charlson, int emergencyVisits)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => LaceIndex.Calculate(lengthOfStay, false, charlson, emergencyVisits));

        Assert.Contains("must be between", error.Message);
    }

    [Fact]
    public void Hospital_maximum_is_13()
    {
        var score = HospitalScore.Calculate(10.5m, true, 130m, true, true, 6, 9);

        Assert.Equal(13, score.Value);
        Assert.Equal(RiskBand.High, score.Band);
    }

    [Fact]
    public void Hospital_urgent_only_is_low()
    {
        var score = HospitalScore.Calculate(13.5m, false, 140m, false, true, 1, 3);

        Assert.Equal(1, score.Value);
        Assert.Equal(RiskBand.Low, score.Band);
    }

    [Fact]
    public void Hospital_boundary_case_is_high()
    {
        var score = HospitalScore.Calculate(11.9m, false, 138m, true, true, 3, 6);

        Assert.Equal(7, score.Value);
        Assert.Equal(RiskBand.High, score.Band);
    }

    [Fact]
    public void Hospital_thresholds_are_strict()
    {
        // Hemoglobin of exactly 12 and sodium of exactly 135 score nothing; 2 admissions score 2; a 5-day stay scores 2.
        var score = HospitalScore.Calculate(12m, false, 135m, false, false, 2, 5);

        Assert.Equal(4, score.Value);
        Assert.Equal(RiskBand.Low, score.Band);
        Assert.Equal(RiskBand.Moderate, HospitalScore.Calculate(12m, true, 135m, false, true, 2, 4).Band);
    }

    [Fact]
    public void Hospital_rejects_implausible_laboratory_values()
    {
        Assert.Contains("Sodium", Assert.Throws<BusinessRuleViolation>(() => HospitalScore.Calculate(12m, false, 1350m, false, false, 0, 1)).Message);
        Assert.Contains("Hemoglobin", Assert.Throws<BusinessRuleViolation>(() => HospitalScore.Calculate(0m, false, 140m, false, false, 0, 1)).Message);
    }
}
