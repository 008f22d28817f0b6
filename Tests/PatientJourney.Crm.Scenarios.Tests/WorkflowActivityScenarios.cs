extern alias activities;

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using AddBusinessTime = activities::PatientJourney.Crm.WorkflowActivities.Calendar.AddBusinessTime;
using AdvanceJourneyStage = activities::PatientJourney.Crm.WorkflowActivities.Journeys.AdvanceJourneyStage;
using RecordTouchpointActivity = activities::PatientJourney.Crm.WorkflowActivities.Touchpoints.RecordTouchpoint;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>The custom workflow activities for classic workflows, run by a workflow host on the emulator.</summary>
public class WorkflowActivityScenarios : ScenarioTest
{
    private readonly WorkflowHost host;
    private readonly Pathway hip;
    private readonly Guid patient;

    public WorkflowActivityScenarios()
    {
        host = new WorkflowHost(env);
        hip = env.CreateHipPathway();
        patient = env.CreatePatient();
    }

    private static EntityReference Journey(Guid id) => new(JourneyTable.LogicalName, id);

    private EntityReference Patient => new(ContactTable.LogicalName, patient);

    private static Dictionary<string, object?> Advance(EntityReference? journey, EntityReference? stage, string? reason = null)
    {
        var inputs = new Dictionary<string, object?> { ["Journey"] = journey, ["TargetStage"] = stage };
        if (reason != null) inputs["Reason"] = reason;
        return inputs;
    }

    private static Dictionary<string, object?> Touchpoint(EntityReference? patient = null, EntityReference? journey = null, int? channel = Choices.Channel.Phone,
        int? type = TouchpointTable.TypeOptions.Call, string? summary = null, DateTime? occurredOn = null)
    {
        var inputs = new Dictionary<string, object?>
        {
            ["Patient"] = patient, ["Journey"] = journey,
            ["Type"] = type.HasValue ? new OptionSetValue(type.Value) : null,
            ["Channel"] = channel.HasValue ? new OptionSetValue(channel.Value) : null,
            ["Direction"] = new OptionSetValue(TouchpointTable.DirectionOptions.Outbound),
        };
        if (summary != null) inputs["Summary"] = summary;
        if (occurredOn.HasValue) inputs["OccurredOn"] = occurredOn.Value;
        return inputs;
    }

    private static Dictionary<string, object?> BusinessTime(DateTime start, decimal hours) => new() { ["Start"] = start, ["BusinessHours"] = hours };

    // ---- Advance journey stage ----

    [Fact]
    public void Advancing_moves_the_journey_and_outputs_the_visit_opened()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));

        var outputs = host.Run(new AdvanceJourneyStage(), Advance(Journey(journeyId), hip.Stage("Assessment"), CareData.ClinicalMarker));

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(hip.Stages["Assessment"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        var visits = env.StageVisits(journeyId);
        var opened = Assert.IsType<EntityReference>(outputs["StageVisit"]);
        Assert.Equal(visits[1].Id, opened.Id);
        Assert.Equal(JourneyStageHistoryTable.LogicalName, opened.LogicalName);
        Assert.Equal(CareData.ClinicalMarker, visits[1].GetAttributeValue<string>(JourneyStageHistoryTable.Reason));
        Assert.Equal(env.Now, visits[0].GetAttributeValue<DateTime>(JourneyStageHistoryTable.ExitedOn));
        Assert.Equal(TouchpointTable.TypeOptions.StageChange, Assert.Single(env.Touchpoints(patient)).GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value);
        Assert.Contains(host.TraceLines, l => l.Contains("AdvanceJourneyStage: done", StringComparison.Ordinal));
        host.NoPatientDataLeaked();
    }

    [Fact]
    public void Advancing_does_what_the_custom_api_does()
    {
        var byActivity = env.StartJourney(patient, hip);
        var byApi = env.StartJourney(env.CreatePatient(), env.CreatePathway("Knee", new StageSpec("Referral", 10), new StageSpec("Assessment", 20)));
        var knee = env.Retrieve(JourneyTable.LogicalName, byApi).GetAttributeValue<EntityReference>(JourneyTable.PathwayId);
        var kneeAssessment = env.Emulator.Rows(PathwayStageTable.LogicalName)
            .Single(s => s.GetAttributeValue<EntityReference>(PathwayStageTable.PathwayId).Id == knee.Id && s.GetAttributeValue<string>(PathwayStageTable.Name) == "Assessment");

        var activityVisit = (EntityReference)host.Run(new AdvanceJourneyStage(), Advance(Journey(byActivity), hip.Stage("Assessment")))["StageVisit"];
        var apiVisit = (EntityReference)env.Service.Execute(new OrganizationRequest(CustomApis.AdvanceJourney.MessageName)
        {
            [CustomApis.AdvanceJourney.InJourney] = Journey(byApi), [CustomApis.AdvanceJourney.InTargetStage] = kneeAssessment.ToEntityReference(),
        }).Results[CustomApis.AdvanceJourney.OutStageHistory];

        // Started and advanced in the same second: the visit returned is the one to the target stage, still open.
        var activityOpened = env.Retrieve(activityVisit);
        Assert.Equal(hip.Stages["Assessment"], activityOpened.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id);
        Assert.False(activityOpened.Contains(JourneyStageHistoryTable.ExitedOn));
        var apiOpened = env.Retrieve(apiVisit);
        Assert.Equal(kneeAssessment.Id, apiOpened.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id);
        Assert.False(apiOpened.Contains(JourneyStageHistoryTable.ExitedOn));
    }

    [Fact]
    public void A_move_the_pathway_does_not_allow_is_refused_and_nothing_is_written()
    {
        var journeyId = env.StartJourney(patient, hip);

        var error = host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), hip.Stage("Surgery")), "does not allow a move from Referral to Surgery");

        Assert.Single(env.StageVisits(journeyId));
        host.NoPatientDataLeaked(error.Message);
    }

    [Fact]
    public void A_transition_that_needs_a_reason_is_refused_without_one()
    {
        env.AddTransition(hip, "Referral", "Assessment", reasonRequired: true);
        var journeyId = env.StartJourney(patient, hip);

        host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), hip.Stage("Assessment"), "   "), "needs a reason");
    }

    [Fact]
    public void A_closed_journey_is_refused()
    {
        var journeyId = env.StartJourney(patient, hip, "Recovery");
        env.MoveJourney(journeyId, hip, "Discharged");

        host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), hip.Stage("Recovery")), "The journey is Completed");
    }

    [Fact]
    public void Missing_unknown_and_wrong_references_are_refused_with_what_to_fix()
    {
        var journeyId = env.StartJourney(patient, hip);

        host.Refused(new AdvanceJourneyStage(), Advance(null, hip.Stage("Assessment")), "Give the journey to advance");
        host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), null), "Give the stage to move the journey to");
        host.Refused(new AdvanceJourneyStage(), Advance(Journey(Guid.NewGuid()), hip.Stage("Assessment")), "The journey does not exist");
        host.Refused(new AdvanceJourneyStage(), Advance(Patient, hip.Stage("Assessment")), "The Journey parameter must be a journey");
        host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), Journey(journeyId)), "The TargetStage parameter must be a pathway stage");
        host.Refused(new AdvanceJourneyStage(), Advance(Journey(journeyId), new EntityReference(PathwayStageTable.LogicalName, Guid.NewGuid())), "does not belong to the journey's care pathway");
        Assert.Single(env.StageVisits(journeyId));
        host.NoPatientDataLeaked();
    }

    [Fact]
    public void The_host_insists_on_required_arguments_and_their_types()
    {
        var journeyId = env.StartJourney(patient, hip);

        Assert.Throws<ArgumentException>(() => host.Run(new AdvanceJourneyStage(), new Dictionary<string, object?> { ["Journey"] = Journey(journeyId) }));
        Assert.Throws<ArgumentException>(() => host.Run(new AdvanceJourneyStage(), new Dictionary<string, object?> { ["Journey"] = journeyId, ["TargetStage"] = hip.Stage("Assessment") }));
        Assert.Single(env.StageVisits(journeyId));
    }

    // ---- Record touchpoint ----

    [Fact]
    public void A_touchpoint_for_a_patient_joins_the_open_journey_at_the_workflow_time()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));

        var outputs = host.Run(new RecordTouchpointActivity(), Touchpoint(Patient, summary: "Reminder call"));

        var reference = Assert.IsType<EntityReference>(outputs["Touchpoint"]);
        var touchpoint = env.Retrieve(reference);
        Assert.Equal(journeyId, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Equal(env.Now, touchpoint.GetAttributeValue<DateTime>(TouchpointTable.OccurredOn));
        Assert.Equal(Choices.Channel.Phone, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Channel).Value);
        Assert.Equal("Reminder call", touchpoint.GetAttributeValue<string>(TouchpointTable.Summary));
        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(1, journey.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
        host.NoPatientDataLeaked();
    }

    [Fact]
    public void A_touchpoint_for_a_journey_takes_the_journeys_patient_and_the_time_given()
    {
        var journeyId = env.StartJourney(patient, hip);
        var occurredOn = env.Now.AddDays(-1);

        var reference = (EntityReference)host.Run(new RecordTouchpointActivity(), Touchpoint(journey: Journey(journeyId), occurredOn: occurredOn))["Touchpoint"];

        var touchpoint = env.Retrieve(reference);
        Assert.Equal(patient, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.PatientId).Id);
        Assert.Equal(occurredOn, touchpoint.GetAttributeValue<DateTime>(TouchpointTable.OccurredOn));
    }

    [Fact]
    public void The_custom_api_records_the_same_touchpoint()
    {
        var journeyId = env.StartJourney(patient, hip);

        var response = env.Service.Execute(new OrganizationRequest(CustomApis.RecordTouchpoint.MessageName)
        {
            [CustomApis.RecordTouchpoint.InJourney] = Journey(journeyId),
            [CustomApis.RecordTouchpoint.InType] = new OptionSetValue(TouchpointTable.TypeOptions.Message),
            [CustomApis.RecordTouchpoint.InChannel] = new OptionSetValue(Choices.Channel.SMS),
            [CustomApis.RecordTouchpoint.InDirection] = new OptionSetValue(TouchpointTable.DirectionOptions.Outbound),
        });

        var touchpoint = env.Retrieve((EntityReference)response.Results[CustomApis.RecordTouchpoint.OutTouchpoint]);
        Assert.Equal(patient, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.PatientId).Id);
        Assert.Equal(env.Now, touchpoint.GetAttributeValue<DateTime>(TouchpointTable.OccurredOn));
        env.Refused(() => env.Service.Execute(new OrganizationRequest(CustomApis.RecordTouchpoint.MessageName)
        {
            [CustomApis.RecordTouchpoint.InJourney] = Journey(journeyId),
            [CustomApis.RecordTouchpoint.InType] = new OptionSetValue(TouchpointTable.TypeOptions.Message),
            [CustomApis.RecordTouchpoint.InChannel] = new OptionSetValue(1),
            [CustomApis.RecordTouchpoint.InDirection] = new OptionSetValue(TouchpointTable.DirectionOptions.Outbound),
        }), "The Channel parameter is not a known channel");
    }

    [Fact]
    public void Touchpoint_references_that_are_missing_unknown_or_wrong_are_refused()
    {
        var journeyId = env.StartJourney(patient, hip);
        var other = env.StartJourney(env.CreatePatient(), hip);

        host.Refused(new RecordTouchpointActivity(), Touchpoint(), "Give the patient or the journey");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(new EntityReference(ContactTable.LogicalName, Guid.NewGuid())), "The patient does not exist");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(journey: Journey(Guid.NewGuid())), "The journey does not exist");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Journey(journeyId)), "The Patient parameter must be a patient");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(journey: Patient), "The Journey parameter must be a journey");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, Journey(other)), "The journey belongs to another patient");
        Assert.Empty(env.Touchpoints(patient));
        host.NoPatientDataLeaked();
    }

    [Fact]
    public void Touchpoint_values_that_are_empty_unknown_or_too_long_are_refused()
    {
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, type: null), "Give the type of the touchpoint (the Type parameter)");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, channel: null), "Give the channel of the touchpoint");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, channel: 42), "The Channel parameter is not a known channel (42)");
        host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, type: 827419999), "The Type parameter is not a known type");
        var error = host.Refused(new RecordTouchpointActivity(), Touchpoint(Patient, summary: CareData.ClinicalMarker + new string('x', 400)), "The Summary parameter is 426 characters long; it may hold at most 400");
        Assert.Empty(env.Touchpoints(patient));
        host.NoPatientDataLeaked(error.Message);
    }

    [Fact]
    public void A_long_summary_still_names_the_touchpoint_within_the_name_length()
    {
        var summary = new string('s', 300);

        var reference = (EntityReference)host.Run(new RecordTouchpointActivity(), Touchpoint(Patient, summary: summary))["Touchpoint"];

        var touchpoint = env.Retrieve(reference);
        Assert.Equal(summary, touchpoint.GetAttributeValue<string>(TouchpointTable.Summary));
        Assert.Equal(200, touchpoint.GetAttributeValue<string>(TouchpointTable.Name).Length);
    }

    // ---- Add business time ----

    [Fact]
    public void Business_time_counts_opening_hours_only()
    {
        // Thursday 09:00 UTC, default Mon-Fri 08:00-18:00 UTC: 9 hours left on Thursday.
        Assert.Equal(new DateTime(2026, 11, 26, 17, 0, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 8m));
        Assert.Equal(new DateTime(2026, 11, 27, 15, 0, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 16m));
        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 20m));   // over the weekend
        Assert.Equal(new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 0.5m));
        Assert.Equal(ScenarioEnvironment.Start, Add(ScenarioEnvironment.Start, 0m));
        Assert.Equal(new DateTime(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc), Add(new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc), 2m));   // from a Saturday
        host.NoPatientDataLeaked();
    }

    [Fact]
    public void Business_time_follows_the_configured_holidays_hours_and_time_zone()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.Holidays, "2026-11-27");
        Assert.Equal(new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 16m));

        env.SetEnvironmentVariable(EnvironmentVariables.TimeZone, "Eastern Standard Time");
        env.SetEnvironmentVariable(EnvironmentVariables.BusinessHours, "Mon-Fri 09:00-17:00");
        // Thursday 09:00 UTC is 04:00 in New York: the clock starts at 09:00 EST (14:00 UTC).
        Assert.Equal(new DateTime(2026, 11, 26, 16, 0, 0, DateTimeKind.Utc), Add(ScenarioEnvironment.Start, 2m));
    }

    [Fact]
    public void Business_time_refuses_a_missing_start_negative_or_absurd_hours()
    {
        host.Refused(new AddBusinessTime(), BusinessTime(default, 4m), "Give the time to start counting from");
        host.Refused(new AddBusinessTime(), BusinessTime(env.Now, -1m), "cannot be negative");
        host.Refused(new AddBusinessTime(), BusinessTime(env.Now, 100001m), "must be at most 100000");
        Assert.Throws<ArgumentException>(() => host.Run(new AddBusinessTime(), new Dictionary<string, object?> { ["Start"] = env.Now }));
        Assert.Throws<ArgumentException>(() => host.Run(new AddBusinessTime(), new Dictionary<string, object?> { ["Start"] = env.Now, ["BusinessHours"] = 4 }));
    }

    [Fact]
    public void A_bad_calendar_setting_is_named_so_an_administrator_can_fix_it()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.TimeZone, "Atlantis Standard Time");

        host.Refused(new AddBusinessTime(), BusinessTime(env.Now, 4m), EnvironmentVariables.TimeZone);
    }

    private DateTime Add(DateTime start, decimal hours) => Assert.IsType<DateTime>(host.Run(new AddBusinessTime(), BusinessTime(start, hours))["Result"]);
}
