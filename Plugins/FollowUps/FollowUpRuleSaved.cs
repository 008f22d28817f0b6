using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// A follow-up rule is saved: it must be usable (<see cref="FollowUpRuleCheck"/>), so a half-configured rule is
    /// refused with what to fix instead of breaking every booking that loads rules for its trigger. No service calls.
    /// </summary>
    [PluginStep("Create", FollowUpRuleTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", FollowUpRuleTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = Checked, PreImageAlias = Before, PreImageAttributes = Checked)]
    public sealed class FollowUpRuleSaved : PluginBase
    {
        private const string Checked = FollowUpRuleTable.Trigger + "," + FollowUpRuleTable.Type + "," + FollowUpRuleTable.Kind + "," + FollowUpRuleTable.OffsetMinutes;
        private const string Before = "rule";

        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            var before = context.PreImage(Before);
            FollowUpRuleCheck.Ensure(
                FollowUpChoices.KnownTrigger(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Trigger)),
                FollowUpChoices.KnownType(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Type)),
                FollowUpChoices.KnownKind(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Kind)),
                target.Latest<int?>(before, FollowUpRuleTable.OffsetMinutes));
        }
    }
}
