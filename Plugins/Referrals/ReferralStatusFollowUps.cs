using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Referrals
{
    /// <summary>
    /// A referral moved to submitted, accepted, scheduled, rejected or expired: the follow-up rules of that move's
    /// trigger apply (built in: the status to the patient and to the referring provider; on expiry a task to tell the
    /// referrer), keyed by the referral so a replayed step creates nothing twice. Updates of an earlier status not yet
    /// sent are cancelled as superseded. Runs after the move is saved, so the follow-ups can link the referral.
    /// </summary>
    [PluginStep("Create", ReferralTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        PostImageAlias = After, PostImageAttributes = Columns)]
    [PluginStep("Update", ReferralTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        FilteringAttributes = ReferralTable.Status, PreImageAlias = Before, PreImageAttributes = ReferralTable.Status,
        PostImageAlias = After, PostImageAttributes = Columns)]
    public sealed class ReferralStatusFollowUps : PluginBase
    {
        private const string Before = "before";
        private const string After = "after";
        private const string Columns = ReferralTable.Status + "," + ReferralTable.PatientId + "," + ReferralTable.JourneyId;

        protected override void Execute(LocalPluginContext context)
        {
            var after = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The referral status step is registered without its post-image.");
            var status = ChoiceMapping.ToReferralStatus(after.Get<OptionSetValue>(ReferralTable.Status), ReferralStatus.Draft);
            var before = context.PreImage(Before);
            if (before != null && ChoiceMapping.ToReferralStatus(before.Get<OptionSetValue>(ReferralTable.Status), ReferralStatus.Draft) == status) return;
            var trigger = ReferralFollowUps.TriggerFor(status);
            var patient = after.Get<EntityReference>(ReferralTable.PatientId);
            if (!trigger.HasValue || patient == null) return;

            var planner = OrganisationSettings.Load(context.SystemService).FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, trigger.Value);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var referral = new EntityReference(ReferralTable.LogicalName, context.ExecutionContext.PrimaryEntityId);
            var source = new FollowUpSource(referral.Id, patient, PatientPreferences.From(contact))
            {
                Referral = referral,
                Journey = after.Get<EntityReference>(ReferralTable.JourneyId),
                NoLongerNeeded = "The referral has moved on to another status, so this update is no longer due.",
            };
            source.Events.Add(new FollowUpEvent(trigger.Value, referral.Id, context.Now));
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.ReferralId, context.Now);
            context.Trace("Referral {0} {1}: {2} follow-ups created, {3} superseded", referral.Id, status, written.Created, written.Cancelled);
        }
    }
}
