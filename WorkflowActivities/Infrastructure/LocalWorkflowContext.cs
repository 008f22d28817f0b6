using System;
using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using PatientJourney.Crm.Infrastructure;

namespace PatientJourney.Crm.WorkflowActivities.Infrastructure
{
    /// <summary>
    /// What one activity execution works with: the activity context (for arguments), the workflow context, tracing,
    /// and the organization services of the workflow's user and of SYSTEM. Built per execution and never stored.
    /// </summary>
    public sealed class LocalWorkflowContext
    {
        private readonly OrganizationServices services;

        public LocalWorkflowContext(CodeActivityContext activityContext)
        {
            ActivityContext = activityContext;
            WorkflowContext = Require<IWorkflowContext>(activityContext);
            Tracing = Require<ITracingService>(activityContext);
            services = new OrganizationServices(Require<IOrganizationServiceFactory>(activityContext), WorkflowContext.UserId);
        }

        /// <summary>Read and write the activity's arguments through this.</summary>
        public CodeActivityContext ActivityContext { get; }

        public IWorkflowContext WorkflowContext { get; }

        public ITracingService Tracing { get; }

        /// <summary>Runs as the workflow's user (the owner, or the caller for on-demand runs); security applies.</summary>
        public IOrganizationService UserService => services.User;

        /// <summary>Runs as SYSTEM: for reads of configuration the user may not have access to.</summary>
        public IOrganizationService SystemService => services.System;

        /// <summary>
        /// The instant of the operation, in UTC: the platform's OperationCreatedOn (as for the plug-ins), or the clock
        /// when the host supplies none.
        /// </summary>
        public DateTime Now =>
            WorkflowContext.OperationCreatedOn == default ? DateTime.UtcNow : DateTime.SpecifyKind(WorkflowContext.OperationCreatedOn, DateTimeKind.Utc);

        public T Get<T>(InArgument<T> argument) => argument.Get(ActivityContext);

        public void Set<T>(OutArgument<T> argument, T value) => argument.Set(ActivityContext, value);

        private static T Require<T>(CodeActivityContext activityContext) where T : class =>
            activityContext.GetExtension<T>()
            ?? throw new InvalidPluginExecutionException($"The workflow host did not supply {typeof(T).Name} to the activity.");
    }
}
