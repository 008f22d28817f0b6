using System;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetPatientTimeline;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>A survey answer is a touchpoint too; the timeline shows survey responses and follow-ups.</summary>
public class SurveyTimelineScenarios : ScenarioTest
{
    private readonly Guid patient;
    private readonly Pathway hip;

    public SurveyTimelineScenarios()
    {
        patient = env.CreatePatient();
        hip = env.CreateHipPathway();
    }

    private JsonElement[] Timeline(DateTime? from = null)
    {
        var request = new OrganizationRequest(Api.MessageName) { [Api.InPatient] = new EntityReference(ContactTable.LogicalName, patient) };
        if (from.HasValue) request[Api.InFrom] = from.Value;
        using var document = JsonDocument.Parse((string)env.Service.Execute(request).Results[Api.OutTimelineJson]);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    [Theory]
    [InlineData(10, TouchpointTable.SentimentOptions.Positive)]
    [InlineData(7, TouchpointTable.SentimentOptions.Neutral)]
    [InlineData(2, TouchpointTable.SentimentOptions.Negative)]
    public void A_survey_response_is_recorded_as_an_inbound_survey_touchpoint_on_its_journey(int score, int sentiment)
    {
        var journey = env.StartJourney(patient, hip);
        var before = env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<int?>(JourneyTable.TouchpointCount) ?? 0;

        env.RecordSurvey(patient, score, journey, comment: CareData.ClinicalMarker);

        var touchpoint = Assert.Single(env.Touchpoints(patient), t => t.GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value == TouchpointTable.TypeOptions.Survey);
        Assert.Equal(Choices.Channel.Survey, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Channel).Value);
        Assert.Equal(TouchpointTable.DirectionOptions.Inbound, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Direction).Value);
        Assert.Equal(sentiment, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Sentiment).Value);
        Assert.Equal(env.Now, touchpoint.GetAttributeValue<DateTime>(TouchpointTable.OccurredOn));
        Assert.Equal(journey, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Equal(before + 1, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<int>(JourneyTable.TouchpointCount));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void The_timeline_shows_survey_responses_and_follow_ups_without_their_free_text()
    {
        var journey = env.StartJourney(patient, hip);
        var survey = env.RecordSurvey(patient, 3, journey, comment: CareData.ClinicalMarker);
        var appointment = env.BookAppointment(patient, env.Now.AddDays(5), journey);

        var timeline = Timeline();

        var answer = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "survey");
        Assert.Equal(survey, answer.GetProperty("id").GetGuid());
        Assert.Equal(SurveyResponseTable.LogicalName, answer.GetProperty("table").GetString());
        Assert.Equal(3, answer.GetProperty("score").GetInt32());
        Assert.Equal(SurveyResponseTable.CategoryOptions.Detractor, answer.GetProperty("category").GetInt32());
        var followUps = timeline.Where(e => e.GetProperty("kind").GetString() == "followUp").ToList();
        Assert.Equal(env.FollowUps(patient).Count, followUps.Count);
        var reminders = followUps.Where(f => f.GetProperty("type").GetInt32() == Choices.FollowUpType.AppointmentReminder).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal(appointment, r.GetProperty("appointmentId").GetGuid()));
        Assert.All(followUps, f => Assert.Equal(journey, f.GetProperty("journeyId").GetGuid()));
        Assert.DoesNotContain(CareData.ClinicalMarker, string.Join(",", timeline.Select(e => e.GetRawText())));
    }

    [Fact]
    public void A_follow_up_past_its_due_time_and_not_sent_is_overdue_and_the_window_applies_to_follow_ups()
    {
        env.SetConsent(patient, sms: true);   // a suppressed reminder is never sent, so never overdue
        var journey = env.StartJourney(patient, hip);
        env.BookAppointment(patient, env.Now.AddDays(5), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));

        // The first appointment also brings its welcome and directions (pre-visit messages); the reminders are the ones looked at.
        static bool IsReminder(JsonElement e) => e.GetProperty("kind").GetString() == "followUp" && e.GetProperty("title").GetString()!.StartsWith("Appointment reminder", StringComparison.Ordinal);
        var reminders = Timeline().Where(IsReminder).OrderBy(e => e.GetProperty("start").GetString()).ToList();
        Assert.True(reminders[0].GetProperty("overdue").GetBoolean());    // 72 h before: due yesterday, never completed
        Assert.False(reminders[1].GetProperty("overdue").GetBoolean());   // 24 h before: still ahead

        var later = Timeline(env.Now).Count(IsReminder);
        Assert.Equal(1, later);
    }
}
