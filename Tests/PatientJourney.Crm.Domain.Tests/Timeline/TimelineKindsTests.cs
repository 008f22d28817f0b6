using System;
using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Surveys;
using PatientJourney.Crm.Domain.Timeline;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Timeline;

public class TimelineKindsTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Surveys_and_follow_ups_are_written_with_their_kind_names_and_sort_after_the_earlier_kinds_at_the_same_instant()
    {
        var followUp = new TimelineEntry(TimelineEntryKind.FollowUp, "pj_followup", Guid.Empty, Now).With("status", 827410000);
        var survey = new TimelineEntry(TimelineEntryKind.Survey, "pj_surveyresponse", Guid.Empty, Now).With("score", 9);
        var touchpoint = new TimelineEntry(TimelineEntryKind.Touchpoint, "pj_touchpoint", Guid.Empty, Now);

        var arranged = PatientTimeline.Arrange(new[] { followUp, survey, touchpoint }, null, null);
        var json = PatientTimeline.ToJson(arranged);

        Assert.Equal(new[] { TimelineEntryKind.Touchpoint, TimelineEntryKind.Survey, TimelineEntryKind.FollowUp }, arranged.Select(e => e.Kind));
        Assert.Contains("{\"kind\":\"survey\",\"table\":\"pj_surveyresponse\"", json);
        Assert.Contains("\"kind\":\"followUp\"", json);
        Assert.EndsWith(",\"status\":827410000}]", json);
    }

    [Theory]
    [InlineData(10, Sentiment.Positive)]
    [InlineData(9, Sentiment.Positive)]
    [InlineData(8, Sentiment.Neutral)]
    [InlineData(7, Sentiment.Neutral)]
    [InlineData(6, Sentiment.Negative)]
    [InlineData(0, Sentiment.Negative)]
    public void A_survey_answers_touchpoint_has_the_sentiment_of_its_category(int score, Sentiment sentiment) =>
        Assert.Equal(sentiment, NetPromoter.SentimentOf(NetPromoter.Categorise(score)));
}
