using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Store;

/// <summary>
/// A hash index over one or more columns of a table (an alternate key, or a lookup column): the ids of the rows per
/// value. Values compare as <see cref="Values.Comparer"/> compares them (text without regard to case, a reference by
/// its id), as SQL Server's default collation does for Dataverse. A row with any indexed column empty is not indexed.
/// </summary>
internal sealed class ColumnIndex(IReadOnlyList<string> columns)
{
    private readonly Dictionary<IndexKey, HashSet<Guid>> entries = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public void Add(Entity row)
    {
        if (KeyOf(row) is not { } key) return;
        if (!entries.TryGetValue(key, out var ids)) entries[key] = ids = [];
        ids.Add(row.Id);
    }

    public void Remove(Entity row)
    {
        if (KeyOf(row) is not { } key || !entries.TryGetValue(key, out var ids)) return;
        ids.Remove(row.Id);
        if (ids.Count == 0) entries.Remove(key);
    }

    /// <summary>Moves a row from its old values to its new ones; nothing to do when the indexed values did not change.</summary>
    public void Replace(Entity before, Entity after)
    {
        var (old, now) = (KeyOf(before), KeyOf(after));
        if (old is { } o && now is { } n && o.Equals(n)) return;
        Remove(before);
        Add(after);
    }

    public void Clear() => entries.Clear();

    /// <summary>The ids of the rows whose indexed columns hold <paramref name="values"/> (in <see cref="Columns"/> order).</summary>
    public IReadOnlyCollection<Guid> Find(IReadOnlyList<object?> values) =>
        values.Any(v => v == null) ? [] : entries.GetValueOrDefault(new IndexKey(values.Select(Values.Underlying).ToArray())) ?? (IReadOnlyCollection<Guid>)[];

    private IndexKey? KeyOf(Entity row)
    {
        var values = new object?[Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!row.Attributes.TryGetValue(Columns[i], out var value) || value == null) return null;
            values[i] = Values.Underlying(value);
        }
        return new IndexKey(values);
    }

    private readonly struct IndexKey(object?[] values) : IEquatable<IndexKey>
    {
        private readonly object?[] values = values;

        public bool Equals(IndexKey other)
        {
            for (var i = 0; i < values.Length; i++) if (!Values.Comparer.Equals(values[i], other.values[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is IndexKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in values) hash.Add(Values.Comparer.GetHashCode(value!));
            return hash.ToHashCode();
        }
    }
}
