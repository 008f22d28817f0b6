namespace Microsoft.Xrm.Sdk.Extensions
{
    public static class ContextExtensions
    {
        // Returns the input parameter when present and of type T, otherwise default(T).
        public static T InputParameterOrDefault<T>(this IPluginExecutionContext context, string parameterName)
        {
            object value;
            if (context.InputParameters.TryGetValue(parameterName, out value) && value is T typed)
            {
                return typed;
            }

            return default(T);
        }
    }
}
