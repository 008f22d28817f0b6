using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

public class TouchpointScenarios : ScenarioTest
{
    private readonly Pathway hip;

    public TouchpointScenarios()
    {
        hip = env.CreateHipPathway();
        ActAsStaff("Care coordinator");
    }

    private static Entity Touchpoint(Guid patientId, DateTime occurredOn, Guid? journeyId = null)
    {
        var touchpoint = new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Phone call",
            [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Call),
            [TouchpointTable.OccurredOn] = occurredOn,
            [TouchpointTable.Notes] = CareData.ClinicalMarker,
        };
        if (journeyId.HasValue) touchpoint[TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId.Value);
        return touchpoint;
    }

    [Fact]
    public void A_touchpoint_without_a_journey_joins_the_patients_only_open_journey()
    {
        var patient = env.CreatePatient();
        var journeyId = env.StartJourney(patient, hip);

        var id = env.Service.Create(Touchpoint(patient, env.Now.AddHours(-1)));

        var touchpoint = env.Retrieve(TouchpointTable.LogicalName, id);
        Assert.Equal(journeyId, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Equal(hip.Stages["Referral"], touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.StageId).Id);
        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(1, journey.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now.AddHours(-1), journey.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void With_two_open_journeys_the_touchpoint_stays_unattached()
    {
        var patient = env.CreatePatient();
        env.StartJourney(patient, hip);
        env.StartJourney(patient, env.CreatePathway("Diabetes", new StageSpec("Screening", 10)));

        var id = env.Service.Create(Touchpoint(patient, env.Now));

        Assert.False(env.Retrieve(TouchpointTable.LogicalName, id).Contains(TouchpointTable.JourneyId));
    }

    [Fact]
    public void An_older_touchpoint_does_not_move_the_last_touchpoint_back()
    {
        var patient = env.CreatePatient();
        var journeyId = env.StartJourney(patient, hip);
        env.Service.Create(Touchpoint(patient, env.Now));

        env.Service.Create(Touchpoint(patient, env.Now.AddDays(-3)));

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(2, journey.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
    }

    [Fact]
    public void Importing_a_thousand_touchpoints_costs_a_constant_number_of_service_calls()
    {
        var patients = Enumerable.Range(0, 5).Select(_ => env.CreatePatient()).ToList();
        var journeys = patients.Select(p => env.StartJourney(p, hip)).ToList();
        var batch = new EntityCollection(Enumerable.Range(0, 1000).Select(i => Touchpoint(patients[i % 5], env.Now.AddMinutes(-i))).ToList())
        {
            EntityName = TouchpointTable.LogicalName,
        };
        env.Emulator.ClearLog();

        env.Service.Execute(new CreateMultipleRequest { Targets = batch });

        var step = Assert.Single(env.Emulator.LastRequest.PluginExecutions, e => e.PluginType.EndsWith("TouchpointsRecorded", StringComparison.Ordinal));
        Assert.Equal(1 + journeys.Count, step.ServiceCalls);   // one query, one update per journey touched
        Assert.Equal(1000, env.Count(TouchpointTable.LogicalName));
        Assert.All(journeys, j => Assert.Equal(200, env.Retrieve(JourneyTable.LogicalName, j).GetAttributeValue<int>(JourneyTable.TouchpointCount)));
    }

    [Fact]
    public void A_single_create_runs_the_CreateMultiple_step_once_with_one_target()
    {
        var patient = env.CreatePatient();
        var journeyId = env.StartJourney(patient, hip);
        env.Emulator.ClearLog();

        env.Service.Create(Touchpoint(patient, env.Now, journeyId));

        var step = Assert.Single(env.Emulator.LastRequest.PluginExecutions, e => e.PluginType.EndsWith("TouchpointsRecorded", StringComparison.Ordinal));
        Assert.Equal("CreateMultiple", step.MessageName);
        Assert.Equal(2, step.ServiceCalls);   // the journey query, the journey update
        Assert.Equal(1, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<int>(JourneyTable.TouchpointCount));
    }

    [Fact]
    public void Deleting_a_touchpoint_recounts_its_journey()
    {
        var patient = env.CreatePatient();
        var journeyId = env.StartJourney(patient, hip);
        env.Service.Create(Touchpoint(patient, env.Now.AddDays(-2), journeyId));
        var latest = env.Service.Create(Touchpoint(patient, env.Now, journeyId));

        // No staff role deletes clinical history: a System Administrator corrects a touchpoint entered by mistake.
        env.Emulator.CreateOrganizationService().Delete(TouchpointTable.LogicalName, latest);

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(1, journey.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now.AddDays(-2), journey.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
    }

    [Fact]
    public void Moving_a_touchpoint_to_another_journey_keeps_both_counts_true()
    {
        var patient = env.CreatePatient();
        var hipJourney = env.StartJourney(patient, hip);
        var diabetesJourney = env.StartJourney(patient, env.CreatePathway("Diabetes", new StageSpec("Screening", 10)));
        var touchpoint = env.Service.Create(Touchpoint(patient, env.Now, hipJourney));

        env.Service.Update(new Entity(TouchpointTable.LogicalName, touchpoint) { [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, diabetesJourney) });

        var left = env.Retrieve(JourneyTable.LogicalName, hipJourney);
        var joined = env.Retrieve(JourneyTable.LogicalName, diabetesJourney);
        Assert.Equal(0, left.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.False(left.Contains(JourneyTable.LastTouchpointOn));
        Assert.Equal(1, joined.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now, joined.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
    }

    [Fact]
    public void Moving_a_touchpoint_recounts_the_touchpoints_the_mover_cannot_read_too()
    {
        var patient = env.CreatePatient();
        var hipJourney = env.StartJourney(patient, hip);
        var diabetesJourney = env.StartJourney(patient, env.CreatePathway("Diabetes", new StageSpec("Screening", 10)));
        // Recorded by a colleague at the organisation's root unit: outside the coordinator's unit-depth read.
        var hidden = env.Emulator.CreateOrganizationService().Create(Touchpoint(patient, env.Now.AddDays(-3), hipJourney));
        var touchpoint = env.Service.Create(Touchpoint(patient, env.Now, hipJourney));
        Assert.Throws<PatientJourney.Crm.Emulator.Faults.DataverseFaultException>(() => env.Service.Retrieve(TouchpointTable.LogicalName, hidden, new Microsoft.Xrm.Sdk.Query.ColumnSet(TouchpointTable.OccurredOn)));

        env.Service.Update(new Entity(TouchpointTable.LogicalName, touchpoint) { [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, diabetesJourney) });

        // The derived figures are counted as SYSTEM: the colleague's touchpoint still counts on the journey it stays on.
        var left = env.Retrieve(JourneyTable.LogicalName, hipJourney);
        Assert.Equal(1, left.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Now.AddDays(-3), left.GetAttributeValue<DateTime>(JourneyTable.LastTouchpointOn));
    }

    [Fact]
    public void A_touchpoint_without_a_patient_is_refused()
    {
        var touchpoint = new Entity(TouchpointTable.LogicalName) { [TouchpointTable.Name] = "Call", [TouchpointTable.OccurredOn] = env.Now };

        env.Refused(() => env.Service.Create(touchpoint), "needs the patient");
    }

    [Fact]
    public void A_bad_row_in_a_bulk_import_writes_nothing()
    {
        var patient = env.CreatePatient();
        var journeyId = env.StartJourney(patient, hip);
        var batch = new EntityCollection(new[] { Touchpoint(patient, env.Now), new Entity(TouchpointTable.LogicalName) { [TouchpointTable.Name] = "orphan" } }.ToList())
        {
            EntityName = TouchpointTable.LogicalName,
        };

        env.Refused(() => env.Service.Execute(new CreateMultipleRequest { Targets = batch }), "needs the patient");

        Assert.Equal(0, env.Count(TouchpointTable.LogicalName));
        Assert.Equal(0, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<int>(JourneyTable.TouchpointCount));
    }
}
