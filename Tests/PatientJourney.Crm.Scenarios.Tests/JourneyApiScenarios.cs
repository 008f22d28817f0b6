using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Advance = PatientJourney.Crm.Domain.LogicalNames.CustomApis.AdvanceJourney;
using Record = PatientJourney.Crm.Domain.LogicalNames.CustomApis.RecordTouchpoint;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>The custom APIs makers call from Power Automate: pj_AdvanceJourney and pj_RecordTouchpoint.</summary>
public class JourneyApiScenarios : ScenarioTest
{
    private readonly Pathway hip;
    private readonly Guid patient;
    private readonly Guid journeyId;

    public JourneyApiScenarios()
    {
        hip = env.CreateHipPathway();
        ActAsStaff("Care coordinator");
        patient = env.CreatePatient();
        journeyId = env.StartJourney(patient, hip);
    }

    private EntityReference Journey => new(JourneyTable.LogicalName, journeyId);

    private OrganizationResponse AdvanceTo(EntityReference? journey, EntityReference? stage, string? reason = null)
    {
        var request = new OrganizationRequest(Advance.MessageName);
        if (journey != null) request[Advance.InJourney] = journey;
        if (stage != null) request[Advance.InTargetStage] = stage;
        if (reason != null) request[Advance.InReason] = reason;
        return env.Service.Execute(request);
    }

    private OrganizationRequest Touchpoint(EntityReference? patientRef, EntityReference? journey)
    {
        var request = new OrganizationRequest(Record.MessageName)
        {
            [Record.InType] = new OptionSetValue(TouchpointTable.TypeOptions.Call),
            [Record.InChannel] = new OptionSetValue(Choices.Channel.Phone),
            [Record.InDirection] = new OptionSetValue(TouchpointTable.DirectionOptions.Outbound),
        };
        if (patientRef != null) request[Record.InPatient] = patientRef;
        if (journey != null) request[Record.InJourney] = journey;
        return request;
    }

    [Fact]
    public void Advancing_to_the_stage_the_journey_is_in_says_so()
    {
        env.Refused(() => AdvanceTo(Journey, hip.Stage("Referral")), "already in that stage");
    }

    [Fact]
    public void A_reason_longer_than_its_column_is_refused_naming_the_parameter_and_limit()
    {
        env.Refused(() => AdvanceTo(Journey, hip.Stage("Assessment"), CareData.ClinicalMarker + new string('x', 2000)), "The Reason parameter is 2026 characters long; it may hold at most 2000");
        Assert.Equal(hip.Stages["Referral"], env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
    }

    [Fact]
    public void Advancing_returns_the_stage_visit_it_opened()
    {
        var response = AdvanceTo(Journey, hip.Stage("Assessment"), CareData.ClinicalMarker);

        var visit = env.Retrieve((EntityReference)response.Results[Advance.OutStageHistory]);
        Assert.Equal(hip.Stages["Assessment"], visit.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.StageId).Id);
        Assert.Equal(CareData.ClinicalMarker, visit.GetAttributeValue<string>(JourneyStageHistoryTable.Reason));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Advancing_applies_the_pathway_rules()
    {
        env.Refused(() => AdvanceTo(Journey, hip.Stage("Discharged")), "does not allow a move from Referral to Discharged");
    }

    [Fact]
    public void Advancing_needs_a_journey_and_a_stage_that_exist()
    {
        env.Refused(() => AdvanceTo(null, hip.Stage("Assessment")), "needs the Journey parameter");
        env.Refused(() => AdvanceTo(Journey, null), "needs the TargetStage parameter");
        env.Refused(() => AdvanceTo(new EntityReference(JourneyTable.LogicalName, Guid.NewGuid()), hip.Stage("Assessment")), "The journey does not exist");
        env.Refused(() => AdvanceTo(Journey, new EntityReference(PathwayStageTable.LogicalName, Guid.NewGuid())), "does not belong to the journey's care pathway");
        env.Refused(() => AdvanceTo(new EntityReference(ContactTable.LogicalName, patient), hip.Stage("Assessment")), "must be a journey");
    }

    [Fact]
    public void Advancing_with_a_wrongly_typed_parameter_is_refused()
    {
        var request = new OrganizationRequest(Advance.MessageName) { [Advance.InJourney] = journeyId.ToString(), [Advance.InTargetStage] = hip.Stage("Assessment") };

        env.Refused(() => env.Service.Execute(request), "The Journey parameter of pj_AdvanceJourney must be a EntityReference");
    }

    [Fact]
    public void Recording_for_a_patient_attaches_to_the_open_journey_and_returns_the_touchpoint()
    {
        var response = env.Service.Execute(Touchpoint(new EntityReference(ContactTable.LogicalName, patient), null));

        var touchpoint = env.Retrieve((EntityReference)response.Results[Record.OutTouchpoint]);
        Assert.Equal(journeyId, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Equal(env.Now, touchpoint.GetAttributeValue<DateTime>(TouchpointTable.OccurredOn));
        Assert.Equal(1, env.Retrieve(JourneyTable.LogicalName, journeyId).GetAttributeValue<int>(JourneyTable.TouchpointCount));
    }

    [Fact]
    public void Recording_for_a_journey_takes_its_patient()
    {
        var response = env.Service.Execute(Touchpoint(null, Journey));

        Assert.Equal(patient, env.Retrieve((EntityReference)response.Results[Record.OutTouchpoint]).GetAttributeValue<EntityReference>(TouchpointTable.PatientId).Id);
    }

    [Fact]
    public void Recording_needs_a_patient_or_journey_that_match_and_exist()
    {
        env.Refused(() => env.Service.Execute(Touchpoint(null, null)), "Give the patient or the journey");
        env.Refused(() => env.Service.Execute(Touchpoint(null, new EntityReference(JourneyTable.LogicalName, Guid.NewGuid()))), "The journey does not exist");
        var otherPatient = new EntityReference(ContactTable.LogicalName, env.CreatePatient());
        env.Refused(() => env.Service.Execute(Touchpoint(otherPatient, Journey)), "belongs to another patient");
    }

    [Fact]
    public void Recording_needs_its_type_channel_and_direction()
    {
        var request = Touchpoint(new EntityReference(ContactTable.LogicalName, patient), null);
        request.Parameters.Remove(Record.InChannel);

        env.Refused(() => env.Service.Execute(request), "needs the Channel parameter");
    }
}
