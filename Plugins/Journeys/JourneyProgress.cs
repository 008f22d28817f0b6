using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Journeys
{
    /// <summary>
    /// A journey's stage or status changes (its patient and pathway never do). The move is checked against the pathway's transitions and the journey's
    /// status; the journey's stage entered/due times and status are set on the same write; the stage visit being left
    /// is closed (exited, duration, overdue), the new one opened with the reason given, and a stage-change touchpoint
    /// recorded. Dropping or cancelling a journey closes its visit; reactivating a dropped one opens a new visit of its
    /// current stage. One query reads everything the checks need.
    /// </summary>
    [PluginStep("Update", JourneyTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = JourneyTable.CurrentStageId + "," + JourneyTable.Status + "," + JourneyTable.PathwayId + "," + JourneyTable.PatientId + ","
            + JourneyTable.StageEnteredOn + "," + JourneyTable.StageDueOn + "," + JourneyTable.CompletedOn,
        PreImageAlias = PreImage,
        PreImageAttributes = JourneyTable.PatientId + "," + JourneyTable.PathwayId + "," + JourneyTable.CurrentStageId + "," + JourneyTable.Status + ","
            + JourneyTable.StageEnteredOn + "," + JourneyTable.StageDueOn)]
    public sealed class JourneyProgress : PluginBase
    {
        private const string PreImage = "journey";

        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            MaintainedColumns.DropCallerValues(context, target);
            var before = context.PreImage(PreImage) ?? throw new InvalidPluginExecutionException("The journey step is registered without its pre-image.");
            JourneyRules.EnsureIdentityKept(before.Get<EntityReference>(JourneyTable.PatientId)?.Id, target.Latest<EntityReference>(before, JourneyTable.PatientId)?.Id,
                before.Get<EntityReference>(JourneyTable.PathwayId)?.Id, target.Latest<EntityReference>(before, JourneyTable.PathwayId)?.Id);
            var stageChanges = target.Changes(before, JourneyTable.CurrentStageId);
            var statusChanges = target.Changes(before, JourneyTable.Status);
            if (!stageChanges && !statusChanges) return;

            var journeyId = context.ExecutionContext.PrimaryEntityId;
            var patientId = target.Latest<EntityReference>(before, JourneyTable.PatientId)!.Id;
            var statusBefore = ChoiceMapping.ToJourneyStatus(before.Get<OptionSetValue>(JourneyTable.Status), JourneyStatus.Active);
            var statusAfter = ChoiceMapping.ToJourneyStatus(target.Latest<OptionSetValue>(before, JourneyTable.Status), JourneyStatus.Active);
            if (statusChanges) JourneyRules.EnsureStatusChange(statusBefore, statusAfter);
            var reopens = JourneyRules.ReopensCurrentStage(statusBefore, statusAfter);

            var snapshot = PathwaySnapshot.Load(context.UserService, before.Get<EntityReference>(JourneyTable.PathwayId).Id, reopens ? patientId : (Guid?)null, journeyId);
            if (snapshot.OtherOpenJourneyId.HasValue)
                throw new BusinessRuleViolation("The patient already has an open journey on this care pathway; close it before reactivating this one.");

            var reason = target.Get<string>(JourneyTable.StageChangeReason);
            if (target.Contains(JourneyTable.StageChangeReason)) target[JourneyTable.StageChangeReason] = null;
            var now = context.Now;
            var currentStageId = before.Get<EntityReference>(JourneyTable.CurrentStageId).Id;

            if (stageChanges)
            {
                var targetStage = target.Get<EntityReference>(JourneyTable.CurrentStageId)
                    ?? throw new BusinessRuleViolation("A journey must stay on a stage of its pathway; choose the stage to move to.");
                var change = JourneyRules.ChangeStage(snapshot.Pathway, statusChanges ? statusAfter : statusBefore, currentStageId,
                    before.Get<DateTime>(JourneyTable.StageEnteredOn), before.Get<DateTime?>(JourneyTable.StageDueOn),
                    targetStage.Id, reason, now);
                if (snapshot.OpenVisitId.HasValue) StageVisits.Close(context.UserService, snapshot.OpenVisitId.Value, change.Exit);
                Enter(context, target, journeyId, change.Entry, change.Status, reason);
                StageVisits.RecordStageChangeTouchpoint(context.UserService, journeyId, patientId, change.Entry.Stage, now);
                return;
            }

            if (!JourneyRules.IsOpen(statusAfter) && snapshot.OpenVisitId.HasValue)
            {
                StageVisits.Close(context.UserService, snapshot.OpenVisitId.Value,
                    new StageExit(before.Get<DateTime>(JourneyTable.StageEnteredOn), before.Get<DateTime?>(JourneyTable.StageDueOn), now));
            }
            if (reopens) Enter(context, target, journeyId, new StageEntry(snapshot.Pathway.Stage(currentStageId), now), statusAfter, reason);
        }

        private static void Enter(LocalPluginContext context, Entity target, Guid journeyId, StageEntry entry, JourneyStatus status, string? reason)
        {
            target[JourneyTable.StageEnteredOn] = entry.EnteredOn;
            target[JourneyTable.StageDueOn] = entry.DueBy;
            target[JourneyTable.Status] = status.ToOption();
            if (status == JourneyStatus.Completed) target[JourneyTable.CompletedOn] = entry.EnteredOn;
            StageVisits.Open(context.UserService, journeyId, entry, reason, context.ExecutionContext.UserId);
            context.Trace("Journey {0} entered stage {1}", journeyId, entry.Stage.Id);
        }
    }
}
