using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Referrals
{
    /// <summary>
    /// A referral is created or moves through its lifecycle. Illegal moves are refused naming both states; each move
    /// stamps its time and records a touchpoint; submission (and a priority change while submitted) sets the SLA due
    /// time in business time; the first acceptance or rejection is the first response; acceptance after the due time
    /// flags the breach; acceptance of a referral mapped to a pathway starts the patient's journey on it, or links the
    /// open one, with the referral as its source.
    /// </summary>
    [PluginStep("Create", ReferralTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", ReferralTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = ReferralTable.Status + "," + ReferralTable.Priority + "," + ReferralTable.SubmittedOn + "," + ReferralTable.AcceptedOn + ","
            + ReferralTable.ScheduledOn + "," + ReferralTable.CompletedOn + "," + ReferralTable.FirstResponseOn + "," + ReferralTable.SlaDueOn + ","
            + ReferralTable.SlaBreached + "," + ReferralTable.BreachReason,
        PreImageAlias = PreImage,
        PreImageAttributes = ReferralTable.Status + "," + ReferralTable.Priority + "," + ReferralTable.SubmittedOn + "," + ReferralTable.SlaDueOn + ","
            + ReferralTable.FirstResponseOn + "," + ReferralTable.PatientId + "," + ReferralTable.PathwayId + "," + ReferralTable.JourneyId + "," + ReferralTable.RejectionReason)]
    public sealed class ReferralProgress : PluginBase
    {
        private const string PreImage = "referral";

        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            MaintainedColumns.DropCallerValues(context, target);
            var before = context.PreImage(PreImage);
            var from = ChoiceMapping.ToReferralStatus(before?.Get<OptionSetValue>(ReferralTable.Status), ReferralStatus.Draft);
            var to = ChoiceMapping.ToReferralStatus(target.Latest<OptionSetValue>(before, ReferralTable.Status), ReferralStatus.Draft);
            var priority = ChoiceMapping.ToReferralPriority(target.Latest<OptionSetValue>(before, ReferralTable.Priority), ReferralPriority.Routine);
            if (before == null)
            {
                target[ReferralTable.Status] = to.ToOption();
                target[ReferralTable.Priority] = priority.ToOption();
            }
            var moves = from != to;
            if (moves) ReferralLifecycle.EnsureMove(from, to, target.Latest<string>(before, ReferralTable.RejectionReason));
            var repriced = before != null && target.Changes(before, ReferralTable.Priority) && to == ReferralStatus.Submitted;
            if (!moves && !repriced) return;

            var now = context.Now;
            if (moves) Stamp(target, before, to, now);
            if ((moves && to == ReferralStatus.Submitted) || repriced)
            {
                var settings = OrganisationSettings.Load(context.SystemService);
                target[ReferralTable.SlaDueOn] = settings.ReferralSla.DueBy(priority, target.Latest<DateTime>(before, ReferralTable.SubmittedOn));
            }
            if (!moves) return;

            if (to == ReferralStatus.Accepted)
            {
                var breach = ReferralSlaPolicy.FindBreach(to, target.Latest<DateTime?>(before, ReferralTable.SlaDueOn), now, now);
                if (breach != null)
                {
                    target[ReferralTable.SlaBreached] = true;
                    target[ReferralTable.BreachReason] = breach.Reason;
                }
                StartOrLinkJourney(context, target, before);
            }
            RecordTouchpoint(context, target, before, to, now);
            context.Trace("Referral moved from {0} to {1}", from, to);
        }

        private static void Stamp(Entity target, Entity? before, ReferralStatus to, DateTime now)
        {
            switch (to)
            {
                case ReferralStatus.Submitted: target[ReferralTable.SubmittedOn] = now; break;
                case ReferralStatus.Accepted: target[ReferralTable.AcceptedOn] = now; break;
                case ReferralStatus.Scheduled: target[ReferralTable.ScheduledOn] = now; break;
                case ReferralStatus.Completed: target[ReferralTable.CompletedOn] = now; break;
            }
            if ((to == ReferralStatus.Accepted || to == ReferralStatus.Rejected) && target.Latest<DateTime?>(before, ReferralTable.FirstResponseOn) == null)
                target[ReferralTable.FirstResponseOn] = now;
        }

        private static void StartOrLinkJourney(LocalPluginContext context, Entity target, Entity? before)
        {
            var pathway = target.Latest<EntityReference>(before, ReferralTable.PathwayId);
            if (pathway == null || target.Latest<EntityReference>(before, ReferralTable.JourneyId) != null) return;
            var patient = Patient(target, before);
            var query = new QueryExpression(JourneyTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            query.Criteria.AddCondition(JourneyTable.PatientId, ConditionOperator.Equal, patient.Id);
            query.Criteria.AddCondition(JourneyTable.PathwayId, ConditionOperator.Equal, pathway.Id);
            query.Criteria.AddCondition(JourneyTable.Status, ConditionOperator.In, JourneyTable.StatusOptions.Active, JourneyTable.StatusOptions.OnHold);
            var open = context.UserService.RetrieveMultiple(query).Entities;
            if (open.Count > 0)
            {
                target[ReferralTable.JourneyId] = open[0].ToEntityReference();
                return;
            }
            var journeyId = context.UserService.Create(new Entity(JourneyTable.LogicalName)
            {
                [JourneyTable.Name] = "Journey from referral",
                [JourneyTable.PatientId] = patient,
                [JourneyTable.PathwayId] = pathway,
                [JourneyTable.SourceReferralId] = new EntityReference(ReferralTable.LogicalName, context.ExecutionContext.PrimaryEntityId),
            });
            target[ReferralTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journeyId);
        }

        private static void RecordTouchpoint(LocalPluginContext context, Entity target, Entity? before, ReferralStatus to, DateTime now)
        {
            var touchpoint = new Entity(TouchpointTable.LogicalName)
            {
                [TouchpointTable.Name] = "Referral " + to.ToString().ToLowerInvariant(),
                [TouchpointTable.PatientId] = Patient(target, before),
                [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Referral),
                [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Internal),
                [TouchpointTable.OccurredOn] = now,
            };
            var journey = target.Latest<EntityReference>(before, ReferralTable.JourneyId);
            if (journey != null) touchpoint[TouchpointTable.JourneyId] = journey;
            context.UserService.Create(touchpoint);
        }

        private static EntityReference Patient(Entity target, Entity? before) =>
            target.Latest<EntityReference>(before, ReferralTable.PatientId) ?? throw new BusinessRuleViolation("Choose the patient the referral is for.");
    }
}
