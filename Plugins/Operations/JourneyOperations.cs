using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Operations
{
    /// <summary>
    /// Advancing a journey, as custom API pj_AdvanceJourney and the classic-workflow activity "Advance journey stage"
    /// both do it (compiled into both shipped assemblies). The stage change itself is the journey-progress rules running
    /// on the update, exactly as when a user changes the stage on the form.
    /// </summary>
    internal static class JourneyOperations
    {
        /// <summary>The length of pj_stagechangereason, where the reason is kept until the stage visit records it.</summary>
        private const int ReasonLength = 2000;

        /// <summary>
        /// Moves <paramref name="journey"/> to <paramref name="targetStage"/>, with <paramref name="reason"/> recorded on
        /// the stage visit, and returns the stage visit opened. Two reads and one write: the journey's existence, the
        /// update, the visit opened.
        /// </summary>
        public static EntityReference? Advance(IOrganizationService service, EntityReference? journey, EntityReference? targetStage, string? reason)
        {
            if (journey == null) throw new BusinessRuleViolation("Give the journey to advance (the Journey parameter).");
            if (targetStage == null) throw new BusinessRuleViolation("Give the stage to move the journey to (the TargetStage parameter).");
            if (journey.LogicalName != JourneyTable.LogicalName) throw new BusinessRuleViolation("The Journey parameter must be a journey.");
            if (targetStage.LogicalName != PathwayStageTable.LogicalName) throw new BusinessRuleViolation("The TargetStage parameter must be a pathway stage.");
            TextParameter.EnsureFits(reason, "Reason", ReasonLength);
            var current = Records.EnsureExists(service, journey, "journey", JourneyTable.CurrentStageId).Get<EntityReference>(JourneyTable.CurrentStageId);
            if (current != null && current.Id == targetStage.Id) throw new BusinessRuleViolation("The journey is already in that stage; choose the stage to move it to.");

            var update = new Entity(JourneyTable.LogicalName, journey.Id) { [JourneyTable.CurrentStageId] = new EntityReference(PathwayStageTable.LogicalName, targetStage.Id) };
            if (!string.IsNullOrWhiteSpace(reason)) update[JourneyTable.StageChangeReason] = reason;
            service.Update(update);

            var visits = new QueryExpression(JourneyStageHistoryTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            visits.Criteria.AddCondition(JourneyStageHistoryTable.JourneyId, ConditionOperator.Equal, journey.Id);
            // The newest visit to the target stage: by stage as well as time, since a journey started and advanced in
            // the same second has two visits entered at the same instant.
            visits.Criteria.AddCondition(JourneyStageHistoryTable.StageId, ConditionOperator.Equal, targetStage.Id);
            visits.AddOrder(JourneyStageHistoryTable.EnteredOn, OrderType.Descending);
            visits.AddOrder(JourneyStageHistoryTable.CreatedOn, OrderType.Descending);
            var opened = service.RetrieveMultiple(visits).Entities;
            return opened.Count > 0 ? opened[0].ToEntityReference() : null;
        }
    }
}
