namespace System.Activities
{
    /// <summary>Base of all activity arguments. Only this assembly can derive from it (no public/protected ctor).</summary>
    public abstract class Argument
    {
        internal Argument()
        {
        }

        internal abstract Type ValueType { get; }

        /// <summary>True when the argument was created with a constant value (<c>new InArgument&lt;T&gt;(value)</c>).</summary>
        internal virtual bool HasConstant
        {
            get { return false; }
        }

        internal virtual object Constant
        {
            get { return null; }
        }

        internal object DefaultValue
        {
            get { return ValueType.IsValueType ? Activator.CreateInstance(ValueType) : null; }
        }

        internal static ActivityContext CheckContext(ActivityContext context)
        {
            if (context == null)
            {
                throw new ArgumentNullException("context");
            }

            return context;
        }

        internal static T Cast<T>(object value)
        {
            return value == null ? default(T) : (T)value;
        }
    }

    public abstract class InArgument : Argument
    {
        internal InArgument()
        {
        }
    }

    public abstract class OutArgument : Argument
    {
        internal OutArgument()
        {
        }
    }

    public abstract class InOutArgument : Argument
    {
        internal InOutArgument()
        {
        }
    }

    public sealed class InArgument<T> : InArgument
    {
        private readonly bool _hasConstant;
        private readonly T _constant;

        public InArgument()
        {
        }

        public InArgument(T constant)
        {
            _hasConstant = true;
            _constant = constant;
        }

        internal override Type ValueType
        {
            get { return typeof(T); }
        }

        internal override bool HasConstant
        {
            get { return _hasConstant; }
        }

        internal override object Constant
        {
            get { return _constant; }
        }

        public static implicit operator InArgument<T>(T constant)
        {
            return new InArgument<T>(constant);
        }

        public T Get(ActivityContext context)
        {
            return Cast<T>(CheckContext(context).GetArgumentValue(this));
        }

        public void Set(ActivityContext context, T value)
        {
            CheckContext(context).SetArgumentValue(this, value);
        }
    }

    public sealed class OutArgument<T> : OutArgument
    {
        public OutArgument()
        {
        }

        internal override Type ValueType
        {
            get { return typeof(T); }
        }

        public T Get(ActivityContext context)
        {
            return Cast<T>(CheckContext(context).GetArgumentValue(this));
        }

        public void Set(ActivityContext context, T value)
        {
            CheckContext(context).SetArgumentValue(this, value);
        }
    }

    public sealed class InOutArgument<T> : InOutArgument
    {
        public InOutArgument()
        {
        }

        internal override Type ValueType
        {
            get { return typeof(T); }
        }

        public T Get(ActivityContext context)
        {
            return Cast<T>(CheckContext(context).GetArgumentValue(this));
        }

        public void Set(ActivityContext context, T value)
        {
            CheckContext(context).SetArgumentValue(this, value);
        }
    }

    /// <summary>Marks an argument property whose value must be supplied.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class RequiredArgumentAttribute : Attribute
    {
        public RequiredArgumentAttribute()
        {
        }
    }
}
