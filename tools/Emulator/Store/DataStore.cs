using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Store;

/// <summary>One row write, for inspection.</summary>
public sealed record RowWrite(string Operation, string Table, Guid Id);

/// <summary>
/// The rows, per table, with an undo log: every write records the row as it was, so a failed request is rolled back
/// to its savepoint exactly, nested writes included. Rows held here are never handed out; readers get copies.
/// </summary>
internal sealed class DataStore
{
    private Dictionary<string, Dictionary<Guid, Entity>> tables = new(StringComparer.Ordinal);
    private readonly List<(string Table, Guid Id, Entity? Before)> undo = [];
    private readonly List<RowWrite> writes = [];

    public IReadOnlyList<RowWrite> Writes => writes;

    public (int Undo, int Writes) Savepoint() => (undo.Count, writes.Count);

    /// <summary>Undoes every write since the savepoint and forgets it was written.</summary>
    public void RollbackTo((int Undo, int Writes) savepoint)
    {
        for (var i = undo.Count - 1; i >= savepoint.Undo; i--)
        {
            var (table, id, before) = undo[i];
            var rows = Rows(table);
            if (before == null) rows.Remove(id);
            else rows[id] = before;
        }
        undo.RemoveRange(savepoint.Undo, undo.Count - savepoint.Undo);
        writes.RemoveRange(savepoint.Writes, writes.Count - savepoint.Writes);
    }

    /// <summary>Forgets the undo entries once the outermost request has succeeded.</summary>
    public void Commit() => undo.Clear();

    public Entity? Get(string table, Guid id) => tables.TryGetValue(table, out var rows) && rows.TryGetValue(id, out var row) ? row : null;

    public IEnumerable<Entity> All(string table) => tables.TryGetValue(table, out var rows) ? rows.Values : [];

    public int Count(string table) => tables.TryGetValue(table, out var rows) ? rows.Count : 0;

    public void Insert(Entity row)
    {
        undo.Add((row.LogicalName, row.Id, null));
        Rows(row.LogicalName)[row.Id] = row;
        writes.Add(new RowWrite("Create", row.LogicalName, row.Id));
    }

    /// <summary>Replaces a row with a new instance (the old instance stays intact for the undo log).</summary>
    public void Replace(Entity row)
    {
        var rows = Rows(row.LogicalName);
        undo.Add((row.LogicalName, row.Id, rows[row.Id]));
        rows[row.Id] = row;
        writes.Add(new RowWrite("Update", row.LogicalName, row.Id));
    }

    public void Remove(string table, Guid id)
    {
        var rows = Rows(table);
        undo.Add((table, id, rows[id]));
        rows.Remove(id);
        writes.Add(new RowWrite("Delete", table, id));
    }

    public void ClearWrites() => writes.Clear();

    /// <summary>A copy of all rows. Rows are replaced, never mutated, so sharing the row instances is safe.</summary>
    public Dictionary<string, Dictionary<Guid, Entity>> Snapshot() =>
        tables.ToDictionary(t => t.Key, t => new Dictionary<Guid, Entity>(t.Value), StringComparer.Ordinal);

    public void Restore(Dictionary<string, Dictionary<Guid, Entity>> snapshot)
    {
        tables = snapshot.ToDictionary(t => t.Key, t => new Dictionary<Guid, Entity>(t.Value), StringComparer.Ordinal);
        undo.Clear();
    }

    private Dictionary<Guid, Entity> Rows(string table)
    {
        if (!tables.TryGetValue(table, out var rows)) tables[table] = rows = [];
        return rows;
    }
}
