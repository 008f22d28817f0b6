using System;
using System.Collections.Generic;
using System.Linq;
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
/// One audit record: what happened to which record, by whom and when, with the old and new values of the audited
/// columns that changed (absent key = no value). A value is what the column held (OptionSetValue, EntityReference, …).
/// </summary>
public sealed record AuditRecord(
    Guid AuditId, AuditOperation Operation, string Table, Guid RecordId, Guid UserId, DateTime CreatedOn,
    IReadOnlyDictionary<string, object?> OldValues, IReadOnlyDictionary<string, object?> NewValues)
{
    /// <summary>The audited columns the record names (changed on update, set on create, held on delete).</summary>
    public IEnumerable<string> Columns => OldValues.Keys.Union(NewValues.Keys).Order(StringComparer.Ordinal);
}

/// <summary>
/// Dataverse auditing as the solution switches it on: a table with IsAuditEnabled and, within it, the columns with
/// IsAuditEnabled (https://learn.microsoft.com/power-platform/admin/manage-dataverse-auditing; the organisation-level
/// switch is taken as on). Create, update and delete of a row are audited; retrieves are not ("Retrieve and export are
/// not audited"). Records are written in the request's transaction, so a failed request leaves none.
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

    private static bool Audited(TableMetadata table, ColumnDefinition column) =>
        !Stamps.Contains(column.LogicalName) && column.Type != ColumnType.PrimaryKey
        && (column.IsAudited || (!table.Definition.IsCustom && !column.IsCustom));

    private List<AuditRecord> records = [];

    public IReadOnlyList<AuditRecord> Records => records;

    public int Savepoint() => records.Count;

    public void RollbackTo(int savepoint) => records.RemoveRange(savepoint, records.Count - savepoint);

    public AuditRecord[] Snapshot() => [.. records];

    public void Restore(AuditRecord[] snapshot) => records = [.. snapshot];

    public void Created(string table, Entity? after, Guid userId) => Write(AuditOperation.Create, table, after, null, after, userId);

    public void Updated(string table, Entity? before, Entity? after, Guid userId) => Write(AuditOperation.Update, table, before ?? after, before, after, userId);

    public void Deleted(string table, Entity? before, Guid userId) => Write(AuditOperation.Delete, table, before, before, null, userId);

    private void Write(AuditOperation operation, string tableName, Entity? row, Entity? before, Entity? after, Guid userId)
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
        records.Add(new AuditRecord(Guid.NewGuid(), operation, tableName, row.Id, userId, clock(), oldValues, newValues));
    }

    private static object? Value(Entity? row, string column) => row != null && row.Attributes.TryGetValue(column, out var value) ? value : null;
}
