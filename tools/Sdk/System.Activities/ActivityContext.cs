using System.Collections.Generic;

namespace System.Activities
{
    /// <summary>The environment of an executing activity: argument values and host extensions.</summary>
    public class ActivityContext
    {
        private readonly IList<object> _extensions;
        private readonly Dictionary<Argument, object> _values;
        private bool _disposed;

        internal ActivityContext(IList<object> extensions, Dictionary<Argument, object> values)
        {
            _extensions = extensions;
            _values = values;
        }

        /// <summary>The first registered extension that is assignable to <typeparamref name="T"/>, or null.</summary>
        public T GetExtension<T>()
            where T : class
        {
            ThrowIfDisposed();
            foreach (object extension in _extensions)
            {
                T match = extension as T;
                if (match != null)
                {
                    return match;
                }
            }

            return null;
        }

        internal object GetArgumentValue(Argument argument)
        {
            ThrowIfDisposed();
            object value;
            if (!_values.TryGetValue(argument, out value))
            {
                throw NotDeclared(argument);
            }

            return value;
        }

        internal void SetArgumentValue(Argument argument, object value)
        {
            ThrowIfDisposed();
            if (!_values.ContainsKey(argument))
            {
                throw NotDeclared(argument);
            }

            _values[argument] = value;
        }

        internal void Dispose()
        {
            _disposed = true;
        }

        private static InvalidOperationException NotDeclared(Argument argument)
        {
            return new InvalidOperationException(
                "The argument of type '" + argument.ValueType.FullName + "' cannot be used. Make sure that it is declared on an activity.");
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(GetType().FullName, "An ActivityContext can only be accessed within the scope of the function it was passed into.");
            }
        }
    }

    /// <summary>The context passed to <see cref="CodeActivity"/>.Execute.</summary>
    public class CodeActivityContext : ActivityContext
    {
        internal CodeActivityContext(IList<object> extensions, Dictionary<Argument, object> values)
            : base(extensions, values)
        {
        }
    }
}
