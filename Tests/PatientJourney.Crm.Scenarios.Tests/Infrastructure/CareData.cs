using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Scenarios.Tests.Infrastructure;

/// <summary>A care pathway set up by an administrator: its id and its stages by name.</summary>
public sealed record Pathway(Guid Id, IReadOnlyDictionary<string, Guid> Stages)
{
    public EntityReference Reference => new(CarePathwayTable.LogicalName, Id);

    public EntityReference Stage(string name) => new(PathwayStageTable.LogicalName, Stages[name]);
}

/// <summary>A stage of a pathway being set up: name, sequence, target duration in hours, terminal, phase.</summary>
public sealed record StageSpec(string Name, int Sequence, int? TargetHours = null, bool Terminal = false, int Phase = PathwayStageTable.PhaseOptions.DuringCare);

/// <summary>Builders for the configuration and patients that scenarios start from.</summary>
public static class CareData
{
    /// <summary>Names used for patients in scenarios, so tests can prove they never reach a trace or an error message.</summary>
    public const string PatientFirstName = "Zebulon";
    public const string PatientLastName = "Quartermaine";
    public const string ClinicalMarker = "Suspected-Carcinoma-Marker";

    public static Guid CreatePatient(this ScenarioEnvironment env, string? mrn = null)
    {
        var patient = new Entity(ContactTable.LogicalName)
        {
            [ContactTable.FirstName] = PatientFirstName,
            [ContactTable.LastName] = PatientLastName,
        };
        if (mrn != null) patient[ContactTable.Mrn] = mrn;
        return env.Service.Create(patient);
    }

    public static Pathway CreatePathway(this ScenarioEnvironment env, string name, params StageSpec[] stages)
    {
        var id = env.System.Create(new Entity(CarePathwayTable.LogicalName) { [CarePathwayTable.Name] = name });
        var ids = new Dictionary<string, Guid>();
        foreach (var stage in stages)
        {
            var row = new Entity(PathwayStageTable.LogicalName)
            {
                [PathwayStageTable.Name] = stage.Name,
                [PathwayStageTable.PathwayId] = new EntityReference(CarePathwayTable.LogicalName, id),
                [PathwayStageTable.Sequence] = stage.Sequence,
                [PathwayStageTable.IsTerminal] = stage.Terminal,
                [PathwayStageTable.Phase] = new OptionSetValue(stage.Phase),
            };
            if (stage.TargetHours.HasValue) row[PathwayStageTable.TargetDurationHours] = stage.TargetHours.Value;
            ids[stage.Name] = env.System.Create(row);
        }
        env.Emulator.ClearLog();
        return new Pathway(id, ids);
    }

    /// <summary>The hip replacement pathway used by most scenarios: referral 14 days, assessment 7 days, surgery, recovery, discharged.</summary>
    public static Pathway CreateHipPathway(this ScenarioEnvironment env) => env.CreatePathway("Hip replacement",
        new StageSpec("Referral", 10, 14 * 24, Phase: PathwayStageTable.PhaseOptions.PreCare),
        new StageSpec("Assessment", 20, 7 * 24, Phase: PathwayStageTable.PhaseOptions.Scheduling),
        new StageSpec("Surgery", 30, 48),
        new StageSpec("Recovery", 40, 30 * 24, Phase: PathwayStageTable.PhaseOptions.PostCare),
        new StageSpec("Discharged", 50, Terminal: true, Phase: PathwayStageTable.PhaseOptions.PostCare));

    public static void AddTransition(this ScenarioEnvironment env, Pathway pathway, string from, string to, bool reasonRequired = false)
    {
        env.System.Create(new Entity(PathwayTransitionTable.LogicalName)
        {
            [PathwayTransitionTable.Name] = from + " to " + to,
            [PathwayTransitionTable.PathwayId] = pathway.Reference,
            [PathwayTransitionTable.FromStageId] = pathway.Stage(from),
            [PathwayTransitionTable.ToStageId] = pathway.Stage(to),
            [PathwayTransitionTable.ReasonRequired] = reasonRequired,
        });
        env.Emulator.ClearLog();
    }

    public static Guid StartJourney(this ScenarioEnvironment env, Guid patientId, Pathway pathway, string? startStage = null)
    {
        var journey = new Entity(JourneyTable.LogicalName)
        {
            [JourneyTable.Name] = "Hip journey",
            [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
            [JourneyTable.PathwayId] = pathway.Reference,
        };
        if (startStage != null) journey[JourneyTable.CurrentStageId] = pathway.Stage(startStage);
        return env.Service.Create(journey);
    }

    public static void MoveJourney(this ScenarioEnvironment env, Guid journeyId, Pathway pathway, string stage, string? reason = null)
    {
        var update = new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.CurrentStageId] = pathway.Stage(stage) };
        if (reason != null) update[JourneyTable.StageChangeReason] = reason;
        env.Service.Update(update);
    }

    public static void SetJourneyStatus(this ScenarioEnvironment env, Guid journeyId, int status) =>
        env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.Status] = new OptionSetValue(status) });

    /// <summary>The journey's stage visits, oldest first.</summary>
    public static IReadOnlyList<Entity> StageVisits(this ScenarioEnvironment env, Guid journeyId) =>
        env.Emulator.Rows(JourneyStageHistoryTable.LogicalName)
            .Where(v => v.GetAttributeValue<EntityReference>(JourneyStageHistoryTable.JourneyId)?.Id == journeyId)
            .OrderBy(v => v.GetAttributeValue<DateTime>(JourneyStageHistoryTable.EnteredOn)).ThenBy(v => v.GetAttributeValue<DateTime>(JourneyStageHistoryTable.CreatedOn))
            .ToList();

    public static IReadOnlyList<Entity> Touchpoints(this ScenarioEnvironment env, Guid patientId) =>
        env.Emulator.Rows(TouchpointTable.LogicalName).Where(t => t.GetAttributeValue<EntityReference>(TouchpointTable.PatientId)?.Id == patientId).ToList();

    public static int Count(this ScenarioEnvironment env, string table) => env.Emulator.Rows(table).Count;

    public static QueryExpression Query(string table, params (string Column, object Value)[] equals)
    {
        var query = new QueryExpression(table) { ColumnSet = new ColumnSet(true) };
        foreach (var (column, value) in equals) query.Criteria.AddCondition(column, ConditionOperator.Equal, value);
        return query;
    }
}
