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
    /// Starting a journey. Before the row is written: it goes on its pathway's first stage (or the valid stage chosen),
    /// with the stage's entered and due times and an active status, unless the patient already has an open journey on
    /// the pathway. After: the first stage visit is opened.
    /// </summary>
    [PluginStep("Create", JourneyTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Create", JourneyTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous)]
    public sealed class JourneyStart : PluginBase
    {
        private const string StageNameKey = "pj_startstagename";
        private const string StageTerminalKey = "pj_startstageterminal";

        protected override void Execute(LocalPluginContext context)
        {
            if (context.ExecutionContext.Stage == (int)PipelineStage.PreOperation) PlaceOnPathway(context);
            else OpenFirstVisit(context);
        }

        private static void PlaceOnPathway(LocalPluginContext context)
        {
            var journey = context.Target;
            MaintainedColumns.DropCallerValues(context, journey);
            var patient = journey.Get<EntityReference>(JourneyTable.PatientId)
                ?? throw new BusinessRuleViolation("Choose the patient the journey is for.");
            var pathway = journey.Get<EntityReference>(JourneyTable.PathwayId)
                ?? throw new BusinessRuleViolation("Choose the care pathway the journey follows.");
            var snapshot = PathwaySnapshot.Load(context.UserService, pathway.Id, patient.Id, null);
            if (snapshot.OtherOpenJourneyId.HasValue)
                throw new BusinessRuleViolation("The patient already has an open journey on this care pathway; continue that journey instead of starting another.");

            var entry = JourneyRules.Start(snapshot.Pathway, journey.Get<EntityReference>(JourneyTable.CurrentStageId)?.Id, context.Now);
            var status = JourneyRules.StatusAfterEntering(entry);
            journey[JourneyTable.CurrentStageId] = new EntityReference(PathwayStageTable.LogicalName, entry.Stage.Id);
            journey[JourneyTable.StageEnteredOn] = entry.EnteredOn;
            journey[JourneyTable.StageDueOn] = entry.DueBy;
            journey[JourneyTable.Status] = status.ToOption();
            if (!journey.Contains(JourneyTable.StartedOn) || journey[JourneyTable.StartedOn] == null) journey[JourneyTable.StartedOn] = entry.EnteredOn;
            if (status == JourneyStatus.Completed) journey[JourneyTable.CompletedOn] = entry.EnteredOn;
            context.ExecutionContext.SharedVariables[StageNameKey] = entry.Stage.Name;
            context.ExecutionContext.SharedVariables[StageTerminalKey] = entry.Stage.IsTerminal;
            context.Trace("Journey placed on stage {0}", entry.Stage.Id);
        }

        private static void OpenFirstVisit(LocalPluginContext context)
        {
            var journey = context.Target;
            var shared = context.ExecutionContext.SharedVariables;
            var stage = new PathwayStage(
                journey.Get<EntityReference>(JourneyTable.CurrentStageId).Id,
                shared.Contains(StageNameKey) ? (string)shared[StageNameKey] : string.Empty,
                0,
                null,
                shared.Contains(StageTerminalKey) && (bool)shared[StageTerminalKey]);
            var entry = new StageEntry(stage, journey.Get<DateTime>(JourneyTable.StageEnteredOn));
            StageVisits.Open(context.UserService, context.ExecutionContext.PrimaryEntityId, entry, null, context.ExecutionContext.UserId);
        }
    }
}
