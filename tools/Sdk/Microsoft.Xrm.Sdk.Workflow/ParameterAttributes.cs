using System;

namespace Microsoft.Xrm.Sdk.Workflow
{
    // sdk-surface.md §5: all [AttributeUsage(AttributeTargets.Property)] with default AllowMultiple/Inherited,
    // get-only properties (no setter at all), ParameterAttribute abstract with a protected ctor, the others sealed.

    [AttributeUsage(AttributeTargets.Property)]
    public abstract class ParameterAttribute : Attribute
    {
        private readonly string _name;

        protected ParameterAttribute(string name)
        {
            _name = name;
        }

        public string Name
        {
            get { return _name; }
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class InputAttribute : ParameterAttribute
    {
        public InputAttribute(string name)
            : base(name)
        {
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class OutputAttribute : ParameterAttribute
    {
        public OutputAttribute(string name)
            : base(name)
        {
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class ReferenceTargetAttribute : Attribute
    {
        private readonly string _entityName;

        public ReferenceTargetAttribute(string entityName)
        {
            _entityName = entityName;
        }

        public string EntityName
        {
            get { return _entityName; }
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class AttributeTargetAttribute : Attribute
    {
        private readonly string _entityName;
        private readonly string _attributeName;

        public AttributeTargetAttribute(string entityName, string attributeName)
        {
            _entityName = entityName;
            _attributeName = attributeName;
        }

        public string EntityName
        {
            get { return _entityName; }
        }

        public string AttributeName
        {
            get { return _attributeName; }
        }
    }

    [AttributeUsage(AttributeTargets.Property)]
    public sealed class DefaultAttribute : Attribute
    {
        private readonly string _value;
        private readonly string _entityName;

        public DefaultAttribute(string value)
        {
            _value = value;
        }

        public DefaultAttribute(string value, string entityName)
        {
            _value = value;
            _entityName = entityName;
        }

        public string EntityName
        {
            get { return _entityName; }
        }

        public string Value
        {
            get { return _value; }
        }
    }
}
