using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Audit;

/// <summary>The audit table's operation codes for the changes the emulator audits (audit.operation: 1 Create, 2 Update, 3 Delete).</summary>
public enum AuditOperation
{
    Create = 1,
    Update = 2,
    Delete = 3,
}

/// <summary>
/// The audit table's event codes (audit.action) for the events the emulator audits, with the message each stands for
/// ("Audit Actions", https://learn.microsoft.com/power-apps/developer/data-platform/auditing/retrieve-audit-data#audit-actions,
/// and the Action choices of https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/audit).
/// </summary>
public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    Assign = 13,
    /// <summary>GrantAccess.</summary>
    Share = 14,
    /// <summary>Associate (many-to-many).</summary>
    AssociateEntities = 33,
    /// <summary>Disassociate (many-to-many).</summary>
    DisassociateEntities = 34,
    SetState = 41,
    /// <summary>ModifyAccess.</summary>
    ModifyShare = 48,
    /// <summary>RevokeAccess.</summary>
    Unshare = 49,
    AssignRoleToTeam = 53,
    RemoveRoleFromTeam = 54,
    AssignRoleToUser = 55,
    RemoveRoleFromUser = 56,
}

/// <summary>The labels of the audit table's action choices (and of its operation choices 1–3, which share them), as its reference page lists them.</summary>
internal static class AuditLabels
{
    public static string Of(AuditAction action) => action switch
    {
        AuditAction.AssociateEntities => "Associate Entities",
        AuditAction.DisassociateEntities => "Disassociate Entities",
        AuditAction.SetState => "Set State",
        AuditAction.ModifyShare => "Modify Share",
        AuditAction.AssignRoleToTeam => "Assign Role To Team",
        AuditAction.RemoveRoleFromTeam => "Remove Role From Team",
        AuditAction.AssignRoleToUser => "Assign Role To User",
        AuditAction.RemoveRoleFromUser => "Remove Role From User",
        _ => action.ToString(),
    };
}

/// <summary>The records a many-to-many associate or disassociate added to or removed from the audited record (RelationshipAuditDetail).</summary>
public sealed record AuditedRelationship(string RelationshipName, IReadOnlyList<EntityReference> Records);

/// <summary>A share of the audited record granted, changed or revoked: the principal and its rights before and after (ShareAuditDetail).</summary>
public sealed record AuditedShare(EntityReference Principal, AccessRights OldRights, AccessRights NewRights);

/// <summary>
/// One audit record: what happened to which record, by whom and when, with the old and new values of the audited
/// columns that changed (absent key = no value). A value is what the column held (OptionSetValue, EntityReference, …).
/// A relationship or share event carries its <see cref="Relationship"/> or <see cref="Share"/> instead of values.
/// </summary>
public sealed record AuditRecord(
    Guid AuditId, AuditOperation Operation, string Table, Guid RecordId, Guid UserId, DateTime CreatedOn,
    IReadOnlyDictionary<string, object?> OldValues, IReadOnlyDictionary<string, object?> NewValues)
{
    /// <summary>The event (audit.action); by default the operation's own.</summary>
    public AuditAction Action { get; init; } = (AuditAction)(int)Operation;

    public AuditedRelationship? Relationship { get; init; }

    public AuditedShare? Share { get; init; }

    /// <summary>The audited columns the record names (changed on update, set on create, held on delete).</summary>
    public IEnumerable<string> Columns => OldValues.Keys.Union(NewValues.Keys).Order(StringComparer.Ordinal);
}

/// <summary>
/// Dataverse auditing as the solution switches it on: a table with IsAuditEnabled and, within it, the columns with
/// IsAuditEnabled (https://learn.microsoft.com/power-platform/admin/manage-dataverse-auditing; the organisation-level
/// switch is taken as on). Create, update and delete of a row are audited; retrieves are not ("Retrieve and export are
/// not audited"); so are many-to-many associations, shares and role assignments (the actions of the audit table).
/// Records are written in the request's transaction, so a failed request leaves none.
/// </summary>
internal sealed class AuditLog(MetadataRegistry metadata, Func<DateTime> clock)
{
    // Stamped or derived by the platform; never part of an audit record's changed values.
    private static readonly HashSet<string> Stamps = new(StringComparer.Ordinal)
    {
        "modifiedon", "modifiedby", "modifiedonbehalfby", "versionnumber", "createdon", "createdby", "createdonbehalfby",
        "owningbusinessunit", "owninguser", "owningteam", "fullname",
    };

    /// <summary>
    /// A custom table by its IsAuditEnabled. A platform table (contact, appointment) arrives as a shell that carries no
    /// table-level flag, as real exports write shells; the emulator takes it as audited when the solution audits any of
    /// its columns, and audits the platform's own customizable columns with it (their IsAuditEnabled is on by default in
    /// Dataverse; not confirmed against a real organisation's metadata).
    /// </summary>
    private static bool Audited(TableMetadata table) =>
        table.Definition.IsAudited || (!table.Definition.IsCustom && table.Columns.Any(c => c.IsCustom && c.IsAudited));

    // The platform's columns of a custom table that its audit history shows (the documentation's example lists an ownerid
    // change, https://learn.microsoft.com/power-apps/developer/data-platform/auditing/retrieve-audit-data): owner and state.
    // They come from the platform, not the zip, so they carry no IsAuditEnabled of the solution's.
    private static readonly HashSet<string> PlatformAuditedColumns = new(StringComparer.Ordinal) { "ownerid", "statecode", "statuscode" };

    private static bool Audited(TableMetadata table, ColumnDefinition column) =>
        !Stamps.Contains(column.LogicalName) && column.Type != ColumnType.PrimaryKey
        && (column.IsAudited || (!column.IsCustom && (!table.Definition.IsCustom || PlatformAuditedColumns.Contains(column.LogicalName))));

    private List<AuditRecord> log = [];

    public IReadOnlyList<AuditRecord> Records => log;

    public int Savepoint() => log.Count;

    public void RollbackTo(int savepoint) => log.RemoveRange(savepoint, log.Count - savepoint);

    public AuditRecord[] Snapshot() => [.. log];

    public void Restore(AuditRecord[] snapshot) => log = [.. snapshot];

    public void Created(string table, Entity? after, Guid userId) => Write(AuditOperation.Create, table, after, null, after, userId);

    /// <summary>An update of the row, by the Update message or by one that writes through it (Assign, SetState: <paramref name="action"/>).</summary>
    public void Updated(string table, Entity? before, Entity? after, Guid userId, AuditAction action = AuditAction.Update) =>
        Write(AuditOperation.Update, table, before ?? after, before, after, userId, action);

    public void Deleted(string table, Entity? before, Guid userId) => Write(AuditOperation.Delete, table, before, before, null, userId);

    /// <summary>
    /// Records associated with or disassociated from an audited record through a many-to-many relationship. A role
    /// assignment is audited on the user or team whatever the table's flag (<paramref name="always"/>): the emulator takes
    /// the platform's security tables as audited (not confirmed against a real organisation's metadata).
    /// </summary>
    public void Related(EntityReference record, string relationship, IReadOnlyList<EntityReference> records, AuditAction action, Guid userId, bool always = false)
    {
        if (!always && (metadata.Find(record.LogicalName) is not { } table || !Audited(table))) return;
        // The audit table documents only Create, Update, Delete and Access as operations; an association changes the record (Update).
        log.Add(new AuditRecord(Guid.NewGuid(), AuditOperation.Update, record.LogicalName, record.Id, userId, clock(), NoValues, NoValues)
        {
            Action = action, Relationship = new AuditedRelationship(relationship, [.. records.Select(r => new EntityReference(r.LogicalName, r.Id))]),
        });
    }

    /// <summary>A share of an audited record granted (Share), changed (ModifyShare) or revoked (Unshare).</summary>
    public void Shared(EntityReference record, EntityReference principal, AccessRights before, AccessRights after, AuditAction action, Guid userId)
    {
        if (metadata.Find(record.LogicalName) is not { } table || !Audited(table)) return;
        log.Add(new AuditRecord(Guid.NewGuid(), AuditOperation.Update, record.LogicalName, record.Id, userId, clock(), NoValues, NoValues)
        {
            Action = action, Share = new AuditedShare(new EntityReference(principal.LogicalName, principal.Id), before, after),
        });
    }

    private static readonly IReadOnlyDictionary<string, object?> NoValues = new Dictionary<string, object?>();

    private void Write(AuditOperation operation, string tableName, Entity? row, Entity? before, Entity? after, Guid userId, AuditAction? action = null)
    {
        if (row == null || metadata.Find(tableName) is not { } table || !Audited(table)) return;
        var oldValues = new Dictionary<string, object?>(StringComparer.Ordinal);
        var newValues = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in table.Columns.Where(c => Audited(table, c)))
        {
            var old = Value(before, column.LogicalName);
            var now = Value(after, column.LogicalName);
            if (old == null && now == null) continue;
            if (operation == AuditOperation.Update && Values.Equals(old, now)) continue;
            if (old != null) oldValues[column.LogicalName] = Values.Copy(old);
            if (now != null) newValues[column.LogicalName] = Values.Copy(now);
        }
        // An update that changed no audited column leaves no audit record, as in Dataverse's audit history.
        if (operation == AuditOperation.Update && oldValues.Count == 0 && newValues.Count == 0) return;
        log.Add(new AuditRecord(Guid.NewGuid(), operation, tableName, row.Id, userId, clock(), oldValues, newValues) { Action = action ?? (AuditAction)(int)operation });
    }

    private static object? Value(Entity? row, string column) => row != null && row.Attributes.TryGetValue(column, out var value) ? value : null;
}
