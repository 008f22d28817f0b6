using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Plugins.Journeys
{
    /// <summary>Writes the journey's event log: one stage-history row per stage visit, and a stage-change touchpoint.</summary>
    internal static class StageVisits
    {
        public static Guid Open(IOrganizationService service, Guid journeyId, StageEntry entry, string? reason, Guid changedBy)
        {
            var visit = new Entity(JourneyStageHistoryTable.LogicalName)
            {
                [JourneyStageHistoryTable.Name] = entry.Stage.Name,
                [JourneyStageHistoryTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId),
                [JourneyStageHistoryTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, entry.Stage.Id),
                [JourneyStageHistoryTable.EnteredOn] = entry.EnteredOn,
                [JourneyStageHistoryTable.ChangedById] = new EntityReference("systemuser", changedBy),
            };
            if (!string.IsNullOrWhiteSpace(reason)) visit[JourneyStageHistoryTable.Reason] = reason;
            // A terminal stage ends the journey, so its visit is over as soon as it starts.
            if (entry.Stage.IsTerminal) SetExit(visit, new StageExit(entry.EnteredOn, entry.DueBy, entry.EnteredOn));
            return service.Create(visit);
        }

        public static void Close(IOrganizationService service, Guid visitId, StageExit exit)
        {
            var visit = new Entity(JourneyStageHistoryTable.LogicalName, visitId);
            SetExit(visit, exit);
            service.Update(visit);
        }

        public static void RecordStageChangeTouchpoint(IOrganizationService service, Guid journeyId, Guid patientId, PathwayStage stage, DateTime occurredOn)
        {
            service.Create(new Entity(TouchpointTable.LogicalName)
            {
                [TouchpointTable.Name] = "Stage change: " + stage.Name,
                [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patientId),
                [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId),
                [TouchpointTable.StageId] = new EntityReference(PathwayStageTable.LogicalName, stage.Id),
                [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.StageChange),
                [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Internal),
                [TouchpointTable.OccurredOn] = occurredOn,
            });
        }

        private static void SetExit(Entity visit, StageExit exit)
        {
            visit[JourneyStageHistoryTable.ExitedOn] = exit.ExitedOn;
            visit[JourneyStageHistoryTable.DurationHours] = Math.Round((decimal)exit.Duration.TotalHours, 2);
            visit[JourneyStageHistoryTable.WasOverdue] = exit.WasOverdue;
        }
    }
}
