using Microsoft.Xrm.Sdk;

namespace Microsoft.Xrm.Sdk.Workflow
{
    /// <summary>Stand-in for <c>Microsoft.Xrm.Sdk.Workflow.IWorkflowContext</c> (sdk-surface.md §5).
    /// <see cref="IExecutionContext"/> declares no <c>ParentContext</c>, so no <c>new</c> modifier is needed.</summary>
    public interface IWorkflowContext : IExecutionContext
    {
        string StageName { get; }

        int WorkflowCategory { get; }

        /// <summary>0 = background (asynchronous), 1 = real-time.</summary>
        int WorkflowMode { get; }

        IWorkflowContext ParentContext { get; }
    }
}
