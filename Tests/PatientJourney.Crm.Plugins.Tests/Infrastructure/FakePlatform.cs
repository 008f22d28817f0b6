using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Microsoft.Xrm.Sdk.Workflow;

namespace PatientJourney.Crm.Plugins.Tests.Infrastructure;

// Minimal platform services for testing the base classes in isolation; behaviour of real steps is tested on the emulator.

internal sealed class RecordingTracingService : ITracingService
{
    public List<string> Lines { get; } = new();

    public void Trace(string format, params object[] args) => Lines.Add(args.Length == 0 ? format : string.Format(format, args));
}

internal sealed class RecordingServiceFactory : IOrganizationServiceFactory
{
    public List<Guid?> RequestedUsers { get; } = new();

    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        RequestedUsers.Add(userId);
        return new UnusedOrganizationService(userId);
    }
}

/// <summary>An organization service that only remembers whom it runs as; the base-class tests make no data calls.</summary>
internal sealed class UnusedOrganizationService(Guid? userId) : IOrganizationService
{
    public Guid? RunsAs { get; } = userId;

    public Guid Create(Entity entity) => throw new NotSupportedException();
    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) => throw new NotSupportedException();
    public void Update(Entity entity) => throw new NotSupportedException();
    public void Delete(string entityName, Guid id) => throw new NotSupportedException();
    public OrganizationResponse Execute(OrganizationRequest request) => throw new NotSupportedException();
    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException();
    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) => throw new NotSupportedException();
    public EntityCollection RetrieveMultiple(QueryBase query) => throw new NotSupportedException();
}

internal sealed class FakeExecutionContext : IPluginExecutionContext, IWorkflowContext
{
    public int Mode { get; set; }
    public int IsolationMode => 2;
    public int Depth { get; set; } = 1;
    public string MessageName { get; set; } = "Create";
    public string PrimaryEntityName { get; set; } = "contact";
    public Guid? RequestId => null;
    public string SecondaryEntityName => "none";
    public ParameterCollection InputParameters { get; } = new();
    public ParameterCollection OutputParameters { get; } = new();
    public ParameterCollection SharedVariables { get; } = new();
    public Guid UserId { get; set; } = Guid.NewGuid();
    public Guid InitiatingUserId { get; set; } = Guid.NewGuid();
    public Guid BusinessUnitId => Guid.Empty;
    public Guid OrganizationId => Guid.Empty;
    public string OrganizationName => "test";
    public Guid PrimaryEntityId { get; set; }
    public EntityImageCollection PreEntityImages { get; } = new();
    public EntityImageCollection PostEntityImages { get; } = new();
    public EntityReference? OwningExtension => null;
    public Guid CorrelationId => Guid.Empty;
    public bool IsExecutingOffline => false;
    public bool IsOfflinePlayback => false;
    public bool IsInTransaction => true;
    public Guid OperationId => Guid.Empty;
    public DateTime OperationCreatedOn => DateTime.UtcNow;
    public int Stage { get; set; } = 40;
    public IPluginExecutionContext? ParentContext => null;
    public string StageName => "PostOperation";
    public int WorkflowCategory => 0;
    public int WorkflowMode => 0;
    IWorkflowContext? IWorkflowContext.ParentContext => null;
}

internal sealed class FakeServiceProvider : IServiceProvider
{
    private readonly Dictionary<Type, object> services = new();

    public FakeServiceProvider(params object[] services)
    {
        foreach (var service in services)
        {
            foreach (var type in service.GetType().GetInterfaces().Where(i => i.Namespace?.StartsWith("Microsoft.Xrm.Sdk", StringComparison.Ordinal) == true))
            {
                this.services[type] = service;
            }
        }
    }

    public object? GetService(Type serviceType) => services.TryGetValue(serviceType, out var service) ? service : null;
}
