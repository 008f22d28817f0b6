using System;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>The execution context a step receives (IPluginExecutionContext4, the newest interface the SDK ships).
/// Collections are required rather than defaulted, so building a context allocates only what it carries.</summary>
internal sealed class PluginExecutionContext : IPluginExecutionContext4
{
    public int Stage { get; init; }
    public IPluginExecutionContext ParentContext { get; init; } = null!;
    public int Mode { get; init; }
    public int IsolationMode => 2;
    public int Depth { get; init; }
    public string MessageName { get; init; } = "";
    public string PrimaryEntityName { get; init; } = "none";
    public Guid? RequestId { get; init; }
    public string SecondaryEntityName => "none";
    public required ParameterCollection InputParameters { get; init; }
    public required ParameterCollection OutputParameters { get; init; }
    public required ParameterCollection SharedVariables { get; init; }
    public Guid UserId { get; init; }
    public Guid InitiatingUserId { get; init; }
    public Guid BusinessUnitId { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public Guid PrimaryEntityId { get; init; }
    public required EntityImageCollection PreEntityImages { get; init; }
    public required EntityImageCollection PostEntityImages { get; init; }
    public EntityReference OwningExtension { get; init; } = null!;
    public Guid CorrelationId { get; init; }
    public bool IsExecutingOffline => false;
    public bool IsOfflinePlayback => false;
    public bool IsInTransaction { get; init; }
    public Guid OperationId { get; init; }
    public DateTime OperationCreatedOn { get; init; }
    public Guid UserAzureActiveDirectoryObjectId => Guid.Empty;
    public Guid InitiatingUserAzureActiveDirectoryObjectId => Guid.Empty;
    public Guid InitiatingUserApplicationId => Guid.Empty;
    public Guid PortalsContactId => Guid.Empty;
    public bool IsPortalsClientCall => false;
    public Guid AuthenticatedUserId => InitiatingUserId;
    public EntityImageCollection[] PreEntityImagesCollection { get; init; } = [];
    public EntityImageCollection[] PostEntityImagesCollection { get; init; } = [];
}
