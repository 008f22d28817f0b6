using System.Collections.Generic;

namespace System.Activities.Hosting
{
    /// <summary>The extensions (host services) a <see cref="WorkflowInvoker"/> makes available through
    /// <see cref="ActivityContext.GetExtension{T}"/>. Extensions are offered in registration order.</summary>
    public class WorkflowInstanceExtensionManager
    {
        private readonly List<Func<object>> _entries = new List<Func<object>>();
        private bool _readOnly;

        public WorkflowInstanceExtensionManager()
        {
        }

        /// <summary>Adds one extension instance shared by every invocation.</summary>
        public virtual void Add(object singletonExtension)
        {
            if (singletonExtension == null)
            {
                throw new ArgumentNullException("singletonExtension");
            }

            ThrowIfReadOnly();
            _entries.Add(() => singletonExtension);
        }

        /// <summary>Adds a factory called once per invocation to create that invocation's extension.</summary>
        public virtual void Add<T>(Func<T> extensionCreationFunction)
            where T : class
        {
            if (extensionCreationFunction == null)
            {
                throw new ArgumentNullException("extensionCreationFunction");
            }

            ThrowIfReadOnly();
            _entries.Add(() => extensionCreationFunction());
        }

        internal void MakeReadOnlyInternal()
        {
            _readOnly = true;
        }

        internal IList<object> CreateExtensions()
        {
            var extensions = new List<object>(_entries.Count);
            foreach (Func<object> entry in _entries)
            {
                object extension = entry();
                if (extension != null)
                {
                    extensions.Add(extension);
                }
            }

            return extensions;
        }

        private void ThrowIfReadOnly()
        {
            if (_readOnly)
            {
                throw new InvalidOperationException("The extension manager is read-only: it has already been used to run a workflow.");
            }
        }
    }
}
