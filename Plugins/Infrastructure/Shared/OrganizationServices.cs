using System;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Infrastructure
{
    /// <summary>
    /// The two organization services a step or activity may need, created on first use from the platform's factory:
    /// one that runs as the calling user (security applies), one that runs as SYSTEM (for lookups the user may not be
    /// allowed to read but the rule needs, such as configuration).
    /// </summary>
    internal sealed class OrganizationServices
    {
        private readonly IOrganizationServiceFactory factory;
        private readonly Guid userId;
        private IOrganizationService? userService;
        private IOrganizationService? systemService;

        public OrganizationServices(IOrganizationServiceFactory factory, Guid userId)
        {
            this.factory = factory ?? throw new ArgumentNullException(nameof(factory));
            this.userId = userId;
        }

        public IOrganizationService User => userService ??= factory.CreateOrganizationService(userId);

        // A null user id asks the platform for a service running as SYSTEM.
        public IOrganizationService System => systemService ??= factory.CreateOrganizationService(null);
    }
}
