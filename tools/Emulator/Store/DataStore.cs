using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Store;

/// <summary>One row write, for inspection.</summary>
public sealed record RowWrite(string Operation, string Table, Guid Id);

/// <summary>
/// The rows, per table, with an undo log: every write records the row as it was, so a failed request is rolled back
/// to its savepoint exactly, nested writes included. Rows held here are never handed out; readers get copies.
/// Each table is indexed by primary key, by every alternate key and by every lookup (and intersect) column; every
/// write, rollback and restore goes through <see cref="Apply"/>, which keeps the indexes equal to the rows.
/// </summary>
internal sealed class DataStore(MetadataRegistry metadata)
{
    private readonly Dictionary<string, TableRows> tables = new(StringComparer.Ordinal);
    private readonly List<(string Table, Guid Id, Entity? Before)> undo = [];
    private readonly List<RowWrite> writes = [];
    private readonly Dictionary<string, IReadOnlyList<string>[]> declaredIndexes = new(StringComparer.Ordinal);

    public IReadOnlyList<RowWrite> Writes => writes;

    /// <summary>
    /// Indexes for a table the platform keeps without table metadata a caller could write through (principalobjectaccess):
    /// declared before its first row, then kept by <see cref="Apply"/> like every other index.
    /// </summary>
    public void DeclareIndexes(string table, params IReadOnlyList<string>[] columnSets) => declaredIndexes[table] = columnSets;

    /// <summary>The column sets the table is indexed on (inspection).</summary>
    public IEnumerable<IReadOnlyList<string>> IndexedColumns(string table) => Table(table).Indexes.Select(i => i.Columns);

    public (int Undo, int Writes) Savepoint() => (undo.Count, writes.Count);

    /// <summary>Undoes every write since the savepoint and forgets it was written.</summary>
    public void RollbackTo((int Undo, int Writes) savepoint)
    {
        for (var i = undo.Count - 1; i >= savepoint.Undo; i--)
        {
            var (table, id, before) = undo[i];
            Apply(Table(table), id, before);
        }
        undo.RemoveRange(savepoint.Undo, undo.Count - savepoint.Undo);
        writes.RemoveRange(savepoint.Writes, writes.Count - savepoint.Writes);
    }

    /// <summary>Forgets the undo entries once the outermost request has succeeded.</summary>
    public void Commit() => undo.Clear();

    public Entity? Get(string table, Guid id) => tables.TryGetValue(table, out var rows) && rows.Rows.TryGetValue(id, out var row) ? row : null;

    public IEnumerable<Entity> All(string table) => tables.TryGetValue(table, out var rows) ? rows.Rows.Values : [];

    public int Count(string table) => tables.TryGetValue(table, out var rows) ? rows.Rows.Count : 0;

    public void Insert(Entity row)
    {
        undo.Add((row.LogicalName, row.Id, null));
        Apply(Table(row.LogicalName), row.Id, row);
        writes.Add(new RowWrite("Create", row.LogicalName, row.Id));
    }

    /// <summary>Replaces a row with a new instance (the old instance stays intact for the undo log).</summary>
    public void Replace(Entity row)
    {
        var rows = Table(row.LogicalName);
        undo.Add((row.LogicalName, row.Id, rows.Rows[row.Id]));
        Apply(rows, row.Id, row);
        writes.Add(new RowWrite("Update", row.LogicalName, row.Id));
    }

    public void Remove(string table, Guid id)
    {
        var rows = Table(table);
        undo.Add((table, id, rows.Rows[id]));
        Apply(rows, id, null);
        writes.Add(new RowWrite("Delete", table, id));
    }

    /// <summary>
    /// The rows whose <paramref name="columns"/> hold <paramref name="values"/>, through the index on exactly those
    /// columns (an alternate key, a lookup) where there is one; otherwise by a scan. Empty values match nothing.
    /// </summary>
    public IEnumerable<Entity> WithValues(string table, IReadOnlyList<string> columns, IReadOnlyList<object?> values)
    {
        if (!tables.TryGetValue(table, out var rows)) return [];
        if (rows.IndexOn(columns) is { } index)
        {
            var ordered = index.Columns.Select(c => values[IndexOf(columns, c)]).ToList();
            return rows.InOrder(index.Find(ordered));
        }
        return rows.Rows.Values.Where(r => columns.Select((c, i) => (c, i)).All(p => values[p.i] != null && r.Attributes.TryGetValue(p.c, out var v) && Values.Equals(v, values[p.i])));
    }

    /// <summary>
    /// The query engine's entry point: given the Equal/In conditions of a query's root filter (an And), the rows that can
    /// match them, from the most selective index they reach: the primary key, an alternate key whose every column has
    /// one Equal value, or the lookup or single-column key index with the fewest hits. Rows come in the order a scan
    /// would meet them. Null when no condition reaches an index (a value not of its column's kind reaches none); the
    /// caller scans then, and applies its filter to the rows returned in any case.
    /// </summary>
    public IEnumerable<Entity>? TryCandidateRows(string table, IReadOnlyList<(string Column, IReadOnlyCollection<object?> Values)> conditions)
    {
        if (metadata.Find(table) is not { } definition) return null;
        var usable = new List<(string Column, List<object> Probes)>();
        foreach (var (column, values) in conditions)
        {
            if (definition.Column(column) is not { } columnDefinition || KindOf(columnDefinition.Type) is not { } kind) continue;
            var probes = values.Select(v => Probe(v, kind)).ToList();
            if (probes.Count > 0 && probes.All(p => p != null)) usable.Add((column, probes.Select(p => p!).ToList()));
        }
        if (usable.Count == 0) return null;
        if (!tables.TryGetValue(table, out var rows)) return [];
        if (usable.FirstOrDefault(u => u.Column == definition.PrimaryIdColumn) is { Probes: { } ids }) return rows.InOrder(ids.Cast<Guid>().Where(rows.Rows.ContainsKey).Distinct());
        var single = usable.Where(u => u.Probes.Count == 1).ToDictionary(u => u.Column, u => u.Probes[0], StringComparer.Ordinal);
        if (rows.Indexes.FirstOrDefault(i => i.Columns.Count > 1 && i.Columns.All(single.ContainsKey)) is { } key)
        {
            return rows.InOrder(key.Find(key.Columns.Select(c => (object?)single[c]).ToList()));
        }
        var hits = usable
            .Select(u => rows.IndexOn([u.Column]) is { } index ? u.Probes.Select(p => index.Find([p])).ToList() : null)
            .Where(h => h != null)
            .MinBy(h => h!.Sum(ids => ids.Count));
        return hits == null ? null : rows.InOrder(hits.SelectMany(ids => ids).Distinct());
    }

    /// <summary>The rows of several candidate sets, each once, in the order a scan would meet them.</summary>
    public IEnumerable<Entity> Union(string table, IEnumerable<IEnumerable<Entity>> parts) =>
        tables.TryGetValue(table, out var rows) ? rows.InOrder(parts.SelectMany(p => p).Select(r => r.Id).Distinct()) : [];

    public void ClearWrites() => writes.Clear();

    /// <summary>A copy of all rows. Rows are replaced, never mutated, so sharing the row instances is safe.</summary>
    public Dictionary<string, Dictionary<Guid, Entity>> Snapshot() =>
        tables.ToDictionary(t => t.Key, t => new Dictionary<Guid, Entity>(t.Value.Rows), StringComparer.Ordinal);

    /// <summary>Puts the rows of a snapshot back, rebuilding every index from them.</summary>
    public void Restore(Dictionary<string, Dictionary<Guid, Entity>> snapshot)
    {
        tables.Clear();
        foreach (var (table, rows) in snapshot)
        {
            var restored = Table(table);
            foreach (var (id, row) in rows) Apply(restored, id, row);
        }
        undo.Clear();
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == column) return i;
        return -1;
    }

    /// <summary>The one place rows change: the row map, the scan order and every index move together.</summary>
    private static void Apply(TableRows rows, Guid id, Entity? after)
    {
        var before = rows.Rows.GetValueOrDefault(id);
        if (after == null) rows.Rows.Remove(id);
        else
        {
            rows.Rows[id] = after;
            rows.Position.TryAdd(id, rows.Position.Count);
        }
        foreach (var index in rows.Indexes)
        {
            if (before != null && after != null) index.Replace(before, after);
            else if (before != null) index.Remove(before);
            else if (after != null) index.Add(after);
        }
    }

    private TableRows Table(string table)
    {
        if (!tables.TryGetValue(table, out var rows))
        {
            tables[table] = rows = new TableRows(declaredIndexes.TryGetValue(table, out var declared) ? [.. declared.Select(c => new ColumnIndex(c))] : IndexesOf(metadata.Find(table)));
        }
        return rows;
    }

    /// <summary>One index per alternate key, then one per lookup or intersect column that no single-column key covers.</summary>
    private static List<ColumnIndex> IndexesOf(TableMetadata? table)
    {
        if (table == null) return [];
        var indexes = table.Definition.Keys.Select(k => new ColumnIndex(k.Columns)).ToList();
        foreach (var column in table.Columns.Where(c => c.Type is ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.UniqueIdentifier))
        {
            if (!indexes.Any(i => i.Columns.Count == 1 && i.Columns[0] == column.LogicalName)) indexes.Add(new ColumnIndex([column.LogicalName]));
        }
        return indexes;
    }

    // The .NET type of a column's comparable value (Values.Underlying); null for columns no index covers.
    private static Type? KindOf(ColumnType type) => type switch
    {
        ColumnType.PrimaryKey or ColumnType.UniqueIdentifier or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => typeof(Guid),
        ColumnType.String or ColumnType.Memo => typeof(string),
        ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status => typeof(int),
        ColumnType.BigInt => typeof(long),
        ColumnType.Decimal or ColumnType.Money => typeof(decimal),
        ColumnType.Boolean => typeof(bool),
        _ => null,
    };

    // A condition value as the index holds it; null when it is not of the column's kind (a Guid may come as text).
    private static object? Probe(object? value, Type kind)
    {
        var underlying = Values.Underlying(value);
        if (kind == typeof(Guid) && underlying is string text) return Guid.TryParse(text, out var id) ? id : null;
        return underlying != null && underlying.GetType() == kind ? underlying : null;
    }

    private sealed class TableRows(List<ColumnIndex> indexes)
    {
        public Dictionary<Guid, Entity> Rows { get; } = [];

        /// <summary>When each row was first stored: index hits are returned in this order, as a scan would meet them.</summary>
        public Dictionary<Guid, int> Position { get; } = [];

        public List<ColumnIndex> Indexes { get; } = indexes;

        public ColumnIndex? IndexOn(IReadOnlyList<string> columns) =>
            Indexes.FirstOrDefault(i => i.Columns.Count == columns.Count && i.Columns.All(columns.Contains));

        public IEnumerable<Entity> InOrder(IEnumerable<Guid> ids) =>
            ids.Select(id => Rows[id]).OrderBy(r => Position[r.Id]).ToList();
    }
}
