using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Infrastructure;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>
    /// Base of every plug-in step and custom API handler in this assembly. It resolves the platform services into a
    /// <see cref="LocalPluginContext"/>, applies the error policy of <see cref="ExecutionGuard"/>, and hands over to
    /// <see cref="Execute(LocalPluginContext)"/>.
    /// Dataverse caches plug-in instances and runs them on several threads at once, so derived classes keep no state
    /// in fields other than the step configuration given to the constructor.
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        protected PluginBase(string? unsecureConfiguration = null, string? secureConfiguration = null)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        /// <summary>The step's unsecure configuration string, as registered.</summary>
        protected string? UnsecureConfiguration { get; }

        /// <summary>The step's secure configuration string (readable only by administrators in Dataverse).</summary>
        protected string? SecureConfiguration { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null) throw new InvalidPluginExecutionException("The platform passed no service provider to the plug-in.");
            var context = new LocalPluginContext(serviceProvider);
            ExecutionGuard.Run(context.Tracing, GetType().Name, () => Execute(context));
        }

        /// <summary>The step's work: read the context, call the domain rules, write through the organization service.</summary>
        protected abstract void Execute(LocalPluginContext context);
    }
}
