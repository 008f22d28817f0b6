using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// A journey is dropped, cancelled or completed, or leaves post-care for an earlier phase (a readmission): its open
    /// follow-ups that no longer make sense are cancelled in the same transaction, each with the reason
    /// (<see cref="JourneyFollowUpClosure"/>). Costs one query for the stages' phases (only when the stage changed),
    /// one for the journey's open follow-ups, and one Update per follow-up cancelled.
    /// </summary>
    [PluginStep("Update", JourneyTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        FilteringAttributes = Followed, PreImageAlias = Before, PreImageAttributes = Followed, PostImageAlias = After, PostImageAttributes = Followed)]
    public sealed class JourneyFollowUpsClosed : PluginBase
    {
        private const string Followed = JourneyTable.CurrentStageId + "," + JourneyTable.Status;
        private const string Before = "before";
        private const string After = "after";
        private static readonly object[] OpenStatuses = { FollowUpTable.StatusOptions.Pending, FollowUpTable.StatusOptions.Due, FollowUpTable.StatusOptions.Suppressed };

        protected override void Execute(LocalPluginContext context)
        {
            var before = context.PreImage(Before) ?? throw new InvalidPluginExecutionException("The journey follow-up step is registered without its pre-image.");
            var after = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The journey follow-up step is registered without its post-image.");
            var stageBefore = before.Get<EntityReference>(JourneyTable.CurrentStageId);
            var stageAfter = after.Get<EntityReference>(JourneyTable.CurrentStageId);
            var wasPostCare = false;
            var isPostCare = false;
            if (stageBefore != null && stageAfter != null && stageBefore.Id != stageAfter.Id)
            {
                var postCare = PostCareStages(context.UserService, stageBefore, stageAfter);
                wasPostCare = postCare.Contains(stageBefore.Id);
                isPostCare = postCare.Contains(stageAfter.Id);
            }
            var closure = JourneyFollowUpClosure.For(
                ChoiceMapping.ToJourneyStatus(before.Get<OptionSetValue>(JourneyTable.Status), JourneyStatus.Active),
                ChoiceMapping.ToJourneyStatus(after.Get<OptionSetValue>(JourneyTable.Status), JourneyStatus.Active),
                wasPostCare, isPostCare);
            if (closure.Scope == ClosedFollowUps.None) return;

            // As SYSTEM, like the follow-up writer: the journey's tasks owned by colleagues the caller cannot see close too.
            var query = new QueryExpression(FollowUpTable.LogicalName) { ColumnSet = new ColumnSet(FollowUpTable.IdempotencyKey, FollowUpTable.Occurrence, FollowUpTable.Kind) };
            query.Criteria.AddCondition(FollowUpTable.JourneyId, ConditionOperator.Equal, context.ExecutionContext.PrimaryEntityId);
            query.Criteria.AddCondition(FollowUpTable.Status, ConditionOperator.In, OpenStatuses);
            var cancelled = 0;
            foreach (var followUp in context.SystemService.RetrieveMultiple(query).Entities
                         .Where(f => closure.Closes(f.Get<string>(FollowUpTable.IdempotencyKey) ?? string.Empty, f.Get<int?>(FollowUpTable.Occurrence))))
            {
                FollowUpWriter.ServiceFor(context, FollowUpWriter.IsStaffTask(followUp)).Update(FollowUpWriter.Cancellation(followUp.Id, closure.Reason!));
                cancelled++;
            }
            context.Trace("Journey {0}: {1} follow-ups cancelled ({2})", context.ExecutionContext.PrimaryEntityId, cancelled, closure.Scope);
        }

        private static System.Collections.Generic.HashSet<System.Guid> PostCareStages(IOrganizationService service, EntityReference before, EntityReference after)
        {
            var query = new QueryExpression(PathwayStageTable.LogicalName) { ColumnSet = new ColumnSet(PathwayStageTable.Phase) };
            query.Criteria.AddCondition(PathwayStageTable.PrimaryId, ConditionOperator.In, before.Id, after.Id);
            return new System.Collections.Generic.HashSet<System.Guid>(service.RetrieveMultiple(query).Entities
                .Where(s => s.Get<OptionSetValue>(PathwayStageTable.Phase)?.Value == PathwayStageTable.PhaseOptions.PostCare).Select(s => s.Id));
        }
    }
}
