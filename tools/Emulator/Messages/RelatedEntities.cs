using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Messages;

/// <summary>
/// Rows reached through a relationship from one row: deep insert (<see cref="Entity.RelatedEntities"/> on Create,
/// https://learn.microsoft.com/power-apps/developer/data-platform/org-service/entity-operations-create#create-related-table-rows-in-one-operation)
/// and <c>RelatedEntitiesQuery</c> on Retrieve
/// (https://learn.microsoft.com/power-apps/developer/data-platform/org-service/entity-operations-retrieve#retrieve-with-related-rows).
/// </summary>
internal sealed class RelatedEntities(DataverseEmulator emulator)
{
    /// <summary>Which side of a relationship a row is on.</summary>
    private enum Side
    {
        /// <summary>The one side of a one-to-many: the related rows are its children.</summary>
        Referenced,
        /// <summary>The many side: the related row is the one its lookup names.</summary>
        Referencing,
        ManyToMany,
    }

    private (RelationshipDefinition Definition, Side Side, string Other) Resolve(Relationship relationship, string table)
    {
        var definition = emulator.Metadata.Relationship(relationship.SchemaName);
        if (definition.ReferencedTable == definition.ReferencingTable)
        {
            throw DataverseFaultException.InvalidArgument($"The self-referential relationship {definition.SchemaName} is not supported by the emulator for related rows.");
        }
        if (table == definition.ReferencedTable) return (definition, definition.Type == RelationshipType.ManyToMany ? Side.ManyToMany : Side.Referenced, definition.ReferencingTable);
        if (table == definition.ReferencingTable) return (definition, definition.Type == RelationshipType.ManyToMany ? Side.ManyToMany : Side.Referencing, definition.ReferencedTable);
        throw DataverseFaultException.InvalidArgument($"The relationship {definition.SchemaName} does not involve the table {table}.");
    }

    /// <summary>Fills <paramref name="entity"/>'s RelatedEntities with each query's rows, restricted to the rows related to it, as the caller may read them.</summary>
    public void Retrieve(Entity entity, RelationshipQueryCollection queries, CallScope scope)
    {
        var caller = emulator.QueryCallerOf(scope.UserId);
        var principal = emulator.Security.PrincipalOf(scope.UserId);
        foreach (var (relationship, query) in queries)
        {
            var expression = query as QueryExpression ?? throw DataverseFaultException.InvalidArgument(
                $"The related-entities query for {relationship.SchemaName} must be a QueryExpression; {query?.GetType().Name ?? "null"} is not supported by the emulator.");
            var (definition, side, other) = Resolve(relationship, entity.LogicalName);
            if (expression.EntityName != other)
            {
                throw DataverseFaultException.InvalidArgument($"The related-entities query for {definition.SchemaName} must query {other}, not {expression.EntityName}.");
            }
            var result = emulator.Queries.Execute(Restricted(expression, definition, side, entity), caller);
            foreach (var row in result.Entities)
            {
                emulator.Security.HideUnreadable(principal, other, row);
                emulator.Formatting.Complete(row, caller.TimeZone);
            }
            entity.RelatedEntities[relationship] = result;
        }
    }

    // The caller's query ANDed with "related to this row"; the caller's objects are not changed.
    private QueryExpression Restricted(QueryExpression query, RelationshipDefinition definition, Side side, Entity entity)
    {
        var table = emulator.Metadata.Table(query.EntityName);
        var copy = new QueryExpression(query.EntityName) { ColumnSet = query.ColumnSet, TopCount = query.TopCount, Distinct = query.Distinct };
        copy.LinkEntities.AddRange(query.LinkEntities);
        copy.Orders.AddRange(query.Orders);
        if (query.Criteria != null) copy.Criteria.AddFilter(query.Criteria);
        var stored = emulator.Store.Get(entity.LogicalName, entity.Id);
        IEnumerable<Guid> ids = side switch
        {
            Side.Referencing => stored?.GetAttributeValue<EntityReference>(definition.ReferencingColumn!) is { } parent ? [parent.Id] : [],
            Side.ManyToMany => emulator.Store.WithValues(MetadataRegistry.IntersectName(definition), [entity.LogicalName + "id"], [entity.Id])
                .Select(l => l.GetAttributeValue<Guid>(query.EntityName + "id")),
            _ => [],
        };
        if (side == Side.Referenced) copy.Criteria.AddCondition(definition.ReferencingColumn!, ConditionOperator.Equal, entity.Id);
        else if (ids.ToArray() is { Length: > 0 } related) copy.Criteria.AddCondition(table.PrimaryIdColumn, ConditionOperator.In, related.Cast<object>().ToArray());
        else copy.Criteria.AddCondition(table.PrimaryIdColumn, ConditionOperator.Null);
        return copy;
    }

    /// <summary>
    /// Deep insert, before the row itself is created: the rows its lookups will point to (the one side of a
    /// relationship the new row is on the many side of) are created first and the lookup set on <paramref name="target"/>.
    /// </summary>
    public void CreateReferenced(Entity target, IEnumerable<KeyValuePair<Relationship, EntityCollection>> related, Func<Entity, Guid> create)
    {
        foreach (var (relationship, rows) in related)
        {
            var (definition, side, other) = Resolve(relationship, target.LogicalName);
            if (side != Side.Referencing) continue;
            if (rows.Entities.Count != 1)
            {
                throw DataverseFaultException.InvalidArgument($"A {target.LogicalName} row can refer to one {other} row through {definition.SchemaName}; the request carries {rows.Entities.Count}.");
            }
            var parent = Checked(rows.Entities[0], other, definition);
            target[definition.ReferencingColumn!] = new EntityReference(other, create(parent));
        }
    }

    /// <summary>
    /// Deep insert, after the row is created: its children (with their lookup set to it) and its many-to-many
    /// partners (created, then associated), each through its own Create, so their plug-ins run.
    /// </summary>
    public void CreateReferencing(EntityReference created, IEnumerable<KeyValuePair<Relationship, EntityCollection>> related, Func<Entity, Guid> create,
        Action<EntityReference, Relationship, EntityReference> associate)
    {
        foreach (var (relationship, rows) in related)
        {
            var (definition, side, other) = Resolve(relationship, created.LogicalName);
            if (side == Side.Referencing) continue;
            foreach (var row in rows.Entities)
            {
                var child = Checked(row, other, definition);
                if (side == Side.Referenced)
                {
                    child[definition.ReferencingColumn!] = created;
                    create(child);
                }
                else
                {
                    associate(created, relationship, new EntityReference(other, create(child)));
                }
            }
        }
    }

    /// <summary>
    /// The children an assignment of <paramref name="parent"/> (as it was before) carries on to, by each relationship's
    /// CascadeAssign: all of them, the active ones (statecode 0), or those owned by the parent's owner; only tables
    /// with owners have rows to assign
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/configure-entity-relationship-cascading-behavior).
    /// </summary>
    public IEnumerable<EntityReference> AssignedWith(string table, Entity parent)
    {
        var owner = parent.GetAttributeValue<EntityReference>("ownerid");
        foreach (var relationship in emulator.Metadata.Relationships.Where(r =>
                     r.Type == RelationshipType.OneToMany && r.ReferencedTable == table && r.OnAssign != CascadeType.NoCascade && emulator.Metadata.Table(r.ReferencingTable).IsUserOwned))
        {
            var children = emulator.Store.WithValues(relationship.ReferencingTable, [relationship.ReferencingColumn!], [parent.Id])
                .Where(c => relationship.OnAssign switch
                {
                    CascadeType.Active => (c.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0) == 0,
                    CascadeType.UserOwned => owner != null && c.GetAttributeValue<EntityReference>("ownerid")?.Id == owner.Id,
                    _ => true,
                })
                .Select(c => new EntityReference(c.LogicalName, c.Id))
                .ToList();
            foreach (var child in children) yield return child;
        }
    }

    private static Entity Checked(Entity row, string table, RelationshipDefinition definition) =>
        row.LogicalName == table
            ? row
            : throw DataverseFaultException.InvalidArgument($"The relationship {definition.SchemaName} relates {table} rows; a {row.LogicalName} row cannot be created through it.");
}
