using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Operations;
using PatientJourney.Crm.WorkflowActivities.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Journeys
{
    /// <summary>
    /// "Advance journey stage" for classic workflows: moves a journey to a stage of its pathway, as custom API
    /// pj_AdvanceJourney does (same operation, <see cref="JourneyOperations"/>), and outputs the stage visit opened.
    /// The journey-progress rules run on the update: transitions, reasons, closed journeys are enforced there.
    /// </summary>
    public sealed class AdvanceJourneyStage : WorkflowActivityBase
    {
        [RequiredArgument]
        [Input("Journey")]
        [ReferenceTarget(JourneyTable.LogicalName)]
        public InArgument<EntityReference> Journey { get; set; } = new InArgument<EntityReference>();

        [RequiredArgument]
        [Input("Target stage")]
        [ReferenceTarget(PathwayStageTable.LogicalName)]
        public InArgument<EntityReference> TargetStage { get; set; } = new InArgument<EntityReference>();

        [Input("Reason")]
        public InArgument<string> Reason { get; set; } = new InArgument<string>();

        [Output("Stage visit")]
        [ReferenceTarget(JourneyStageHistoryTable.LogicalName)]
        public OutArgument<EntityReference> StageVisit { get; set; } = new OutArgument<EntityReference>();

        protected override void Execute(LocalWorkflowContext context)
        {
            var opened = JourneyOperations.Advance(context.UserService, context.Get(Journey), context.Get(TargetStage), context.Get(Reason));
            context.Set(StageVisit, opened!);
        }
    }
}
