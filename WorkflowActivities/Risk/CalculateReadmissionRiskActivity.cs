using System;
using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.WorkflowActivities.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Risk
{
    /// <summary>
    /// Calculate readmission risk, for classic workflows: the LACE or HOSPITAL score and band from the model's inputs
    /// (a JSON object, as on a risk assessment), the same calculation as pj_CalculateReadmissionRisk and risk
    /// assessment records (<see cref="RiskModels"/>). Saves nothing.
    /// </summary>
    public sealed class CalculateReadmissionRiskActivity : WorkflowActivityBase
    {
        [RequiredArgument]
        [Input("Model (LACE or HOSPITAL)")]
        [AttributeTarget(RiskAssessmentTable.LogicalName, RiskAssessmentTable.Model)]
        public InArgument<OptionSetValue> Model { get; set; } = new InArgument<OptionSetValue>();

        [RequiredArgument]
        [Input("Inputs (JSON)")]
        public InArgument<string> InputsJson { get; set; } = new InArgument<string>();

        [Output("Score")]
        public OutArgument<int> Score { get; set; } = new OutArgument<int>();

        [Output("Band")]
        [AttributeTarget(RiskAssessmentTable.LogicalName, RiskAssessmentTable.Band)]
        public OutArgument<OptionSetValue> Band { get; set; } = new OutArgument<OptionSetValue>();

        protected override void Execute(LocalWorkflowContext context)
        {
            var option = context.Get(Model) ?? throw new BusinessRuleViolation("Choose the risk model: LACE or HOSPITAL.");
            RiskModel model;
            if (option.Value == RiskAssessmentTable.ModelOptions.LACE) model = RiskModel.Lace;
            else if (option.Value == RiskAssessmentTable.ModelOptions.HOSPITAL) model = RiskModel.Hospital;
            else throw new BusinessRuleViolation("Readmission risk is calculated with LACE or HOSPITAL; choose one of them.");
            var score = RiskModels.Calculate(model, RiskInputs.Parse(context.Get(InputsJson)));
            context.Set(Score, (int)Math.Round(score.Value));
            context.Set(Band, new OptionSetValue(score.Band == RiskBand.High ? Choices.RiskBand.High : score.Band == RiskBand.Moderate ? Choices.RiskBand.Medium : Choices.RiskBand.Low));
            context.Tracing.Trace("Readmission risk calculated: model {0}, band {1}", model, score.Band);
        }
    }
}
