using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// A follow-up rule is saved: it must be usable (<see cref="FollowUpRuleCheck"/>), so a half-configured rule is
    /// refused with what to fix instead of breaking every booking that loads rules for its trigger. Its segment must
    /// be one some patient can be in (age band, language), and a stage it is limited to must belong to the pathway it
    /// is limited to (one Retrieve, only when both are set); otherwise no service calls.
    /// </summary>
    [PluginStep("Create", FollowUpRuleTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", FollowUpRuleTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = Checked, PreImageAlias = Before, PreImageAttributes = Checked)]
    public sealed class FollowUpRuleSaved : PluginBase
    {
        private const string Checked = FollowUpRuleTable.Trigger + "," + FollowUpRuleTable.Type + "," + FollowUpRuleTable.Kind + "," + FollowUpRuleTable.OffsetMinutes + ","
            + FollowUpRuleTable.MinimumAge + "," + FollowUpRuleTable.MaximumAge + "," + FollowUpRuleTable.Language + "," + FollowUpRuleTable.EducationContentId + ","
            + FollowUpRuleTable.PathwayId + "," + FollowUpRuleTable.StageId;
        private const string Before = "rule";

        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            var before = context.PreImage(Before);
            FollowUpRuleCheck.Ensure(
                FollowUpChoices.KnownTrigger(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Trigger)),
                FollowUpChoices.KnownType(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Type)),
                FollowUpChoices.KnownKind(target.Latest<OptionSetValue>(before, FollowUpRuleTable.Kind)),
                target.Latest<int?>(before, FollowUpRuleTable.OffsetMinutes),
                new FollowUpSegment(target.Latest<int?>(before, FollowUpRuleTable.MinimumAge), target.Latest<int?>(before, FollowUpRuleTable.MaximumAge),
                    target.Latest<string>(before, FollowUpRuleTable.Language)),
                target.Latest<EntityReference>(before, FollowUpRuleTable.EducationContentId) != null);

            var pathway = target.Latest<EntityReference>(before, FollowUpRuleTable.PathwayId);
            var stage = target.Latest<EntityReference>(before, FollowUpRuleTable.StageId);
            if (pathway == null || stage == null) return;
            var stageRow = context.SystemService.Retrieve(PathwayStageTable.LogicalName, stage.Id, new ColumnSet(PathwayStageTable.PathwayId));
            if (stageRow.Get<EntityReference>(PathwayStageTable.PathwayId)?.Id != pathway.Id)
                throw new BusinessRuleViolation("The follow-up rule's stage belongs to another pathway, so the rule would never apply; choose a stage of the rule's pathway, or clear the pathway.");
        }
    }
}
