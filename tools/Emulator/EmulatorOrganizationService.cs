using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Pipeline;

namespace PatientJourney.Crm.Emulator;

/// <summary>
/// IOrganizationService of the emulator. The eight methods send the same requests Dataverse's proxy sends, so steps fire
/// alike whichever form a caller uses. A service handed to a plug-in makes nested calls (depth + 1, same transaction).
/// A service used by plug-in or workflow-activity code refuses bulk and batch messages, as Dataverse does not support them there.
/// </summary>
public sealed class EmulatorOrganizationService : IOrganizationService
{
    private readonly DataverseEmulator emulator;
    private readonly NestedCall? caller;
    private readonly string? codeType;

    internal EmulatorOrganizationService(DataverseEmulator emulator, Guid userId, Guid initiatingUserId, NestedCall? caller, string? codeType = null)
    {
        this.emulator = emulator;
        UserId = userId;
        InitiatingUserId = initiatingUserId;
        this.caller = caller;
        this.codeType = codeType ?? caller?.Execution.PluginType;
    }

    /// <summary>The user the calls run as.</summary>
    public Guid UserId { get; }

    public Guid InitiatingUserId { get; }

    public OrganizationResponse Execute(OrganizationRequest request) => emulator.Execute(request, UserId, InitiatingUserId, caller, codeType);

    public Guid Create(Entity entity) => (Guid)Execute(new CreateRequest { Target = entity }).Results["id"];

    public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
        (Entity)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet }).Results["Entity"];

    public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

    public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

    public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new AssociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
        Execute(new DisassociateRequest { Target = new EntityReference(entityName, entityId), Relationship = relationship, RelatedEntities = relatedEntities });

    public EntityCollection RetrieveMultiple(QueryBase query) =>
        (EntityCollection)Execute(new RetrieveMultipleRequest { Query = query }).Results["EntityCollection"];
}
