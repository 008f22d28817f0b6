using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Store;

/// <summary>
/// The platform's core operations (stage 30 of Create, Retrieve, Update, Delete, Associate, Disassociate): validation,
/// system columns, state/status rules, alternate keys, activity pointers. No plug-ins run here.
/// </summary>
internal sealed class DataOperations(MetadataRegistry metadata, DataStore store, Func<DateTime> now, Func<Guid, Guid> businessUnitOf)
{
    // Columns only the platform writes; values a caller sends for them are ignored, as Dataverse ignores them.
    private static readonly HashSet<string> PlatformColumns =
        ["createdon", "modifiedon", "createdby", "modifiedby", "createdonbehalfby", "owningbusinessunit", "owninguser", "owningteam", "versionnumber", "activitytypecode", "isregularactivity"];

    // The platform's columns a Create's Target carries from stage 40 on (issue 10; platform-fidelity.md §5).
    private static readonly string[] TargetSystemColumns = ["ownerid", "createdon", "createdby", "modifiedon", "modifiedby", "statecode", "statuscode"];

    public Guid Create(Entity target, Guid userId)
    {
        var table = metadata.Table(target.LogicalName);
        EntityValidator.Validate(table, target, isCreate: true);
        var id = target.Id != Guid.Empty ? target.Id : target.GetAttributeValue<Guid?>(table.PrimaryIdColumn) ?? Guid.NewGuid();
        if (store.Get(table.LogicalName, id) != null) throw DataverseFaultException.Create(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
        var row = new Entity(table.LogicalName, id);
        foreach (var attribute in target.Attributes.Where(a => !PlatformColumns.Contains(a.Key)))
        {
            if (Stored(attribute.Value) is { } value) row[attribute.Key] = value;
        }
        ApplyDefaults(table, row);
        row[table.PrimaryIdColumn] = id;
        var user = new EntityReference("systemuser", userId);
        var createdOn = Stored(target.GetAttributeValue<DateTime?>("overriddencreatedon") ?? now());
        row["createdon"] = createdOn;
        row["modifiedon"] = Stored(now());
        row["createdby"] = user;
        row["modifiedby"] = new EntityReference("systemuser", userId);
        row["versionnumber"] = 1L;
        if (table.IsUserOwned)
        {
            if (!row.Contains("ownerid")) row["ownerid"] = new EntityReference("systemuser", userId);
            SetOwnerColumns(row);
        }
        if (table.HasColumn("statecode")) ApplyStateRules(table, row, target);
        if (table.IsActivity) row["activitytypecode"] = table.LogicalName;
        Compute(table, row);
        CheckKeys(table, row);
        store.Insert(row);
        MirrorActivity(table, row);
        // PostOperation steps see the platform's columns in Target, as Dataverse hands them over.
        foreach (var column in TargetSystemColumns.Where(row.Contains)) target[column] = Values.Copy(row[column]);
        return id;
    }

    public void Update(Entity target, Guid userId)
    {
        var table = metadata.Table(target.LogicalName);
        EntityValidator.Validate(table, target, isCreate: false);
        var existing = Existing(table, target.Id);
        var row = Values.Copy(existing);
        if (table.IsUserOwned && target.Contains("ownerid") && target["ownerid"] == null)
        {
            throw DataverseFaultException.InvalidArgument($"A {table.LogicalName} record must have an owner: ownerid cannot be set to null. Assign the record to a user or team instead.");
        }
        foreach (var attribute in target.Attributes.Where(a => !PlatformColumns.Contains(a.Key) && a.Key != table.PrimaryIdColumn))
        {
            if (Stored(attribute.Value) is { } value) row[attribute.Key] = value;
            else row.Attributes.Remove(attribute.Key);
        }
        if (table.HasColumn("statecode") && (target.Contains("statecode") || target.Contains("statuscode"))) ApplyStateRules(table, row, target);
        if (table.IsUserOwned && target.Contains("ownerid")) SetOwnerColumns(row);
        row["modifiedon"] = Stored(now());
        row["modifiedby"] = new EntityReference("systemuser", userId);
        row["versionnumber"] = existing.GetAttributeValue<long>("versionnumber") + 1;
        Compute(table, row);
        CheckKeys(table, row);
        store.Replace(row);
        MirrorActivity(table, row);
    }

    /// <summary>
    /// A written value as Dataverse stores it: an empty string is null (platform-fidelity.md §5); a date-time loses its
    /// milliseconds, which Dataverse does not keep (the behaviour XrmUnitTest models for real organisations,
    /// https://github.com/daryllabar/XrmUnitTest/issues/38); a lookup must name a row that exists (by id, or by an
    /// alternate key, which is resolved to the id), or the write faults as Dataverse faults, "{table} With Id = {id}
    /// Does Not Exist" (0x80040217, https://learn.microsoft.com/troubleshoot/power-platform/dataverse/user-permissions/client-errors).
    /// </summary>
    private object? Stored(object? value) => value switch
    {
        string { Length: 0 } => null,
        DateTime moment => new DateTime(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond, moment.Kind),
        EntityReference reference => Referenced(reference),
        _ => Values.Copy(value),
    };

    private EntityReference Referenced(EntityReference reference)
    {
        var table = metadata.Table(reference.LogicalName);
        var id = reference.Id == Guid.Empty && reference.KeyAttributes.Count > 0
            ? Resolve(table.LogicalName, Guid.Empty, reference.KeyAttributes) ?? throw DataverseFaultException.NotFoundByKey(table.LogicalName)
            : store.Get(table.LogicalName, reference.Id) != null ? reference.Id : throw DataverseFaultException.DoesNotExist(table.LogicalName, reference.Id);
        return new EntityReference(table.LogicalName, id) { Name = reference.Name };
    }

    // A yes/no column the caller leaves out gets its default, as Dataverse fills it on create. The schema declares no
    // other default (the packer writes AppDefaultValue 0 for every yes/no column and -1, "none", for every choice).
    private static void ApplyDefaults(TableMetadata table, Entity row)
    {
        foreach (var column in table.Columns.Where(c => c.Type == ColumnType.Boolean && !c.IsReadOnly && !PlatformColumns.Contains(c.LogicalName)))
        {
            if (!row.Contains(column.LogicalName)) row[column.LogicalName] = false;
        }
    }

    public Entity Retrieve(string tableName, Guid id, ColumnSet? columns)
    {
        var table = metadata.Table(tableName);
        var row = Existing(table, id);
        return Project(table, row, columns);
    }

    public Entity Project(TableMetadata table, Entity row, ColumnSet? columns)
    {
        if (columns == null || columns.AllColumns) return Values.Copy(row);
        foreach (var column in columns.Columns.Where(c => !table.HasColumn(c))) throw DataverseFaultException.NoAttribute(table.LogicalName, column);
        var wanted = columns.Columns.ToHashSet(StringComparer.Ordinal);
        wanted.Add(table.PrimaryIdColumn);
        return Values.Copy(row, wanted.Contains);
    }

    public Entity Existing(TableMetadata table, Guid id) =>
        store.Get(table.LogicalName, id) ?? throw DataverseFaultException.DoesNotExist(table.LogicalName, id);

    /// <summary>Checks Restrict relationships, then removes the row with its N:N links; returns the 1:N children to cascade.</summary>
    public IReadOnlyList<(RelationshipDefinition Relationship, Entity Child)> Delete(string tableName, Guid id, Guid userId)
    {
        var table = metadata.Table(tableName);
        Existing(table, id);
        var children = metadata.Relationships
            .Where(r => r.Type == RelationshipType.OneToMany && r.ReferencedTable == table.LogicalName && r.ReferencingColumn != null)
            .SelectMany(r => store.WithValues(r.ReferencingTable, [r.ReferencingColumn!], [id]).Select(c => (r, c)))
            .ToList();
        var restricted = children.FirstOrDefault(c => c.r.OnDelete == DeleteBehavior.Restrict);
        if (restricted.c != null)
        {
            throw DataverseFaultException.InvalidArgument(
                $"The {table.LogicalName} record cannot be deleted because it is referenced by {restricted.r.ReferencingTable} records through the restrict-delete relationship {restricted.r.SchemaName}.");
        }
        foreach (var (relationship, child) in children.Where(c => c.r.OnDelete == DeleteBehavior.RemoveLink))
        {
            Update(new Entity(child.LogicalName, child.Id) { [relationship.ReferencingColumn!] = null }, userId);
        }
        foreach (var relationship in metadata.Relationships.Where(r => r.Type == RelationshipType.ManyToMany && (r.ReferencedTable == table.LogicalName || r.ReferencingTable == table.LogicalName)))
        {
            var intersect = MetadataRegistry.IntersectName(relationship);
            var column = table.LogicalName + "id";
            foreach (var link in store.WithValues(intersect, [column], [id]).ToList()) store.Remove(intersect, link.Id);
        }
        store.Remove(table.LogicalName, id);
        if (table.IsActivity && store.Get("activitypointer", id) != null) store.Remove("activitypointer", id);
        return children.Where(c => c.r.OnDelete == DeleteBehavior.Cascade).Select(c => (c.r, c.c)).ToList();
    }

    public void Associate(EntityReference target, RelationshipDefinition relationship, IEnumerable<EntityReference> related, Guid userId, bool associate)
    {
        foreach (var other in related)
        {
            if (relationship.Type == RelationshipType.OneToMany)
            {
                var (parent, child) = target.LogicalName == relationship.ReferencedTable && other.LogicalName == relationship.ReferencingTable ? (target, other) : (other, target);
                if (parent.LogicalName != relationship.ReferencedTable || child.LogicalName != relationship.ReferencingTable) throw WrongTables(relationship, target, other);
                Existing(metadata.Table(parent.LogicalName), parent.Id);
                Update(new Entity(child.LogicalName, child.Id) { [relationship.ReferencingColumn!] = associate ? new EntityReference(parent.LogicalName, parent.Id) : null }, userId);
                continue;
            }
            var tables = new[] { relationship.ReferencedTable, relationship.ReferencingTable };
            if (!tables.Contains(target.LogicalName) || !tables.Contains(other.LogicalName)) throw WrongTables(relationship, target, other);
            Existing(metadata.Table(target.LogicalName), target.Id);
            Existing(metadata.Table(other.LogicalName), other.Id);
            var intersect = MetadataRegistry.IntersectName(relationship);
            var link = store.WithValues(intersect, [target.LogicalName + "id"], [target.Id]).FirstOrDefault(l => Links(l, other));
            if (associate)
            {
                if (link != null) throw DataverseFaultException.Create(ErrorCodes.DuplicateRecord, "Cannot insert duplicate key.");
                var id = Guid.NewGuid();
                store.Insert(new Entity(intersect, id) { [intersect + "id"] = id, [target.LogicalName + "id"] = target.Id, [other.LogicalName + "id"] = other.Id });
            }
            else if (link != null)
            {
                store.Remove(intersect, link.Id);
            }
        }
    }

    private static bool Links(Entity link, EntityReference side) => link.GetAttributeValue<Guid?>(side.LogicalName + "id") == side.Id;

    private static DataverseFaultException WrongTables(RelationshipDefinition relationship, EntityReference target, EntityReference other) =>
        DataverseFaultException.InvalidArgument($"The relationship {relationship.SchemaName} does not join {target.LogicalName} and {other.LogicalName}.");

    /// <summary>The id of the row an Entity or EntityReference names by id or by alternate key; null when no row has the key.</summary>
    public Guid? Resolve(string tableName, Guid id, KeyAttributeCollection? keys)
    {
        var table = metadata.Table(tableName);
        if (id != Guid.Empty) return store.Get(table.LogicalName, id) != null ? id : null;
        if (keys == null || keys.Count == 0) throw DataverseFaultException.InvalidArgument($"A {tableName} record must be identified by its id or an alternate key.");
        if (keys.Count == 1 && keys.Keys.Single() == table.PrimaryIdColumn) return Resolve(tableName, (Guid)keys[table.PrimaryIdColumn], null);
        var names = keys.Keys.ToHashSet(StringComparer.Ordinal);
        var key = table.Definition.Keys.FirstOrDefault(k => k.Columns.ToHashSet(StringComparer.Ordinal).SetEquals(names))
            ?? throw DataverseFaultException.InvalidArgument($"The specified key attributes are not a defined key for the {tableName} entity: {string.Join(",", names)}.");
        return store.WithValues(table.LogicalName, key.Columns, key.Columns.Select(c => keys[c]).ToList()).FirstOrDefault()?.Id;
    }

    private void CheckKeys(TableMetadata table, Entity row)
    {
        foreach (var key in table.Definition.Keys.Where(k => k.Columns.All(row.Contains)))
        {
            if (store.WithValues(table.LogicalName, key.Columns, key.Columns.Select(c => row[c]).ToList()).Any(other => other.Id != row.Id))
            {
                throw DataverseFaultException.DuplicateKey(key.DisplayName ?? key.LogicalName, key.Columns);
            }
        }
    }

    private void SetOwnerColumns(Entity row)
    {
        var owner = row.GetAttributeValue<EntityReference>("ownerid");
        row.Attributes.Remove("owninguser");
        row.Attributes.Remove("owningteam");
        row[owner.LogicalName == "team" ? "owningteam" : "owninguser"] = new EntityReference(owner.LogicalName, owner.Id);
        var businessUnit = owner.LogicalName == "team"
            ? store.Get("team", owner.Id)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? Guid.Empty
            : businessUnitOf(owner.Id);
        row["owningbusinessunit"] = new EntityReference("businessunit", businessUnit);
    }

    // statecode and statuscode move together: a status implies its state, a state without status gets its default status.
    private static void ApplyStateRules(TableMetadata table, Entity row, Entity target)
    {
        var state = target.GetAttributeValue<OptionSetValue>("statecode")?.Value;
        var status = target.GetAttributeValue<OptionSetValue>("statuscode")?.Value;
        if (state == null && status != null) state = table.StateOf(status.Value) ?? row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
        state ??= row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
        if (status != null && table.StateOf(status.Value) is { } owner && owner != state)
        {
            throw DataverseFaultException.InvalidArgument($"{status} is not a valid status code for state code {table.LogicalName}State.{state} of table '{table.LogicalName}'.");
        }
        status ??= target.Contains("statecode") || !row.Contains("statuscode") ? table.DefaultStatus(state.Value) : row.GetAttributeValue<OptionSetValue>("statuscode").Value;
        row["statecode"] = new OptionSetValue(state.Value);
        if (status != null) row["statuscode"] = new OptionSetValue(status.Value);
    }

    // fullname is computed from first and last name on contact and systemuser.
    private static void Compute(TableMetadata table, Entity row)
    {
        if (table.LogicalName is not ("contact" or "systemuser")) return;
        var parts = new[] { row.GetAttributeValue<string>("firstname"), row.GetAttributeValue<string>("lastname") }.Where(p => !string.IsNullOrEmpty(p));
        var fullName = string.Join(" ", parts);
        if (fullName.Length > 0) row["fullname"] = fullName;
    }

    // Every activity also appears in activitypointer with the shared columns, as Dataverse keeps it.
    private void MirrorActivity(TableMetadata table, Entity row)
    {
        if (!table.IsActivity) return;
        var pointerTable = metadata.Table("activitypointer");
        var pointer = Values.Copy(row, pointerTable.HasColumn);
        pointer.LogicalName = "activitypointer";
        if (store.Get("activitypointer", row.Id) == null) store.Insert(pointer);
        else store.Replace(pointer);
    }
}
