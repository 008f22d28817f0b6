using System;

namespace Microsoft.Xrm.Sdk.Workflow
{
    // sdk-surface.md §5. ArgumentDirectionAttribute and the ArgumentDirection enum it needs are deliberately left out:
    // the spec does not list ArgumentDirection's members, and a member that is not in the spec does not go in the
    // stand-in.

    public interface IWorkflowArgument
    {
        object ArgumentValue { get; }
    }

    [Serializable]
    [AttributeUsage(AttributeTargets.All)]
    public sealed class ArgumentRequiredAttribute : Attribute, IWorkflowArgument
    {
        public ArgumentRequiredAttribute()
        {
        }

        public ArgumentRequiredAttribute(bool value)
        {
            Value = value;
        }

        public bool Value { get; set; }

        public object ArgumentValue
        {
            get { return Value; }
        }
    }

    [Serializable]
    [AttributeUsage(AttributeTargets.All)]
    public sealed class ArgumentDescriptionAttribute : Attribute, IWorkflowArgument
    {
        public ArgumentDescriptionAttribute()
        {
        }

        public ArgumentDescriptionAttribute(string value)
        {
            Value = value;
        }

        public string Value { get; set; }

        public object ArgumentValue
        {
            get { return Value; }
        }
    }

    [Serializable]
    [AttributeUsage(AttributeTargets.All)]
    public sealed class ArgumentEntityAttribute : Attribute, IWorkflowArgument
    {
        public ArgumentEntityAttribute()
        {
        }

        public ArgumentEntityAttribute(string value)
        {
            Value = value;
        }

        public string Value { get; set; }

        public object ArgumentValue
        {
            get { return Value; }
        }
    }

    [Serializable]
    [AttributeUsage(AttributeTargets.All)]
    public sealed class ArgumentTargetAttribute : Attribute, IWorkflowArgument
    {
        public ArgumentTargetAttribute()
        {
        }

        public ArgumentTargetAttribute(bool value)
        {
            Value = value;
        }

        public bool Value { get; set; }

        public object ArgumentValue
        {
            get { return Value; }
        }
    }
}
