using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace RepresentativePlugin
{
    /// <summary>
    /// The workflow-activity half of sdk-surface.md Appendix A: a CodeActivity with [Input], [Output],
    /// [ReferenceTarget], [AttributeTarget], [Default] and [RequiredArgument], using
    /// GetExtension&lt;IWorkflowContext/IOrganizationServiceFactory/ITracingService&gt;.
    /// Only the EntityReference argument is read (Appendix A lists no other argument member that mentions the SDK).
    /// </summary>
    public sealed class RepresentativeFollowUpActivity : CodeActivity
    {
        [RequiredArgument]
        [Input("Journey")]
        [ReferenceTarget("pj_journey")]
        public InArgument<EntityReference> Journey { get; set; }

        [Input("Channel")]
        [AttributeTarget("pj_touchpoint", "pj_channel")]
        public InArgument<OptionSetValue> Channel { get; set; }

        [Input("Offset (days)")]
        [Default("3")]
        public InArgument<int> OffsetDays { get; set; }

        [Output("Summary")]
        public OutArgument<string> Summary { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            IWorkflowContext workflowContext = context.GetExtension<IWorkflowContext>();
            IOrganizationServiceFactory factory = context.GetExtension<IOrganizationServiceFactory>();
            ITracingService tracing = context.GetExtension<ITracingService>();
            IOrganizationService service = factory.CreateOrganizationService(workflowContext.UserId);

            EntityReference journey = Journey.Get(context);
            int offsetDays = OffsetDays.Get(context);
            tracing.Trace(
                "{0} category {1} mode {2}: {3} in {4} days",
                workflowContext.StageName,
                workflowContext.WorkflowCategory,
                workflowContext.WorkflowMode,
                journey.LogicalName,
                offsetDays);

            var followUp = new Entity("pj_followup");
            followUp["pj_journeyid"] = journey;
            service.Create(followUp);
            Summary.Set(context, journey.Name);
        }
    }
}
