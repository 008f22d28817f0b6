using System;
using System.Collections.Generic;
using System.Globalization;

namespace PatientJourney.Crm.JourneyMap.Engine;

/// <summary>One row of an engine's result set, read by column name (engine-neutral: values as the ADO.NET provider gives them).</summary>
public sealed class ResultRow
{
    private readonly Dictionary<string, object?> values;

    public ResultRow(Dictionary<string, object?> values) => this.values = values;

    public bool IsNull(string column) => Value(column) is null;

    public int Int(string column) => Convert.ToInt32(Value(column) ?? 0, CultureInfo.InvariantCulture);

    public int? NullableInt(string column) => Value(column) is { } v ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    public decimal? Decimal(string column) => Value(column) is { } v ? (decimal)Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    public bool Bool(string column) => Convert.ToBoolean(Value(column) ?? false, CultureInfo.InvariantCulture);

    public string Text(string column) => Value(column)?.ToString() ?? string.Empty;

    public Guid? Id(string column) => Value(column) switch
    {
        null => null,
        Guid g => g,
        var v => Guid.Parse(v.ToString()!),
    };

    // DuckDB sums integers as HUGEINT, which the provider gives as BigInteger.
    private object? Value(string column) =>
        !values.TryGetValue(column, out var value) ? throw new KeyNotFoundException($"The result set has no column {column}.")
        : value is System.Numerics.BigInteger big ? (long)big : value;
}

/// <summary>The named result sets of the metric SQL files (each "-- result: name" statement).</summary>
public sealed class ResultSets
{
    private readonly Dictionary<string, IReadOnlyList<ResultRow>> sets = new(StringComparer.Ordinal);

    public void Add(string name, IReadOnlyList<ResultRow> rows) => sets[name] = rows;

    public IReadOnlyCollection<string> Names => sets.Keys;

    public IReadOnlyList<ResultRow> this[string name] =>
        sets.TryGetValue(name, out var rows) ? rows : throw new KeyNotFoundException($"No SQL file produced the result set {name}.");

    /// <summary>The single row of a one-row result set.</summary>
    public ResultRow Single(string name) => this[name][0];
}
