using System;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using Phase = PatientJourney.Crm.Domain.LogicalNames.PathwayStageTable.PhaseOptions;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>
/// Encounter (inpatient) → the journey of its EpisodeOfCare, else the patient's only open journey: an admission moves it to its pathway's first during-care stage,
/// a discharge (finished, with an end) to the first post-care stage, through pj_AdvanceJourney so the pathway's rules,
/// discharge follow-ups and the readmission measure apply as when staff move it. The journey remembers the last
/// encounter version that moved it, so a re-sent or older version moves it no further.
/// </summary>
public static class EncounterMapping
{
    /// <summary>v3 ActCode inpatient classes: inpatient encounter, inpatient acute, inpatient non-acute.</summary>
    private static readonly string[] InpatientClasses = ["IMP", "ACUTE", "NONAC"];

    public static EntryPlan Plan(Encounter encounter, ImportContext context)
    {
        var patient = context.Patient(encounter.Subject, "Encounter.subject");
        int? phase = encounter.Status switch
        {
            Encounter.EncounterStatus.Arrived or Encounter.EncounterStatus.Triaged or Encounter.EncounterStatus.InProgress or Encounter.EncounterStatus.Onleave => Phase.DuringCare,
            Encounter.EncounterStatus.Finished when encounter.Period?.End != null => Phase.PostCare,
            Encounter.EncounterStatus.Finished => throw new ImportRefusedException("Encounter.period.end", "A finished inpatient encounter needs the discharge time (period.end)."),
            _ => null,
        };
        if (!InpatientClasses.Contains(encounter.Class?.Code) || phase == null) return EntryPlan.Unchanged(null);

        var journey = OpenJourney(context, encounter, patient);
        var key = context.Settings.SourceSystem + "|" + encounter.Id;
        var incoming = encounter.Meta?.LastUpdated?.UtcDateTime;
        var storedKey = journey.GetAttributeValue<string>(JourneyTable.LastEncounter);
        var storedOn = journey.GetAttributeValue<DateTime?>(JourneyTable.LastEncounterUpdated);
        if (storedKey == key && (incoming == null || (storedOn.HasValue && incoming <= storedOn))) return EntryPlan.Unchanged(journey.ToEntityReference());

        var stamp = new UpdateRequest { Target = new Entity(JourneyTable.LogicalName, journey.Id) { [JourneyTable.LastEncounter] = key, [JourneyTable.LastEncounterUpdated] = incoming } };
        if (CurrentPhase(context, journey) == phase) return new EntryPlan([stamp], journey.ToEntityReference(), false);

        var target = FirstStage(context, journey.GetAttributeValue<EntityReference>(JourneyTable.PathwayId), phase.Value);
        var advance = new OrganizationRequest(CustomApis.AdvanceJourney.MessageName)
        {
            [CustomApis.AdvanceJourney.InJourney] = journey.ToEntityReference(),
            [CustomApis.AdvanceJourney.InTargetStage] = target,
            [CustomApis.AdvanceJourney.InReason] = phase == Phase.DuringCare ? "Admitted (EHR inpatient encounter)" : "Discharged (EHR inpatient encounter)",
        };
        return new EntryPlan([advance, stamp], journey.ToEntityReference(), false) { Moves = new JourneyStage(journey.Id, target.Id, phase.Value) };
    }

    /// <summary>The phase of the journey's stage: where an earlier entry of the transaction moves it, else where Dataverse has it.</summary>
    private static int? CurrentPhase(ImportContext context, Entity journey) => context.PendingStage(journey.Id)?.Phase
        ?? context.Service.Retrieve(PathwayStageTable.LogicalName, journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id, new ColumnSet(PathwayStageTable.Phase))
            .GetAttributeValue<OptionSetValue>(PathwayStageTable.Phase)?.Value;

    private static readonly string[] JourneyColumns = [JourneyTable.PatientId, JourneyTable.Status, JourneyTable.PathwayId, JourneyTable.CurrentStageId, JourneyTable.LastEncounter, JourneyTable.LastEncounterUpdated];

    /// <summary>The journey the encounter's EpisodeOfCare stands for, else the patient's only open journey.</summary>
    private static Entity OpenJourney(ImportContext context, Encounter encounter, EntityReference patient)
    {
        if (encounter.EpisodeOfCare.Count == 0) return EpisodeOfCareMapping.OnlyOpenJourney(context, patient, "Encounter.episodeOfCare", JourneyColumns);
        var episode = context.Row(encounter.EpisodeOfCare[0], JourneyTable.LogicalName, "EpisodeOfCare", "Encounter.episodeOfCare[0]");
        var journey = context.Service.Retrieve(JourneyTable.LogicalName, episode.Id, new ColumnSet(JourneyColumns));
        if (journey.GetAttributeValue<EntityReference>(JourneyTable.PatientId)?.Id != patient.Id)
            throw new ImportRefusedException("Encounter.episodeOfCare[0]", "The episode of care belongs to another patient than the encounter's subject: correct the encounter in the EHR.");
        return journey;
    }

    private static EntityReference FirstStage(ImportContext context, EntityReference pathway, int phase)
    {
        var query = new QueryExpression(PathwayStageTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
        query.Criteria.AddCondition(PathwayStageTable.PathwayId, ConditionOperator.Equal, pathway.Id);
        query.Criteria.AddCondition(PathwayStageTable.Phase, ConditionOperator.Equal, phase);
        query.AddOrder(PathwayStageTable.Sequence, OrderType.Ascending);
        return context.Service.RetrieveMultiple(query).Entities.FirstOrDefault()?.ToEntityReference()
            ?? throw new ImportRefusedException("Encounter.status", "The journey's pathway has no " + (phase == Phase.DuringCare ? "during-care" : "post-care") + " stage to move to: add one to the pathway.");
    }
}
