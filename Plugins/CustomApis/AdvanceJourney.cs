using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.AdvanceJourney;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_AdvanceJourney: moves a journey to a stage, exactly as a user changing the stage on the form would (the
    /// journey-progress rules run on the update), and returns the stage visit opened.
    /// </summary>
    public sealed class AdvanceJourney : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var journey = context.Input<EntityReference>(Api.InJourney);
            var stage = context.Input<EntityReference>(Api.InTargetStage);
            if (journey.LogicalName != JourneyTable.LogicalName) throw new BusinessRuleViolation("The Journey parameter must be a journey.");
            if (stage.LogicalName != PathwayStageTable.LogicalName) throw new BusinessRuleViolation("The TargetStage parameter must be a pathway stage.");
            Records.EnsureExists(context.UserService, journey, "journey");

            var update = new Entity(JourneyTable.LogicalName, journey.Id) { [JourneyTable.CurrentStageId] = stage };
            var reason = context.OptionalInput<string>(Api.InReason);
            if (reason != null) update[JourneyTable.StageChangeReason] = reason;
            context.UserService.Update(update);

            var visits = new QueryExpression(JourneyStageHistoryTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            visits.Criteria.AddCondition(JourneyStageHistoryTable.JourneyId, ConditionOperator.Equal, journey.Id);
            visits.Criteria.AddCondition(JourneyStageHistoryTable.StageId, ConditionOperator.Equal, stage.Id);
            visits.AddOrder(JourneyStageHistoryTable.EnteredOn, OrderType.Descending);
            var opened = context.UserService.RetrieveMultiple(visits).Entities;
            context.ExecutionContext.OutputParameters[Api.OutStageHistory] = opened.Count > 0 ? opened[0].ToEntityReference() : null;
        }
    }
}
