using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CalculateReadmissionRisk;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_CalculateReadmissionRisk (function): the LACE or HOSPITAL score and band from the model's inputs, without
    /// saving anything — the same calculation a risk assessment record gets (<see cref="RiskModels"/>). No service calls.
    /// </summary>
    public sealed class CalculateReadmissionRisk : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var model = FollowUpChoices.ToModel(context.Input<OptionSetValue>(Api.InModel));
            if (!RiskModels.IsReadmissionModel(model)) throw new BusinessRuleViolation("Readmission risk is calculated with LACE or HOSPITAL; choose one of them.");
            var score = RiskModels.Calculate(model, RiskInputs.Parse(context.OptionalInput<string>(Api.InInputsJson)));
            context.ExecutionContext.OutputParameters[Api.OutScore] = (int)Math.Round(score.Value);
            context.ExecutionContext.OutputParameters[Api.OutBand] = score.Band.ToOption();
        }
    }
}
