using System.Activities.Hosting;
using System.Collections.Generic;
using System.Reflection;

namespace System.Activities
{
    /// <summary>Runs an activity synchronously on the calling thread (stand-in: CodeActivity-derived activities only).</summary>
    /// <remarks>
    /// Inputs are matched by property name to the activity's public InArgument/InOutArgument properties; unknown
    /// names and values of the wrong type throw <see cref="ArgumentException"/>. An input argument marked
    /// <see cref="RequiredArgumentAttribute"/> that is neither supplied nor bound to a constant throws
    /// <see cref="ArgumentException"/> naming it. The result holds every OutArgument/InOutArgument property by name.
    /// Argument properties left null are given a fresh argument first, as the real runtime does.
    /// </remarks>
    public sealed class WorkflowInvoker
    {
        private readonly Activity _workflow;
        private readonly WorkflowInstanceExtensionManager _extensions = new WorkflowInstanceExtensionManager();

        public WorkflowInvoker(Activity workflow)
        {
            if (workflow == null)
            {
                throw new ArgumentNullException("workflow");
            }

            _workflow = workflow;
        }

        public WorkflowInstanceExtensionManager Extensions
        {
            get { return _extensions; }
        }

        public static IDictionary<string, object> Invoke(Activity workflow, IDictionary<string, object> inputs)
        {
            if (workflow == null)
            {
                throw new ArgumentNullException("workflow");
            }

            return new WorkflowInvoker(workflow).Invoke(inputs);
        }

        public IDictionary<string, object> Invoke(IDictionary<string, object> inputs)
        {
            if (inputs == null)
            {
                throw new ArgumentNullException("inputs");
            }

            var codeActivity = _workflow as CodeActivity;
            if (codeActivity == null)
            {
                throw new NotSupportedException(
                    "The System.Activities stand-in can only run activities derived from CodeActivity; '" + _workflow.GetType().FullName + "' is not.");
            }

            List<BoundArgument> arguments = BindArguments(_workflow);
            var byName = new Dictionary<string, BoundArgument>(StringComparer.Ordinal);
            foreach (BoundArgument bound in arguments)
            {
                byName[bound.Name] = bound;
            }

            foreach (KeyValuePair<string, object> input in inputs)
            {
                BoundArgument bound;
                if (!byName.TryGetValue(input.Key, out bound) || bound.Argument is OutArgument)
                {
                    throw RootArgumentError("'" + input.Key + "' is not an input argument of the activity.");
                }

                if (!IsAssignable(bound.Argument.ValueType, input.Value))
                {
                    throw RootArgumentError(
                        "Expected input parameter value of type '" + bound.Argument.ValueType.FullName + "' for parameter named '" + input.Key + "'.");
                }
            }

            var values = new Dictionary<Argument, object>();
            foreach (BoundArgument bound in arguments)
            {
                object value;
                bool isInput = !(bound.Argument is OutArgument);
                if (isInput && inputs.TryGetValue(bound.Name, out value))
                {
                    values[bound.Argument] = value;
                }
                else if (isInput && bound.Argument.HasConstant)
                {
                    values[bound.Argument] = bound.Argument.Constant;
                }
                else if (isInput && bound.Required)
                {
                    throw RootArgumentError(
                        "'" + _workflow.DisplayNameOrTypeName + "': Value for a required activity argument '" + bound.Name + "' was not supplied.");
                }
                else
                {
                    values[bound.Argument] = bound.Argument.DefaultValue;
                }
            }

            _extensions.MakeReadOnlyInternal();
            var context = new CodeActivityContext(_extensions.CreateExtensions(), values);
            try
            {
                codeActivity.ExecuteCore(context);
            }
            finally
            {
                context.Dispose();
            }

            var outputs = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (BoundArgument bound in arguments)
            {
                if (!(bound.Argument is InArgument))
                {
                    outputs[bound.Name] = values[bound.Argument];
                }
            }

            return outputs;
        }

        private static ArgumentException RootArgumentError(string detail)
        {
            return new ArgumentException(
                "The values provided for the root activity's arguments did not satisfy the root activity's requirements:" + Environment.NewLine + detail,
                "inputs");
        }

        private static bool IsAssignable(Type type, object value)
        {
            if (value == null)
            {
                return !type.IsValueType || Nullable.GetUnderlyingType(type) != null;
            }

            return type.IsInstanceOfType(value);
        }

        private static List<BoundArgument> BindArguments(Activity activity)
        {
            var result = new List<BoundArgument>();
            foreach (PropertyInfo property in activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!typeof(Argument).IsAssignableFrom(property.PropertyType) || property.GetIndexParameters().Length != 0 || !property.CanRead)
                {
                    continue;
                }

                var argument = (Argument)property.GetValue(activity, null);
                if (argument == null)
                {
                    if (!property.CanWrite || property.PropertyType.IsAbstract)
                    {
                        continue;
                    }

                    argument = (Argument)Activator.CreateInstance(property.PropertyType);
                    property.SetValue(activity, argument, null);
                }

                bool required = property.IsDefined(typeof(RequiredArgumentAttribute), true);
                result.Add(new BoundArgument(property.Name, argument, required));
            }

            return result;
        }

        private sealed class BoundArgument
        {
            public BoundArgument(string name, Argument argument, bool required)
            {
                Name = name;
                Argument = argument;
                Required = required;
            }

            public string Name { get; private set; }

            public Argument Argument { get; private set; }

            public bool Required { get; private set; }
        }
    }
}
