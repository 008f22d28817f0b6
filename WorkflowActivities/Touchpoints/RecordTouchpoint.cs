using System;
using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Operations;
using PatientJourney.Crm.WorkflowActivities.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Touchpoints
{
    /// <summary>
    /// "Record touchpoint" for classic workflows: records an interaction for a patient or a journey, as custom API
    /// pj_RecordTouchpoint does (same operation, <see cref="TouchpointOperations"/>), and outputs the touchpoint.
    /// Give the patient or the journey. An empty Occurred on means the time the workflow runs.
    /// </summary>
    public sealed class RecordTouchpoint : WorkflowActivityBase
    {
        [Input("Patient")]
        [ReferenceTarget(ContactTable.LogicalName)]
        public InArgument<EntityReference> Patient { get; set; } = new InArgument<EntityReference>();

        [Input("Journey")]
        [ReferenceTarget(JourneyTable.LogicalName)]
        public InArgument<EntityReference> Journey { get; set; } = new InArgument<EntityReference>();

        [RequiredArgument]
        [Input("Type")]
        [AttributeTarget(TouchpointTable.LogicalName, TouchpointTable.Type)]
        public InArgument<OptionSetValue> Type { get; set; } = new InArgument<OptionSetValue>();

        [RequiredArgument]
        [Input("Channel")]
        [AttributeTarget(TouchpointTable.LogicalName, TouchpointTable.Channel)]
        public InArgument<OptionSetValue> Channel { get; set; } = new InArgument<OptionSetValue>();

        [RequiredArgument]
        [Input("Direction")]
        [AttributeTarget(TouchpointTable.LogicalName, TouchpointTable.Direction)]
        public InArgument<OptionSetValue> Direction { get; set; } = new InArgument<OptionSetValue>();

        [Input("Occurred on")]
        public InArgument<DateTime> OccurredOn { get; set; } = new InArgument<DateTime>();

        [Input("Sentiment")]
        [AttributeTarget(TouchpointTable.LogicalName, TouchpointTable.Sentiment)]
        public InArgument<OptionSetValue> Sentiment { get; set; } = new InArgument<OptionSetValue>();

        [Input("Summary")]
        public InArgument<string> Summary { get; set; } = new InArgument<string>();

        [Output("Touchpoint")]
        [ReferenceTarget(TouchpointTable.LogicalName)]
        public OutArgument<EntityReference> Touchpoint { get; set; } = new OutArgument<EntityReference>();

        protected override void Execute(LocalWorkflowContext context)
        {
            var occurredOn = context.Get(OccurredOn);
            var touchpoint = TouchpointOperations.Record(context.UserService, new TouchpointRequest
            {
                Patient = context.Get(Patient),
                Journey = context.Get(Journey),
                Type = context.Get(Type),
                Channel = context.Get(Channel),
                Direction = context.Get(Direction),
                OccurredOn = occurredOn == default ? (DateTime?)null : occurredOn,
                Sentiment = context.Get(Sentiment),
                Summary = context.Get(Summary),
            }, context.Now);
            context.Set(Touchpoint, touchpoint);
        }
    }
}
