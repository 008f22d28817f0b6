using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Risk
{
    /// <summary>
    /// A risk assessment's score and band are computed from its model and inputs (LACE, HOSPITAL or no-show; see
    /// <see cref="RiskModels"/>) on the same write, so they can never disagree with the inputs. Missing or
    /// out-of-range inputs are refused, naming the input. No service calls.
    /// </summary>
    [PluginStep("Create", RiskAssessmentTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", RiskAssessmentTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = RiskAssessmentTable.Model + "," + RiskAssessmentTable.Inputs + "," + RiskAssessmentTable.Score + "," + RiskAssessmentTable.Band,
        PreImageAlias = PreImage, PreImageAttributes = RiskAssessmentTable.Model + "," + RiskAssessmentTable.Inputs)]
    public sealed class RiskAssessmentScoring : PluginBase
    {
        private const string PreImage = "assessment";

        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            MaintainedColumns.DropCallerValues(context, target);
            var before = context.PreImage(PreImage);
            var model = FollowUpChoices.ToModel(target.Latest<OptionSetValue>(before, RiskAssessmentTable.Model));
            var score = RiskModels.Calculate(model, RiskInputs.Parse(target.Latest<string>(before, RiskAssessmentTable.Inputs)));
            target[RiskAssessmentTable.Score] = score.Value;
            target[RiskAssessmentTable.Band] = score.Band.ToOption();
            if (before == null && !target.Contains(RiskAssessmentTable.AssessedOn)) target[RiskAssessmentTable.AssessedOn] = context.Now;
            context.Trace("Risk assessment scored: model {0}, band {1}", model, score.Band);
        }
    }
}
