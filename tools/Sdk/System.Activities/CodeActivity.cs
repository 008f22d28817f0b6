namespace System.Activities
{
    /// <summary>An activity whose behaviour is a single <see cref="Execute"/> override.</summary>
    public abstract class CodeActivity : Activity
    {
        protected CodeActivity()
        {
        }

        protected abstract void Execute(CodeActivityContext context);

        internal void ExecuteCore(CodeActivityContext context)
        {
            Execute(context);
        }
    }
}
