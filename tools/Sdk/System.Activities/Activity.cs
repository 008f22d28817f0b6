// Stand-in for the .NET Framework 4.x System.Activities types that custom workflow activities use (net10.0 only; the
// net462 builds compile against the genuine System.Activities.dll from Microsoft.NETFramework.ReferenceAssemblies).
//
// Declaring types and signatures were checked against the genuine reference assembly
// (microsoft.netframework.referenceassemblies.net462 1.0.3, build/.NETFramework/v4.6.2/System.Activities.dll,
// System.Activities 4.0.0.0 31bf3856ad364e35) and against learn.microsoft.com:
//   * Activity: public abstract, protected ctor.
//   * CodeActivity : Activity: public abstract, protected ctor, protected abstract void Execute(CodeActivityContext).
//   * ActivityContext: public (not abstract), no public/protected ctor, T GetExtension<T>() where T : class.
//   * CodeActivityContext : ActivityContext: public, not sealed, no public/protected ctor.
//   * Argument, InArgument, OutArgument, InOutArgument: public abstract, no public/protected ctor.
//   * InArgument<T> : InArgument, OutArgument<T> : OutArgument, InOutArgument<T> : InOutArgument: public sealed.
//     "T Get(ActivityContext)" and "void Set(ActivityContext, T)" are declared on each GENERIC class
//     (docs: "InArgument<T>.Get(ActivityContext) Method", "InOutArgument<T>.Get(ActivityContext) Method";
//     the non-generic Argument declares separate "object Get(ActivityContext)" / "T Get<T>(ActivityContext)" /
//     "void Set(ActivityContext, object)" overloads, which this stand-in leaves out). sdk-surface.md Appendix A
//     confirms the binding: "System.Activities.InArgument<Microsoft.Xrm.Sdk.EntityReference>::Get : !0 (ActivityContext)".
//   * InArgument<T>: public ctors () and (T constant); public static implicit operator InArgument<T>(T constant).
//   * RequiredArgumentAttribute: public sealed, [AttributeUsage(AttributeTargets.Property)].
//   * WorkflowInvoker: public sealed, ctor (Activity), Extensions { get; } of type
//     System.Activities.Hosting.WorkflowInstanceExtensionManager, static Invoke(Activity, IDictionary<string, object>),
//     instance Invoke(IDictionary<string, object>).
//   * WorkflowInstanceExtensionManager: public class, public ctor, public virtual void Add(object),
//     public virtual void Add<T>(Func<T>) where T : class.
// Everything else of the genuine assembly is left out.

namespace System.Activities
{
    /// <summary>Base class of all activities.</summary>
    public abstract class Activity
    {
        protected Activity()
        {
        }

        internal string DisplayNameOrTypeName
        {
            get { return GetType().Name; }
        }
    }
}
