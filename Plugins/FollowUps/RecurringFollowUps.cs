using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// An occurrence of a recurring rule falls due, is completed or fails: the next occurrence is planned
    /// (<see cref="FollowUpRecurrence"/>) the rule's recurrence days after this one's due time, for the same patient,
    /// journey and owner, while the rule is active and the journey has not ended. Runs asynchronously after the status
    /// change commits; the next occurrence's key derives from this one's, so a retried job or a second status change
    /// (due, then completed) finds the occurrence planned before and creates nothing.
    /// </summary>
    [PluginStep("Update", FollowUpTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Asynchronous,
        FilteringAttributes = FollowUpTable.Status,
        PostImageAlias = After, PostImageAttributes = Occurrence)]
    public sealed class RecurringFollowUps : PluginBase
    {
        private const string After = "after";
        private const string Occurrence = FollowUpTable.Status + "," + FollowUpTable.RuleId + "," + FollowUpTable.IdempotencyKey + "," + FollowUpTable.DueOn + ","
            + FollowUpTable.Occurrence + "," + FollowUpTable.PatientId + "," + FollowUpTable.JourneyId + "," + FollowUpTable.AppointmentId + ","
            + FollowUpTable.ReferralId + "," + FollowUpTable.EducationContentId + "," + FollowUpTable.OwnerId;

        protected override void Execute(LocalPluginContext context)
        {
            var after = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The recurring follow-up step is registered without its post-image.");
            if (!FollowUpRecurrence.CallsForNext(FollowUpChoices.ToStatus(after.Get<OptionSetValue>(FollowUpTable.Status)))) return;
            var ruleReference = after.Get<EntityReference>(FollowUpTable.RuleId);
            var key = after.Get<string>(FollowUpTable.IdempotencyKey);
            var dueOn = after.Get<DateTime?>(FollowUpTable.DueOn);
            var patient = after.Get<EntityReference>(FollowUpTable.PatientId);
            if (ruleReference == null || key == null || !dueOn.HasValue || patient == null) return;

            var ruleRow = context.SystemService.Retrieve(FollowUpRuleTable.LogicalName, ruleReference.Id,
                new ColumnSet(ConfiguredFollowUpRules.Columns) { Columns = { FollowUpRuleTable.Statecode } });
            if (ruleRow.Get<int?>(FollowUpRuleTable.RecurrenceDays).GetValueOrDefault() <= 0) return;
            if (ruleRow.Get<OptionSetValue>(FollowUpRuleTable.Statecode)?.Value != FollowUpRuleTable.StatecodeOptions.Active) return;
            var problem = ConfiguredFollowUpRules.ProblemWith(ruleRow);
            if (problem != null)
            {
                context.Trace("Follow-up rule {0} does not recur until it is corrected: {1}", ruleRow.Id, problem);
                return;
            }

            var journey = after.Get<EntityReference>(FollowUpTable.JourneyId);
            if (journey != null)
            {
                var journeyRow = context.UserService.Retrieve(JourneyTable.LogicalName, journey.Id, new ColumnSet(JourneyTable.Status));
                if (!FollowUpRecurrence.Continues(ChoiceMapping.ToJourneyStatus(journeyRow.Get<OptionSetValue>(JourneyTable.Status), JourneyStatus.Active)))
                {
                    context.Trace("Follow-up {0}: the journey has ended, so the rule does not recur", context.ExecutionContext.PrimaryEntityId);
                    return;
                }
            }

            var nextKey = FollowUpRecurrence.NextKey(key);
            var existing = new QueryExpression(FollowUpTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            existing.Criteria.AddCondition(FollowUpTable.IdempotencyKey, ConditionOperator.Equal, nextKey);
            if (context.SystemService.RetrieveMultiple(existing).Entities.Count > 0) return;   // as SYSTEM: the key is unique whoever owns the row

            var planner = OrganisationSettings.Load(context.SystemService).FollowUpPlanner();
            var rule = ConfiguredFollowUpRules.ToRule(ruleRow, planner.Defaults);
            if (!rule.IsActive) return;
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var plan = planner.PlanNextOccurrence(rule, key, after.Get<int?>(FollowUpTable.Occurrence) ?? 1, dueOn.Value, PatientPreferences.From(contact),
                context.Now, after.Get<EntityReference>(FollowUpTable.EducationContentId)?.Id);
            if (plan == null) return;
            var row = FollowUpWriter.NewFollowUp(plan, new FollowUpSource(Guid.Empty, patient, PatientPreferences.From(contact))
            {
                Journey = journey,
                Appointment = after.Get<EntityReference>(FollowUpTable.AppointmentId),
                Referral = after.Get<EntityReference>(FollowUpTable.ReferralId),
            });
            // The next occurrence stays with whoever works this one (a staff task keeps its coordinator).
            var owner = after.Get<EntityReference>(FollowUpTable.OwnerId);
            if (owner != null) row[FollowUpTable.OwnerId] = owner;
            FollowUpWriter.ServiceFor(context, FollowUpWriter.IsStaffTask(row)).Create(row);
            context.Trace("Follow-up {0}: occurrence {1} planned", context.ExecutionContext.PrimaryEntityId, plan.Occurrence ?? 1);
        }
    }
}
