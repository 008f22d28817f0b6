using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CompleteFollowUp;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_CompleteFollowUp: a flow or a staff member closes a follow-up with its outcome — completed when delivery
    /// succeeded, failed otherwise (a failed one may be completed on a later attempt). Completing a completed one again
    /// changes nothing and answers AlreadyClosed, so a retried flow is harmless and can tell; cancelled and suppressed
    /// follow-ups were never to be delivered and are refused.
    /// </summary>
    public sealed class CompleteFollowUp : PluginBase
    {
        /// <summary>The length of pj_outcome.</summary>
        private const int OutcomeLength = 2000;

        protected override void Execute(LocalPluginContext context)
        {
            var reference = context.Input<EntityReference>(Api.InFollowUp);
            if (reference.LogicalName != FollowUpTable.LogicalName) throw new BusinessRuleViolation("Give a follow-up to complete.");
            var succeeded = context.OptionalValue<bool>(Api.InSucceeded) ?? throw new BusinessRuleViolation("Say whether the follow-up was delivered (Succeeded).");
            var outcome = context.OptionalInput<string>(Api.InOutcome);
            TextParameter.EnsureFits(outcome, Api.InOutcome, OutcomeLength);
            var followUp = Records.EnsureExists(context.UserService, reference, "follow-up", FollowUpTable.Status);
            var status = followUp.Get<OptionSetValue>(FollowUpTable.Status)?.Value;
            if (status == FollowUpTable.StatusOptions.Cancelled)
                throw new BusinessRuleViolation("The follow-up was cancelled, so it cannot be completed; it needs no delivery.");
            if (status == FollowUpTable.StatusOptions.Suppressed)
                throw new BusinessRuleViolation("The follow-up is suppressed because the patient allows no channel for it; it cannot be completed.");
            var alreadyClosed = status == FollowUpTable.StatusOptions.Completed;
            context.ExecutionContext.OutputParameters[Api.OutAlreadyClosed] = alreadyClosed;
            if (alreadyClosed) return;

            var update = new Entity(FollowUpTable.LogicalName, reference.Id)
            {
                [FollowUpTable.Status] = new OptionSetValue(succeeded ? FollowUpTable.StatusOptions.Completed : FollowUpTable.StatusOptions.Failed),
            };
            if (succeeded) update[FollowUpTable.CompletedOn] = context.Now;
            if (outcome != null) update[FollowUpTable.Outcome] = outcome;
            context.UserService.Update(update);
            context.Trace("Follow-up {0} closed, delivered: {1}", reference.Id, succeeded);
        }
    }
}
