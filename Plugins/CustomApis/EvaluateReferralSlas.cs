using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.EvaluateReferralSlas;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_EvaluateReferralSlas, for a scheduled flow: time passes without updates, so this finds submitted referrals
    /// past their SLA due time and not yet flagged, flags each with its breach reason, and creates one escalation
    /// staff task each. The follow-up's idempotency key makes a repeated or retried run create nothing new.
    /// </summary>
    public sealed class EvaluateReferralSlas : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var now = context.Now;
            var query = new QueryExpression(ReferralTable.LogicalName)
            {
                ColumnSet = new ColumnSet(ReferralTable.PatientId, ReferralTable.JourneyId, ReferralTable.SlaDueOn),
            };
            query.Criteria.AddCondition(ReferralTable.Status, ConditionOperator.Equal, ReferralTable.StatusOptions.Submitted);
            query.Criteria.AddCondition(ReferralTable.SlaDueOn, ConditionOperator.LessThan, now);
            // Not yet flagged: false, or never set (a null never matches "not equal").
            var notFlagged = query.Criteria.AddFilter(LogicalOperator.Or);
            notFlagged.AddCondition(ReferralTable.SlaBreached, ConditionOperator.Equal, false);
            notFlagged.AddCondition(ReferralTable.SlaBreached, ConditionOperator.Null);

            var count = 0;
            foreach (var referral in context.UserService.RetrieveMultiple(query).Entities)
            {
                var breach = ReferralSlaPolicy.FindBreach(ReferralStatus.Submitted, referral.GetAttributeValue<System.DateTime?>(ReferralTable.SlaDueOn), null, now);
                if (breach == null) continue;
                context.UserService.Update(new Entity(ReferralTable.LogicalName, referral.Id)
                {
                    [ReferralTable.SlaBreached] = true,
                    [ReferralTable.BreachReason] = breach.Reason,
                });
                CreateEscalation(context, referral, now);
                count++;
            }
            context.ExecutionContext.OutputParameters[Api.OutBreachedCount] = count;
            context.Trace("Referral SLAs: {0} newly breached", count);
        }

        private static void CreateEscalation(LocalPluginContext context, Entity referral, System.DateTime now)
        {
            var rule = new FollowUpRule(FollowUpTrigger.ReferralBreached, FollowUpType.ReferralEscalation, FollowUpKind.StaffTask, System.TimeSpan.Zero);
            var key = FollowUpPlanner.KeyFor(rule, new FollowUpEvent(FollowUpTrigger.ReferralBreached, referral.Id, now));
            var followUp = new Entity(FollowUpTable.LogicalName, FollowUpTable.IdempotencyKey, key)
            {
                [FollowUpTable.Name] = "Referral SLA breached: escalate",
                [FollowUpTable.Kind] = new OptionSetValue(Choices.FollowUpKind.StaffTask),
                [FollowUpTable.Type] = new OptionSetValue(Choices.FollowUpType.ReferralEscalation),
                [FollowUpTable.DueOn] = now,
                [FollowUpTable.Status] = new OptionSetValue(FollowUpTable.StatusOptions.Pending),
                [FollowUpTable.PatientId] = referral.GetAttributeValue<EntityReference>(ReferralTable.PatientId),
                [FollowUpTable.ReferralId] = referral.ToEntityReference(),
                [FollowUpTable.IdempotencyKey] = key,
            };
            var journey = referral.GetAttributeValue<EntityReference>(ReferralTable.JourneyId);
            if (journey != null) followUp[FollowUpTable.JourneyId] = journey;
            context.UserService.Execute(new UpsertRequest { Target = followUp });
        }
    }
}
