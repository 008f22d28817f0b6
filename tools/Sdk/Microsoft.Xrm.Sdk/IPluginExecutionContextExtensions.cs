namespace Microsoft.Xrm.Sdk
{
    public static class IPluginExecutionContextExtensions
    {
        // Pre-operation (20) through post-operation (40) run inside the main transaction.
        public static bool IsWithinMainTransaction(this IPluginExecutionContext context)
        {
            return context.Stage >= 20 && context.Stage <= 40;
        }

        // The platform passes this flag in SharedVariables["IsAutoTransact"]; a missing key throws, as in the SDK.
        public static bool IsAutoTransact(this IPluginExecutionContext context)
        {
            return (bool)context.SharedVariables["IsAutoTransact"];
        }
    }
}
