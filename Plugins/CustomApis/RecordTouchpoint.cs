using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Operations;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.RecordTouchpoint;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_RecordTouchpoint: records an interaction for a patient or a journey. The touchpoint rules (joining the
    /// patient's open journey, updating the journey's last touchpoint and count) run on the create. The operation is
    /// shared with the classic-workflow activity "Record touchpoint" (<see cref="TouchpointOperations"/>).
    /// </summary>
    public sealed class RecordTouchpoint : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var touchpoint = TouchpointOperations.Record(context.UserService, new TouchpointRequest
            {
                Patient = context.OptionalInput<EntityReference>(Api.InPatient),
                Journey = context.OptionalInput<EntityReference>(Api.InJourney),
                Type = context.Input<OptionSetValue>(Api.InType),
                Channel = context.Input<OptionSetValue>(Api.InChannel),
                Direction = context.Input<OptionSetValue>(Api.InDirection),
                OccurredOn = context.OptionalValue<DateTime>(Api.InOccurredOn),
                Sentiment = context.OptionalInput<OptionSetValue>(Api.InSentiment),
                Summary = context.OptionalInput<string>(Api.InSummary),
            }, context.Now);
            context.ExecutionContext.OutputParameters[Api.OutTouchpoint] = touchpoint;
        }
    }
}
