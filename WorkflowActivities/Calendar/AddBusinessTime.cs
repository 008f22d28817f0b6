using System;
using System.Activities;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Operations;
using PatientJourney.Crm.WorkflowActivities.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Calendar
{
    /// <summary>
    /// "Add business time" for classic workflows: the instant a number of business hours after a start, counted on the
    /// organisation's business calendar (business hours, time zone and holidays from the environment variables), e.g.
    /// to set a due date a workflow waits on. Nights, weekends and holidays do not count.
    /// </summary>
    public sealed class AddBusinessTime : WorkflowActivityBase
    {
        [RequiredArgument]
        [Input("Start")]
        public InArgument<DateTime> Start { get; set; } = new InArgument<DateTime>();

        [RequiredArgument]
        [Input("Business hours")]
        public InArgument<decimal> BusinessHours { get; set; } = new InArgument<decimal>();

        [Output("Result")]
        public OutArgument<DateTime> Result { get; set; } = new OutArgument<DateTime>();

        protected override void Execute(LocalWorkflowContext context)
        {
            context.Set(Result, BusinessTimeOperations.AddBusinessHours(context.SystemService, context.Get(Start), context.Get(BusinessHours)));
        }
    }
}
