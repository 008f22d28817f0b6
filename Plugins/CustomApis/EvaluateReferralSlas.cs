using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.EvaluateReferralSlas;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_EvaluateReferralSlas, for a scheduled flow: time passes without updates, so this finds submitted referrals
    /// past their SLA due time and not yet flagged, flags each with its breach reason, and raises the referral-breached
    /// follow-ups (by default one escalation staff task each; configured rules apply) through the shared follow-up
    /// writer, whose idempotency keys make a repeated or retried run create nothing new.
    /// </summary>
    public sealed class EvaluateReferralSlas : PluginBase
    {
        private const string PatientAlias = "patient";

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
            var patient = query.AddLink(ContactTable.LogicalName, ReferralTable.PatientId, ContactTable.PrimaryId, JoinOperator.Inner);
            patient.EntityAlias = PatientAlias;
            patient.Columns = new ColumnSet(PatientPreferences.Columns);

            var sources = new List<FollowUpSource>();
            foreach (var referral in context.UserService.RetrieveMultiple(query).Entities)
            {
                var breach = ReferralSlaPolicy.FindBreach(ReferralStatus.Submitted, referral.Get<System.DateTime?>(ReferralTable.SlaDueOn), null, now);
                if (breach == null) continue;
                context.UserService.Update(new Entity(ReferralTable.LogicalName, referral.Id)
                {
                    [ReferralTable.SlaBreached] = true,
                    [ReferralTable.BreachReason] = breach.Reason,
                });
                var source = new FollowUpSource(referral.Id, referral.Get<EntityReference>(ReferralTable.PatientId), PatientPreferences.From(referral, PatientAlias))
                {
                    Referral = referral.ToEntityReference(),
                    Journey = referral.Get<EntityReference>(ReferralTable.JourneyId),
                };
                source.Events.Add(new FollowUpEvent(FollowUpTrigger.ReferralBreached, referral.Id, now));
                sources.Add(source);
            }

            if (sources.Count > 0)
            {
                var planner = OrganisationSettings.Load(context.SystemService).FollowUpPlanner();
                var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.ReferralBreached);
                FollowUpWriter.Write(context.UserService, planner, rules, sources, FollowUpTable.ReferralId, now);
            }
            context.ExecutionContext.OutputParameters[Api.OutBreachedCount] = sources.Count;
            context.Trace("Referral SLAs: {0} newly breached", sources.Count);
        }
    }
}
