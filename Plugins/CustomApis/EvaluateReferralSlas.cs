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
    /// pj_EvaluateReferralSlas, for a scheduled flow: time passes without updates, so this first expires submitted
    /// referrals not accepted within pj_ReferralExpiryDays (one Update each: the referral's own steps stamp the move,
    /// record its touchpoint and raise the expired-referral task, <see cref="Referrals.ReferralStatusFollowUps"/>), then finds submitted referrals
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
            var settings = OrganisationSettings.Load(context.SystemService);
            var expired = ExpireUnaccepted(context, settings.ReferralExpiryDays, now);
            var query = new QueryExpression(ReferralTable.LogicalName)
            {
                ColumnSet = new ColumnSet(ReferralTable.PatientId, ReferralTable.JourneyId, ReferralTable.SlaDueOn, ReferralTable.SubmittedOn),
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
                // The submission's status updates still stand: without their event the writer would cancel the unsent ones.
                var submittedOn = referral.Get<System.DateTime?>(ReferralTable.SubmittedOn);
                if (submittedOn.HasValue) source.Events.Add(new FollowUpEvent(FollowUpTrigger.ReferralSubmitted, referral.Id, submittedOn.Value));
                sources.Add(source);
            }

            if (sources.Count > 0)
            {
                var planner = settings.FollowUpPlanner();
                var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.ReferralBreached, FollowUpTrigger.ReferralSubmitted);
                FollowUpWriter.Write(context, planner, rules, sources, FollowUpTable.ReferralId, now);
            }
            context.ExecutionContext.OutputParameters[Api.OutBreachedCount] = sources.Count;
            context.ExecutionContext.OutputParameters[Api.OutExpiredCount] = expired;
            context.Trace("Referral SLAs: {0} expired, {1} newly breached", expired, sources.Count);
        }

        // One query for the submitted referrals past the expiry, then one Update each to Expired.
        private static int ExpireUnaccepted(LocalPluginContext context, int expiryDays, System.DateTime now)
        {
            var cutoff = ReferralFollowUps.SubmittedBefore(now, expiryDays);
            if (!cutoff.HasValue) return 0;
            var query = new QueryExpression(ReferralTable.LogicalName) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(ReferralTable.Status, ConditionOperator.Equal, ReferralTable.StatusOptions.Submitted);
            query.Criteria.AddCondition(ReferralTable.SubmittedOn, ConditionOperator.LessThan, cutoff.Value);
            var referrals = context.UserService.RetrieveMultiple(query).Entities;
            foreach (var referral in referrals)
                context.UserService.Update(new Entity(ReferralTable.LogicalName, referral.Id) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Expired) });
            return referrals.Count;
        }
    }
}
