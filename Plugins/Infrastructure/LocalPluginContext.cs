using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Infrastructure;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>
    /// What one plug-in execution works with: the execution context, the tracing service, and the organization
    /// services of the calling user and of SYSTEM. Built per execution and never stored.
    /// </summary>
    public sealed class LocalPluginContext
    {
        private readonly OrganizationServices services;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null) throw new ArgumentNullException(nameof(serviceProvider));
            ExecutionContext = Require<IPluginExecutionContext>(serviceProvider);
            Tracing = Require<ITracingService>(serviceProvider);
            var factory = Require<IOrganizationServiceFactory>(serviceProvider);
            services = new OrganizationServices(factory, ExecutionContext.UserId);
        }

        public IPluginExecutionContext ExecutionContext { get; }

        public ITracingService Tracing { get; }

        /// <summary>Runs as the user the step runs as (the caller, or the impersonated user); security applies.</summary>
        public IOrganizationService UserService => services.User;

        /// <summary>Runs as SYSTEM: for reads of configuration the calling user may not have access to.</summary>
        public IOrganizationService SystemService => services.System;

        /// <summary>
        /// The record being created or updated (InputParameters "Target"). Throws a clear error when the step is
        /// registered on a message that carries no entity target.
        /// </summary>
        public Entity Target
        {
            get
            {
                if (ExecutionContext.InputParameters.Contains("Target") && ExecutionContext.InputParameters["Target"] is Entity target) return target;
                throw new InvalidPluginExecutionException($"{ExecutionContext.MessageName} of {ExecutionContext.PrimaryEntityName} carries no record to work on; the step is registered on the wrong message.");
            }
        }

        /// <summary>The records of a CreateMultiple or UpdateMultiple request (InputParameters "Targets").</summary>
        public EntityCollection Targets
        {
            get
            {
                if (ExecutionContext.InputParameters.Contains("Targets") && ExecutionContext.InputParameters["Targets"] is EntityCollection targets) return targets;
                throw new InvalidPluginExecutionException($"{ExecutionContext.MessageName} of {ExecutionContext.PrimaryEntityName} carries no record collection; the step is registered on the wrong message.");
            }
        }

        /// <summary>A required request parameter of a custom API; a missing or mistyped one is refused, naming the parameter.</summary>
        public T Input<T>(string name) where T : class =>
            OptionalInput<T>(name) ?? throw new InvalidPluginExecutionException($"{ExecutionContext.MessageName} needs the {name} parameter.");

        /// <summary>An optional request parameter of a custom API, or null when not given.</summary>
        public T? OptionalInput<T>(string name) where T : class
        {
            if (!ExecutionContext.InputParameters.Contains(name) || ExecutionContext.InputParameters[name] == null) return null;
            return ExecutionContext.InputParameters[name] as T
                ?? throw new InvalidPluginExecutionException($"The {name} parameter of {ExecutionContext.MessageName} must be a {typeof(T).Name}.");
        }

        /// <summary>An optional value-type request parameter (date, number, yes/no) of a custom API, or null when not given.</summary>
        public T? OptionalValue<T>(string name) where T : struct
        {
            if (!ExecutionContext.InputParameters.Contains(name) || ExecutionContext.InputParameters[name] == null) return null;
            return ExecutionContext.InputParameters[name] is T value
                ? value
                : throw new InvalidPluginExecutionException($"The {name} parameter of {ExecutionContext.MessageName} must be a {typeof(T).Name}.");
        }

        /// <summary>The registered pre-image with this alias, or null when the platform supplied none (e.g. on Create).</summary>
        public Entity? PreImage(string alias) => ExecutionContext.PreEntityImages.Contains(alias) ? ExecutionContext.PreEntityImages[alias] : null;

        /// <summary>The registered post-image with this alias, or null when the platform supplied none.</summary>
        public Entity? PostImage(string alias) => ExecutionContext.PostEntityImages.Contains(alias) ? ExecutionContext.PostEntityImages[alias] : null;

        /// <summary>
        /// The instant of the operation, in UTC: the platform's OperationCreatedOn, so that every rule in one request
        /// sees the same time (and tests control it through the emulator's clock).
        /// </summary>
        public DateTime Now =>
            ExecutionContext.OperationCreatedOn == default ? DateTime.UtcNow : DateTime.SpecifyKind(ExecutionContext.OperationCreatedOn, DateTimeKind.Utc);

        /// <summary>Writes a diagnostic line. Callers pass record ids and counts only, never patient data.</summary>
        public void Trace(string format, params object[] args) => Tracing.Trace(format, args);

        private static T Require<T>(IServiceProvider serviceProvider) where T : class =>
            serviceProvider.GetService(typeof(T)) as T
            ?? throw new InvalidPluginExecutionException($"The platform did not supply {typeof(T).Name} to the plug-in.");
    }
}
