using System.Activities;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Infrastructure
{
    /// <summary>
    /// Base of every custom workflow activity: resolves the workflow context, tracing and organization services
    /// through <see cref="CodeActivityContext.GetExtension{T}"/> into a <see cref="LocalWorkflowContext"/>, applies
    /// the same error policy as the plug-ins, and hands over to <see cref="Execute(LocalWorkflowContext)"/>.
    /// The platform caches activity instances: derived classes keep no state outside their arguments.
    /// </summary>
    public abstract class WorkflowActivityBase : CodeActivity
    {
        protected sealed override void Execute(CodeActivityContext executionContext)
        {
            var context = new LocalWorkflowContext(executionContext);
            ExecutionGuard.Run(context.Tracing, GetType().Name, () => Execute(context));
        }

        /// <summary>The activity's work: read its input arguments, call the domain rules, set its output arguments.</summary>
        protected abstract void Execute(LocalWorkflowContext context);
    }
}
