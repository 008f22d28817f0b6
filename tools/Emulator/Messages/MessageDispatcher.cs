using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Query;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Schema.Platform;

namespace PatientJourney.Crm.Emulator.Messages;

/// <summary>
/// Routes a request by its RequestName (typed requests and plain OrganizationRequests alike) to the pipeline with the
/// platform's main operation. Anything not handled here fails with a fault naming the request.
/// </summary>
internal sealed partial class MessageDispatcher(DataverseEmulator emulator)
{
    /// <summary>Dataverse's limit on requests in one ExecuteMultiple or ExecuteTransaction.</summary>
    public const int BatchLimit = 1000;

    private DataOperations Data => emulator.Operations;

    private readonly RelatedEntities related = new(emulator);

    public OrganizationResponse Dispatch(OrganizationRequest request, CallScope scope)
    {
        switch (request.RequestName)
        {
            case "Create": return Create(scope, [Parameter<Entity>(request, "Target")], request, multiple: false);
            case "CreateMultiple": return Create(scope, Parameter<EntityCollection>(request, "Targets").Entities.ToList(), request, multiple: true);
            case "Update": return Update(scope, [Parameter<Entity>(request, "Target")], request, multiple: false);
            case "UpdateMultiple": return Update(scope, Parameter<EntityCollection>(request, "Targets").Entities.ToList(), request, multiple: true);
            case "Retrieve": return Retrieve(scope, request);
            case "RetrieveMultiple": return RetrieveMultiple(scope, request);
            case "Delete": return Delete(scope, request);
            case "Associate": return Associate(scope, request, associate: true);
            case "Disassociate": return Associate(scope, request, associate: false);
            case "SetState": return SetState(scope, request);
            case "Upsert": return Upsert(scope, request);
            case "WhoAmI": return WhoAmI(scope);
            case "Assign": return Assign(scope, request);
            case "ExecuteMultiple": return ExecuteMultiple(scope, request);
            case "ExecuteTransaction": return ExecuteTransaction(scope, request);
            case "GrantAccess": return ShareAccess(scope, request, replace: false);
            case "ModifyAccess": return ShareAccess(scope, request, replace: true);
            case "RevokeAccess": return RevokeAccess(scope, request);
            case "RetrievePrincipalAccess": return RetrievePrincipalAccess(scope, request);
            case "RetrieveRecordChangeHistory": return RetrieveRecordChangeHistory(scope, request);
            case "RetrieveAttributeChangeHistory": return RetrieveAttributeChangeHistory(scope, request);
            case "RetrieveAuditDetails": return RetrieveAuditDetails(scope, request);
        }
        if (request.RequestName != null && emulator.CustomApis.TryGetValue(request.RequestName, out var api)) return CustomApi(scope, request, api);
        throw DataverseFaultException.InvalidArgument($"The request '{request.RequestName}' is not supported by the emulator (request type {request.GetType().FullName}).");
    }

    private AccessChecker Security => emulator.Security;

    /// <summary>Create at a depth that reaches the new row's owner, create permission on secured columns, Append/AppendTo for lookups.</summary>
    private void DemandCreate(Principal principal, string tableName, Entity target)
    {
        var table = emulator.Metadata.Table(tableName);
        var owned = Security.Owned(table, target, principal);
        Security.Demand(principal, table, PrivilegeAccess.Create, owned);
        Security.DemandFields(principal, table, target, create: true);
        Security.DemandLookups(principal, table, target, owned);
    }

    /// <summary>Write on the row, update permission on secured columns, Append/AppendTo for lookups, Assign to change the owner.</summary>
    private void DemandUpdate(Principal principal, string tableName, Entity target, Entity existing)
    {
        var table = emulator.Metadata.Table(tableName);
        Security.Demand(principal, table, PrivilegeAccess.Write, existing);
        Security.DemandFields(principal, table, target, create: false);
        Security.DemandLookups(principal, table, target, existing);
        var owner = target.GetAttributeValue<EntityReference>("ownerid");
        if (owner != null && owner.Id != existing.GetAttributeValue<EntityReference>("ownerid")?.Id) Security.Demand(principal, table, PrivilegeAccess.Assign, existing);
    }

    /// <summary>N:N: Append on the target and AppendTo on each related row. 1:N: Write and Append on the child, AppendTo on the parent.</summary>
    private void DemandAssociate(Principal principal, EntityReference target, RelationshipDefinition relationship, EntityReferenceCollection related)
    {
        Entity? Row(EntityReference r) => emulator.Store.Get(r.LogicalName, r.Id);
        foreach (var other in related)
        {
            var (first, second) = relationship.Type == RelationshipType.OneToMany && target.LogicalName == relationship.ReferencedTable ? (other, target) : (target, other);
            var firstTable = emulator.Metadata.Table(first.LogicalName);
            if (relationship.Type == RelationshipType.OneToMany) Security.Demand(principal, firstTable, PrivilegeAccess.Write, Row(first));
            Security.Demand(principal, firstTable, PrivilegeAccess.Append, Row(first));
            Security.Demand(principal, emulator.Metadata.Table(second.LogicalName), PrivilegeAccess.AppendTo, Row(second));
        }
    }

    private static T Parameter<T>(OrganizationRequest request, string name) where T : class =>
        request.Parameters.TryGetValue(name, out var value) && value is T typed
            ? typed
            : throw DataverseFaultException.InvalidArgument($"Required field '{name}' is missing or of the wrong type in the {request.RequestName} request.");

    /// <summary>Faults as Dataverse does when the table has no sdkmessagefilter for the message.</summary>
    private static void Available(string message, string? table)
    {
        if (table == null) throw DataverseFaultException.UnknownTable(table);
        if (!MessageAvailability.Exists(message, table)) throw DataverseFaultException.MessageNotSupported(message, table);
    }

    private static ParameterCollection Inputs(OrganizationRequest request)
    {
        var input = new ParameterCollection();
        foreach (var parameter in request.Parameters) input[parameter.Key] = parameter.Value;
        return input;
    }

    private static TResponse Respond<TResponse>(OrganizationRequest request, params (string Key, object? Value)[] results) where TResponse : OrganizationResponse, new()
    {
        var response = new TResponse { ResponseName = request.RequestName };
        foreach (var (key, value) in results) response.Results[key] = value;
        return response;
    }

    private OrganizationResponse Create(CallScope scope, List<Entity> sent, OrganizationRequest request, bool multiple)
    {
        // The pipeline works on copies: a plug-in's change to Target must not leak into the caller's object.
        var targets = sent.Select(e => Values.Copy(e)).ToList();
        var table = SingleTable(targets, request);
        Available(request.RequestName, table);
        // Deep insert: the related rows each target carries are created in the same transaction, each through its own Create.
        var deep = sent.Select(e => e.RelatedEntities.ToList()).ToList();
        Guid CreateRelated(Entity row) => (Guid)Create(scope, [row], new CreateRequest { Target = row }, multiple: false).Results["id"];
        void AssociateRelated(EntityReference target, Relationship relationship, EntityReference other) =>
            Associate(scope, new AssociateRequest { Target = target, Relationship = relationship, RelatedEntities = [other] }, associate: true);
        var input = Inputs(request);
        if (multiple) input["Targets"] = new EntityCollection(targets) { EntityName = table };
        else input["Target"] = targets[0];
        var operation = new PipelineOperation
        {
            MessageName = request.RequestName, PrimaryEntityName = table, InputParameters = input,
            SingleMessage = "Create", MultipleMessage = "CreateMultiple", Images = ImageSupport.PostOnly,
            ItemOutput = item => new ParameterCollection { ["id"] = item.Id },
            MainOperation = op =>
            {
                var principal = Security.PrincipalOf(scope.UserId);
                foreach (var (item, relatedRows) in op.Items.Zip(deep))
                {
                    related.CreateReferenced(item.Target!, relatedRows, CreateRelated);
                    EntityValidator.CheckTypes(emulator.Metadata.Table(table), item.Target!);
                    DemandCreate(principal, table, item.Target!);
                    DateBehaviors.Store(emulator.Metadata.Table(table), item.Target!, emulator.TimeZoneOf(scope.UserId));
                    item.Id = Data.Create(item.Target!, scope.UserId);
                    item.Target!.Id = item.Id;
                    related.CreateReferencing(new EntityReference(table, item.Id), relatedRows, CreateRelated, AssociateRelated);
                    item.After = emulator.Store.Get(table, item.Id);
                    emulator.AuditLog.Created(table, item.After, scope.UserId);
                }
                op.OutputParameters["Ids"] = op.Items.Select(i => i.Id).ToArray();
            },
        };
        operation.Items.AddRange(targets.Select(t => new PipelineItem { Target = t, Table = table, Id = t.Id }));
        emulator.Pipeline.Run(operation, scope);
        return multiple
            ? Respond<CreateMultipleResponse>(request, ("Ids", operation.Items.Select(i => i.Id).ToArray()))
            : Respond<CreateResponse>(request, ("id", operation.Items[0].Id));
    }

    private OrganizationResponse Update(CallScope scope, List<Entity> sent, OrganizationRequest request, bool multiple)
    {
        var targets = sent.Select(e => Values.Copy(e)).ToList();
        var table = SingleTable(targets, request);
        Available(request.RequestName, table);
        foreach (var (target, original) in targets.Zip(sent))
        {
            target.Id = Data.Resolve(table, original.Id, original.KeyAttributes) ?? throw NotFound(table, original);
        }
        var input = Inputs(request);
        if (multiple) input["Targets"] = new EntityCollection(targets) { EntityName = table };
        else input["Target"] = targets[0];
        RunUpdate(scope, request.RequestName, table, targets, input);
        return multiple ? Respond<UpdateMultipleResponse>(request) : Respond<UpdateResponse>(request);
    }

    /// <summary>The Update pipeline; also what SetState and Upsert run for their update (SetState audited as its own action).</summary>
    private void RunUpdate(CallScope scope, string message, string table, List<Entity> targets, ParameterCollection input, AuditAction action = AuditAction.Update)
    {
        var operation = new PipelineOperation
        {
            MessageName = message, PrimaryEntityName = table, InputParameters = input,
            SingleMessage = "Update", MultipleMessage = "UpdateMultiple", Images = ImageSupport.PreAndPost, UsesFilteringAttributes = true,
            MainOperation = op =>
            {
                var principal = Security.PrincipalOf(scope.UserId);
                foreach (var item in op.Items)
                {
                    var before = emulator.Store.Get(table, item.Id)!;
                    EntityValidator.CheckTypes(emulator.Metadata.Table(table), item.Target!);
                    DemandUpdate(principal, table, item.Target!, before);
                    DateBehaviors.Store(emulator.Metadata.Table(table), item.Target!, emulator.TimeZoneOf(scope.UserId));
                    Data.Update(item.Target!, scope.UserId);
                    item.After = emulator.Store.Get(table, item.Id);
                    emulator.AuditLog.Updated(table, before, item.After, scope.UserId, action);
                }
            },
        };
        operation.Items.AddRange(targets.Select(t => new PipelineItem { Target = t, Table = table, Id = t.Id, Before = emulator.Store.Get(table, t.Id) }));
        emulator.Pipeline.Run(operation, scope);
    }

    private static DataverseFaultException NotFound(string table, Entity target) =>
        target.Id != Guid.Empty
            ? DataverseFaultException.DoesNotExist(table, target.Id)
            : DataverseFaultException.NotFoundByKey(table);

    private static string SingleTable(List<Entity> targets, OrganizationRequest request)
    {
        if (targets.Count == 0) throw DataverseFaultException.InvalidArgument($"The {request.RequestName} request carries no records.");
        var table = targets[0].LogicalName;
        if (string.IsNullOrEmpty(table) || targets.Any(t => t.LogicalName != table))
        {
            throw DataverseFaultException.InvalidArgument($"All records of a {request.RequestName} request must name the same table.");
        }
        return table;
    }

    private OrganizationResponse Retrieve(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var columns = Parameter<ColumnSet>(request, "ColumnSet");
        Available("Retrieve", target.LogicalName);
        var id = Data.Resolve(target.LogicalName, target.Id, target.KeyAttributes)
            ?? throw NotFound(target.LogicalName, new Entity(target.LogicalName, target.Id));
        var operation = new PipelineOperation
        {
            MessageName = "Retrieve", PrimaryEntityName = target.LogicalName, InputParameters = Inputs(request),
            MainOperation = op =>
            {
                var principal = Security.PrincipalOf(scope.UserId);
                var table = emulator.Metadata.Table(target.LogicalName);
                Security.Demand(principal, table, PrivilegeAccess.Read, emulator.Store.Get(table.LogicalName, id));
                var entity = Data.Retrieve(target.LogicalName, id, columns);
                Security.HideUnreadable(principal, table.LogicalName, entity);
                emulator.Formatting.Complete(entity, emulator.TimeZoneOf(scope.UserId));
                if (request.Parameters.TryGetValue("RelatedEntitiesQuery", out var relatedQueries) && relatedQueries is RelationshipQueryCollection { Count: > 0 } queries)
                {
                    related.Retrieve(entity, queries, scope);
                }
                op.OutputParameters["BusinessEntity"] = entity;
            },
        };
        operation.Items.Add(new PipelineItem { Table = target.LogicalName, Id = id });
        emulator.Pipeline.Run(operation, scope);
        return Respond<RetrieveResponse>(request, ("Entity", operation.OutputParameters["BusinessEntity"]));
    }

    private OrganizationResponse RetrieveMultiple(CallScope scope, OrganizationRequest request)
    {
        var query = Parameter<QueryBase>(request, "Query");
        var table = query switch
        {
            QueryExpression q => q.EntityName,
            QueryByAttribute q => q.EntityName,
            FetchExpression f => emulator.Fetch.TableOf(f.Query),
            _ => throw DataverseFaultException.InvalidArgument($"The query type {query.GetType().Name} is not supported by the emulator."),
        };
        Available("RetrieveMultiple", table);
        var operation = new PipelineOperation
        {
            MessageName = "RetrieveMultiple", PrimaryEntityName = table, InputParameters = Inputs(request),
            MainOperation = op => op.OutputParameters["BusinessEntityCollection"] = Query(op.InputParameters["Query"] as QueryBase ?? query, scope),
        };
        emulator.Pipeline.Run(operation, scope);
        return Respond<RetrieveMultipleResponse>(request, ("EntityCollection", operation.OutputParameters["BusinessEntityCollection"]));
    }

    private EntityCollection Query(QueryBase query, CallScope scope)
    {
        var caller = emulator.QueryCallerOf(scope.UserId);
        var result = query switch
        {
            QueryExpression q => emulator.Queries.Execute(q, caller),
            QueryByAttribute q => emulator.Queries.Execute(QueryEngine.FromQueryByAttribute(q), caller),
            FetchExpression f => emulator.Fetch.Execute(f.Query, caller),
            _ => throw DataverseFaultException.InvalidArgument($"The query type {query.GetType().Name} is not supported by the emulator."),
        };
        var principal = Security.PrincipalOf(scope.UserId);
        foreach (var entity in result.Entities)
        {
            Security.HideUnreadable(principal, result.EntityName ?? entity.LogicalName, entity);
            emulator.Formatting.Complete(entity, caller.TimeZone);
        }
        return result;
    }

    private OrganizationResponse Delete(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var id = Data.Resolve(target.LogicalName, target.Id, target.KeyAttributes) ?? throw NotFound(target.LogicalName, new Entity(target.LogicalName, target.Id));
        // The caller needs Delete on the row named; the rows its relationships cascade to are removed by the platform.
        var table = emulator.Metadata.Table(target.LogicalName);
        Security.Demand(Security.PrincipalOf(scope.UserId), table, PrivilegeAccess.Delete, emulator.Store.Get(table.LogicalName, id));
        RunDelete(scope, target.LogicalName, id, Inputs(request));
        return Respond<DeleteResponse>(request);
    }

    private void RunDelete(CallScope scope, string table, Guid id, ParameterCollection input)
    {
        Available("Delete", table);
        var operation = new PipelineOperation
        {
            MessageName = "Delete", PrimaryEntityName = table, InputParameters = input, Images = ImageSupport.PreOnly,
            MainOperation = _ =>
            {
                // Cascaded children go through their own Delete pipeline, so their steps fire too.
                emulator.AuditLog.Deleted(table, emulator.Store.Get(table, id), scope.UserId);
                Security.Shares.Forget(id);
                foreach (var (_, child) in Data.Delete(table, id, scope.UserId))
                {
                    Security.Shares.Forget(child.Id);
                    if (emulator.Store.Get(child.LogicalName, child.Id) == null) continue;
                    RunDelete(scope, child.LogicalName, child.Id, new ParameterCollection { ["Target"] = new EntityReference(child.LogicalName, child.Id) });
                }
            },
        };
        operation.Items.Add(new PipelineItem { Table = table, Id = id, Before = emulator.Store.Get(table, id) });
        emulator.Pipeline.Run(operation, scope);
    }

    private OrganizationResponse Associate(CallScope scope, OrganizationRequest request, bool associate)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var relationship = emulator.Metadata.Relationship(Parameter<Relationship>(request, "Relationship").SchemaName);
        var related = Parameter<EntityReferenceCollection>(request, "RelatedEntities");
        Available(request.RequestName, target.LogicalName);
        var operation = new PipelineOperation
        {
            MessageName = request.RequestName, PrimaryEntityName = target.LogicalName, InputParameters = Inputs(request),
            MainOperation = _ =>
            {
                DemandAssociate(Security.PrincipalOf(scope.UserId), target, relationship, related);
                if (relationship.Type == RelationshipType.OneToMany)
                {
                    // A one-to-many association sets the child's lookup: audited as the child's update.
                    foreach (var other in related)
                    {
                        var child = other.LogicalName == relationship.ReferencingTable ? other : target;
                        var before = emulator.Store.Get(child.LogicalName, child.Id);
                        Data.Associate(target, relationship, [other], scope.UserId, associate);
                        emulator.AuditLog.Updated(child.LogicalName, before, emulator.Store.Get(child.LogicalName, child.Id), scope.UserId);
                    }
                    return;
                }
                Data.Associate(target, relationship, related, scope.UserId, associate);
                AuditAssociation(scope, target, relationship, related, associate);
            },
        };
        operation.Items.Add(new PipelineItem { Table = target.LogicalName, Id = target.Id });
        emulator.Pipeline.Run(operation, scope);
        return associate ? Respond<AssociateResponse>(request) : Respond<DisassociateResponse>(request);
    }

    /// <summary>
    /// A many-to-many association is audited on each side whose table is audited, naming the records on the other side
    /// (RelationshipAuditDetail). A role assigned to or removed from a user or team is audited on the user or team with
    /// the role actions (Assign/Remove Role To/From User/Team). Which sides Dataverse writes is not documented.
    /// </summary>
    private void AuditAssociation(CallScope scope, EntityReference target, RelationshipDefinition relationship, EntityReferenceCollection related, bool associate)
    {
        var roleHolder = relationship.SchemaName switch
        {
            "systemuserroles_association" => "systemuser",
            "teamroles_association" => "team",
            _ => null,
        };
        if (roleHolder != null)
        {
            var action = (roleHolder, associate) switch
            {
                ("systemuser", true) => AuditAction.AssignRoleToUser,
                ("systemuser", false) => AuditAction.RemoveRoleFromUser,
                (_, true) => AuditAction.AssignRoleToTeam,
                _ => AuditAction.RemoveRoleFromTeam,
            };
            if (target.LogicalName == roleHolder) emulator.AuditLog.Related(target, relationship.SchemaName, related, action, scope.UserId, always: true);
            else foreach (var holder in related) emulator.AuditLog.Related(holder, relationship.SchemaName, [target], action, scope.UserId, always: true);
            return;
        }
        var relatedAction = associate ? AuditAction.AssociateEntities : AuditAction.DisassociateEntities;
        emulator.AuditLog.Related(target, relationship.SchemaName, related, relatedAction, scope.UserId);
        foreach (var other in related) emulator.AuditLog.Related(other, relationship.SchemaName, [target], relatedAction, scope.UserId);
    }

    private OrganizationResponse SetState(CallScope scope, OrganizationRequest request)
    {
        var moniker = Parameter<EntityReference>(request, "EntityMoniker");
        var state = Parameter<OptionSetValue>(request, "State");
        var status = Parameter<OptionSetValue>(request, "Status");
        Available("SetState", moniker.LogicalName);
        var id = Data.Resolve(moniker.LogicalName, moniker.Id, moniker.KeyAttributes) ?? throw NotFound(moniker.LogicalName, new Entity(moniker.LogicalName, moniker.Id));
        var operation = new PipelineOperation
        {
            MessageName = "SetState", PrimaryEntityName = moniker.LogicalName, InputParameters = Inputs(request), Images = ImageSupport.PreAndPost,
            MainOperation = op =>
            {
                // Dataverse carries out SetState as an Update of statecode/statuscode, so Update steps on those columns fire.
                var target = new Entity(moniker.LogicalName, id) { ["statecode"] = new OptionSetValue(state.Value), ["statuscode"] = new OptionSetValue(status.Value == -1 ? emulator.Metadata.Table(moniker.LogicalName).DefaultStatus(state.Value) ?? 1 : status.Value) };
                RunUpdate(scope, "Update", moniker.LogicalName, [target], new ParameterCollection { ["Target"] = target }, AuditAction.SetState);
                op.Items[0].After = emulator.Store.Get(moniker.LogicalName, id);
            },
        };
        operation.Items.Add(new PipelineItem { Table = moniker.LogicalName, Id = id, Before = emulator.Store.Get(moniker.LogicalName, id) });
        emulator.Pipeline.Run(operation, scope);
        return Respond<SetStateResponse>(request);
    }

    private OrganizationResponse Upsert(CallScope scope, OrganizationRequest request)
    {
        var sent = Parameter<Entity>(request, "Target");
        var target = Values.Copy(sent);
        Available("Upsert", target.LogicalName);
        var existing = Data.Resolve(target.LogicalName, sent.Id, sent.KeyAttributes);
        var created = false;
        var operation = new PipelineOperation
        {
            MessageName = "Upsert", PrimaryEntityName = target.LogicalName, InputParameters = Inputs(request),
            MainOperation = op =>
            {
                // The key values become column values of a created row, as Dataverse does.
                foreach (var key in sent.KeyAttributes) target[key.Key] = key.Value;
                if (existing is { } id)
                {
                    target.Id = id;
                    RunUpdate(scope, "Update", target.LogicalName, [target], new ParameterCollection { ["Target"] = target });
                }
                else
                {
                    created = true;
                    var response = Create(scope, [target], new CreateRequest { Target = target }, multiple: false);
                    target.Id = (Guid)response.Results["id"];
                }
                op.OutputParameters["RecordCreated"] = created;
                op.OutputParameters["Target"] = new EntityReference(target.LogicalName, target.Id);
            },
        };
        emulator.Pipeline.Run(operation, scope);
        return Respond<UpsertResponse>(request, ("RecordCreated", created), ("Target", new EntityReference(target.LogicalName, target.Id)));
    }

    /// <summary>Assign moves a row to another owner: Assign on the row (at a depth that reaches it); the owner columns follow.</summary>
    private OrganizationResponse Assign(CallScope scope, OrganizationRequest request)
    {
        var target = Parameter<EntityReference>(request, "Target");
        var assignee = Parameter<EntityReference>(request, "Assignee");
        Available("Assign", target.LogicalName);
        var table = emulator.Metadata.Table(target.LogicalName);
        var id = Data.Resolve(target.LogicalName, target.Id, target.KeyAttributes) ?? throw NotFound(target.LogicalName, new Entity(target.LogicalName, target.Id));
        if (assignee.LogicalName is not ("systemuser" or "team"))
        {
            throw DataverseFaultException.InvalidArgument($"The assignee of an Assign request must be a systemuser or a team, not {assignee.LogicalName}.");
        }
        // The assignee becomes the row's ownerid, a lookup, so a missing one faults as any lookup to a missing row does.
        if (emulator.Store.Get(assignee.LogicalName, assignee.Id) == null) throw DataverseFaultException.DoesNotExist(assignee.LogicalName, assignee.Id);
        RunAssign(scope, table.LogicalName, id, new EntityReference(assignee.LogicalName, assignee.Id), Inputs(request), [id], cascaded: false);
        return new OrganizationResponse { ResponseName = "Assign" };
    }

    /// <summary>
    /// The Assign pipeline for one row, then for each child its relationships cascade the assignment to (their own
    /// Assign, so their steps fire; the caller's privileges are checked on the row named, as for cascaded deletes).
    /// </summary>
    private void RunAssign(CallScope scope, string table, Guid id, EntityReference assignee, ParameterCollection input, HashSet<Guid> assigned, bool cascaded)
    {
        var operation = new PipelineOperation
        {
            MessageName = "Assign", PrimaryEntityName = table, InputParameters = input,
            MainOperation = _ =>
            {
                var before = emulator.Store.Get(table, id)!;
                if (!cascaded) Security.Demand(Security.PrincipalOf(scope.UserId), emulator.Metadata.Table(table), PrivilegeAccess.Assign, before);
                Data.Update(new Entity(table, id) { ["ownerid"] = assignee }, scope.UserId);
                emulator.AuditLog.Updated(table, before, emulator.Store.Get(table, id), scope.UserId, AuditAction.Assign);
                foreach (var child in related.AssignedWith(table, before).Where(c => assigned.Add(c.Id)))
                {
                    RunAssign(scope, child.LogicalName, child.Id, assignee, new ParameterCollection { ["Target"] = child, ["Assignee"] = assignee }, assigned, cascaded: true);
                }
            },
        };
        operation.Items.Add(new PipelineItem { Table = table, Id = id });
        emulator.Pipeline.Run(operation, scope);
    }

    private OrganizationResponse WhoAmI(CallScope scope) =>
        Respond<WhoAmIResponse>(new WhoAmIRequest(), ("UserId", scope.UserId), ("BusinessUnitId", emulator.BusinessUnitOf(scope.UserId)), ("OrganizationId", emulator.OrganizationId));

    private OrganizationResponse ExecuteMultiple(CallScope scope, OrganizationRequest request)
    {
        var requests = Parameter<OrganizationRequestCollection>(request, "Requests");
        var settings = Parameter<ExecuteMultipleSettings>(request, "Settings");
        CheckBatch(requests, request.RequestName);
        var responses = new ExecuteMultipleResponseItemCollection();
        var faulted = false;
        for (var i = 0; i < requests.Count; i++)
        {
            // Each request is its own transaction: a failed one rolls back alone.
            try
            {
                var response = emulator.ExecuteIsolated(requests[i], scope);
                if (settings.ReturnResponses) responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
            }
            catch (DataverseFaultException fault)
            {
                faulted = true;
                responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault.Fault });
                if (!settings.ContinueOnError) break;
            }
        }
        return Respond<ExecuteMultipleResponse>(request, ("IsFaulted", faulted), ("Responses", responses));
    }

    private OrganizationResponse ExecuteTransaction(CallScope scope, OrganizationRequest request)
    {
        var requests = Parameter<OrganizationRequestCollection>(request, "Requests");
        CheckBatch(requests, request.RequestName);
        var responses = new OrganizationResponseCollection();
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                responses.Add(emulator.ExecuteIsolated(requests[i], scope));
            }
            catch (DataverseFaultException fault)
            {
                // The caller's savepoint rolls back the requests that succeeded before this one.
                var transactionFault = new ExecuteTransactionFault
                {
                    ErrorCode = fault.ErrorCode, Message = fault.Message, Timestamp = fault.Fault.Timestamp, FaultedRequestIndex = i,
                    InnerFault = fault.Fault, ErrorDetails = new ErrorDetailCollection(),
                };
                throw new DataverseFaultException(transactionFault, fault);
            }
        }
        var returnResponses = request.Parameters.TryGetValue("ReturnResponses", out var flag) && flag is true;
        return Respond<ExecuteTransactionResponse>(request, ("Responses", returnResponses ? responses : null));
    }

    private static void CheckBatch(OrganizationRequestCollection requests, string batchName)
    {
        if (requests.Count > BatchLimit)
        {
            throw DataverseFaultException.InvalidArgument($"The {batchName} request contains {requests.Count} requests; the maximum batch size is {BatchLimit}.");
        }
        if (requests.FirstOrDefault(r => r.RequestName is "ExecuteMultiple" or "ExecuteTransaction") is { } nested)
        {
            throw DataverseFaultException.InvalidArgument($"{batchName} cannot contain a nested {nested.RequestName} request.");
        }
    }

    private OrganizationResponse CustomApi(CallScope scope, OrganizationRequest request, CustomApiRegistration api)
    {
        // "ExecutePrivilegeName: the name of the privilege that allows execution of the custom API"
        // (https://learn.microsoft.com/power-apps/developer/data-platform/custom-api-tables).
        if (api.ExecutePrivilegeName != null) Security.DemandPrivilege(Security.PrincipalOf(scope.UserId), api.ExecutePrivilegeName, api.UniqueName);
        var operation = new PipelineOperation
        {
            MessageName = api.UniqueName, PrimaryEntityName = api.BoundEntity ?? "none", InputParameters = Inputs(request),
            MainOperation = op => emulator.InvokeMainOperation(api, op, scope),
        };
        if (request.Parameters.TryGetValue("Target", out var bound) && bound is EntityReference target) operation.Items.Add(new PipelineItem { Table = target.LogicalName, Id = target.Id });
        emulator.Pipeline.Run(operation, scope);
        var response = new OrganizationResponse { ResponseName = api.UniqueName };
        foreach (var output in operation.OutputParameters) response.Results[output.Key] = output.Value;
        return response;
    }
}

/// <summary>A custom API: its unique name (the message), the plug-in type of its main operation, its kind and the privilege a caller needs.</summary>
public sealed record CustomApiRegistration(string UniqueName, Type PluginType, bool IsFunction, string? BoundEntity, string? ExecutePrivilegeName = null);
