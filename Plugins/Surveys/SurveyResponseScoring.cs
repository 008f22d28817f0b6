using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Surveys;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Surveys
{
    /// <summary>
    /// A survey response's NPS category follows its score (0–6 detractor, 7–8 passive, 9–10 promoter) on the same
    /// write; a response without a score is refused. No service calls.
    /// </summary>
    [PluginStep("Create", SurveyResponseTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", SurveyResponseTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous, FilteringAttributes = SurveyResponseTable.Score + "," + SurveyResponseTable.Category)]
    public sealed class SurveyResponseScoring : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            MaintainedColumns.DropCallerValues(context, target);
            var isCreate = context.ExecutionContext.MessageName == "Create";
            if (!isCreate && !target.Contains(SurveyResponseTable.Score)) return;
            var score = target.Get<int?>(SurveyResponseTable.Score)
                ?? throw new BusinessRuleViolation("A survey response needs its score from 0 to 10; enter the score.");
            if (isCreate && target.Get<EntityReference>(SurveyResponseTable.PatientId) == null)
                throw new BusinessRuleViolation("A survey response needs the patient who answered; choose the patient.");
            target[SurveyResponseTable.Category] = new OptionSetValue(CategoryOption(NetPromoter.Categorise(score)));
            if (isCreate && !target.Contains(SurveyResponseTable.RespondedOn)) target[SurveyResponseTable.RespondedOn] = context.Now;
        }

        private static int CategoryOption(NpsCategory category) =>
            category == NpsCategory.Promoter ? SurveyResponseTable.CategoryOptions.Promoter
            : category == NpsCategory.Passive ? SurveyResponseTable.CategoryOptions.Passive
            : SurveyResponseTable.CategoryOptions.Detractor;
    }
}
