using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

public class JourneyScenarios : ScenarioTest
{
    private readonly Pathway hip;
    private readonly Guid patient;

    public JourneyScenarios()
    {
        hip = env.CreateHipPathway();
        ActAsStaff("Care coordinator");
        patient = env.CreatePatient();
    }

    [Fact]
    public void A_journey_starts_on_the_first_stage_with_its_due_date_and_an_open_visit()
    {
        var journeyId = env.StartJourney(patient, hip);

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(hip.Stages["Referral"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(JourneyTable.StatusOptions.Active, journey.GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.StageEnteredOn));
        Assert.Equal(env.Now.AddDays(14), journey.GetAttributeValue<DateTime>(JourneyTable.StageDueOn));
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.StartedOn));
        var visit = Assert.Single(env.StageVisits(journeyId));
        Assert.Equal(hip.Stages["Referral"], visit.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id);
        Assert.False(visit.Contains(JourneyStageHistoryTable.ExitedOn));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void A_journey_may_start_on_a_chosen_stage()
    {
        var journeyId = env.StartJourney(patient, hip, "Surgery");

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(hip.Stages["Surgery"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(env.Now.AddHours(48), journey.GetAttributeValue<DateTime>(JourneyTable.StageDueOn));
    }

    [Fact]
    public void Starting_makes_one_service_call_beyond_its_writes()
    {
        env.StartJourney(patient, hip);

        var executions = env.Emulator.LastRequest.PluginExecutions.Where(e => e.PluginType.EndsWith("JourneyStart", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, executions.Single(e => e.Stage == 20).ServiceCalls);   // the pathway query
        Assert.Equal(1, executions.Single(e => e.Stage == 40).ServiceCalls);   // the visit it opens
    }

    [Fact]
    public void A_patient_cannot_have_two_open_journeys_on_one_pathway()
    {
        env.StartJourney(patient, hip);

        env.Refused(() => env.StartJourney(patient, hip), "already has an open journey on this care pathway");
        Assert.Single(env.Emulator.Rows(JourneyTable.LogicalName));
    }

    [Fact]
    public void Moving_to_the_next_stage_closes_the_visit_opens_the_next_and_records_a_touchpoint()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(20));

        env.MoveJourney(journeyId, hip, "Assessment", "Referral triaged");

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(hip.Stages["Assessment"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Equal(env.Now.AddDays(7), journey.GetAttributeValue<DateTime>(JourneyTable.StageDueOn));
        Assert.False(journey.Contains(JourneyTable.StageChangeReason));
        var visits = env.StageVisits(journeyId);
        Assert.Equal(2, visits.Count);
        Assert.Equal(env.Now, visits[0].GetAttributeValue<DateTime>(JourneyStageHistoryTable.ExitedOn));
        Assert.Equal(480m, visits[0].GetAttributeValue<decimal>(JourneyStageHistoryTable.DurationHours));
        Assert.True(visits[0].GetAttributeValue<bool>(JourneyStageHistoryTable.WasOverdue));
        Assert.Equal("Referral triaged", visits[1].GetAttributeValue<string>(JourneyStageHistoryTable.Reason));
        var touchpoint = Assert.Single(env.Touchpoints(patient));
        Assert.Equal(TouchpointTable.TypeOptions.StageChange, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value);
        Assert.Equal(journeyId, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Equal(1, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<int>(JourneyTable.TouchpointCount));
    }

    [Fact]
    public void A_stage_change_makes_one_read_beyond_its_writes()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.ClearLog();

        env.MoveJourney(journeyId, hip, "Assessment");

        var progress = env.Emulator.LastRequest.PluginExecutions.Single(e => e.PluginType.EndsWith("JourneyProgress", StringComparison.Ordinal));
        // One query (pathway, transitions and open visit) + close visit + open visit + touchpoint.
        Assert.Equal(4, progress.ServiceCalls);
    }

    [Fact]
    public void Skipping_a_stage_without_a_transition_is_refused_naming_both_stages()
    {
        var journeyId = env.StartJourney(patient, hip);

        env.Refused(() => env.MoveJourney(journeyId, hip, "Surgery"), "does not allow a move from Referral to Surgery");
        Assert.Single(env.StageVisits(journeyId));
    }

    [Fact]
    public void Transitions_decide_the_moves_and_some_need_a_reason()
    {
        env.AddTransition(hip, "Referral", "Assessment");
        env.AddTransition(hip, "Assessment", "Referral", reasonRequired: true);
        var journeyId = env.StartJourney(patient, hip);
        env.MoveJourney(journeyId, hip, "Assessment");

        env.Refused(() => env.MoveJourney(journeyId, hip, "Referral"), "Moving from Assessment to Referral needs a reason");
        env.MoveJourney(journeyId, hip, "Referral", "Results missing");

        Assert.Equal(3, env.StageVisits(journeyId).Count);
    }

    [Fact]
    public void Entering_the_terminal_stage_completes_the_journey_and_closed_journeys_refuse_changes()
    {
        var journeyId = env.StartJourney(patient, hip, "Recovery");

        env.MoveJourney(journeyId, hip, "Discharged");

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(JourneyTable.StatusOptions.Completed, journey.GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.CompletedOn));
        Assert.All(env.StageVisits(journeyId), v => Assert.True(v.Contains(JourneyStageHistoryTable.ExitedOn)));
        env.Refused(() => env.MoveJourney(journeyId, hip, "Recovery"), "The journey is Completed");
        env.Refused(() => env.SetJourneyStatus(journeyId, JourneyTable.StatusOptions.Active), "cannot change from Completed to Active");
    }

    [Fact]
    public void Dropping_closes_the_visit_and_reactivation_reopens_the_current_stage()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));

        env.SetJourneyStatus(journeyId, JourneyTable.StatusOptions.Dropped);
        Assert.True(env.StageVisits(journeyId).Single().Contains(JourneyStageHistoryTable.ExitedOn));
        env.Refused(() => env.MoveJourney(journeyId, hip, "Assessment"), "The journey is Dropped");

        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        env.SetJourneyStatus(journeyId, JourneyTable.StatusOptions.Active);

        var visits = env.StageVisits(journeyId);
        Assert.Equal(2, visits.Count);
        Assert.Equal(hip.Stages["Referral"], visits[1].GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id);
        Assert.Equal(env.Now, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<DateTime>(JourneyTable.StageEnteredOn));
    }

    [Fact]
    public void Reactivation_is_refused_while_another_journey_on_the_pathway_is_open()
    {
        var first = env.StartJourney(patient, hip);
        env.SetJourneyStatus(first, JourneyTable.StatusOptions.Dropped);
        env.StartJourney(patient, hip);

        env.Refused(() => env.SetJourneyStatus(first, JourneyTable.StatusOptions.Active), "already has an open journey");
    }

    [Fact]
    public void A_journey_cannot_change_pathway()
    {
        var journeyId = env.StartJourney(patient, hip);
        var other = env.CreatePathway("Diabetes", new StageSpec("Screening", 10));

        env.Refused(() => env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.PathwayId] = other.Reference }), "care pathway cannot change");
    }

    [Fact]
    public void A_journeys_patient_cannot_be_cleared_and_the_journey_keeps_working()
    {
        var journeyId = env.StartJourney(patient, hip);
        env.AddTransition(hip, "Referral", "Assessment");

        env.Refused(() => env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.PatientId] = null }), "patient is required and cannot change");

        env.MoveJourney(journeyId, hip, "Assessment");
        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(patient, journey.GetAttributeValue<EntityReference>(JourneyTable.PatientId).Id);
        Assert.Equal(hip.Stages["Assessment"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
    }

    [Fact]
    public void A_journeys_patient_cannot_change_so_one_open_journey_per_pathway_holds()
    {
        var other = env.CreatePatient();
        env.StartJourney(other, hip);
        var journeyId = env.StartJourney(patient, hip);

        env.Refused(() => env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId)
        {
            [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, other),
        }), "patient is required and cannot change");

        Assert.Equal(patient, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<EntityReference>(JourneyTable.PatientId).Id);
    }

    [Fact]
    public void Saving_a_journey_with_its_own_patient_again_is_no_change()
    {
        var journeyId = env.StartJourney(patient, hip);

        env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient) });

        Assert.True(env.Emulator.LastRequest.Succeeded);
    }

    [Fact]
    public void Missing_patient_or_pathway_is_refused_with_what_to_fill_in()
    {
        env.Refused(() => env.Service.Create(new Entity(JourneyTable.LogicalName) { [JourneyTable.Name] = "x", [JourneyTable.PathwayId] = hip.Reference }), "Choose the patient");
        env.Refused(() => env.Service.Create(new Entity(JourneyTable.LogicalName)
        {
            [JourneyTable.Name] = "x", [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
        }), "Choose the care pathway");
    }

    [Fact]
    public void A_start_stage_from_another_pathway_is_refused()
    {
        var other = env.CreatePathway("Diabetes", new StageSpec("Screening", 10));
        var journey = new Entity(JourneyTable.LogicalName)
        {
            [JourneyTable.Name] = "x", [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [JourneyTable.PathwayId] = hip.Reference, [JourneyTable.CurrentStageId] = other.Stage("Screening"),
        };

        env.Refused(() => env.Service.Create(journey), "does not belong to the journey's care pathway");
    }

    [Fact]
    public void Overdue_journeys_are_countable_with_a_query()
    {
        env.StartJourney(patient, hip);
        env.StartJourney(env.CreatePatient(), hip, "Surgery");
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));

        var overdue = new Microsoft.Xrm.Sdk.Query.QueryExpression(JourneyTable.LogicalName) { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet(false) };
        overdue.Criteria.AddCondition(JourneyTable.Status, Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, JourneyTable.StatusOptions.Active);
        overdue.Criteria.AddCondition(JourneyTable.StageDueOn, Microsoft.Xrm.Sdk.Query.ConditionOperator.LessThan, env.Now);

        Assert.Single(env.Service.RetrieveMultiple(overdue).Entities);
    }
}
