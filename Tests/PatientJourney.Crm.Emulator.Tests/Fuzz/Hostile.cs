using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Tests.Fuzz;

/// <summary>
/// Generators of hostile input for the organisation service: names that are not there, values of the wrong type or out
/// of range, strings over the column's length, references to unknown tables and missing rows.
/// </summary>
public sealed class Hostile(FuzzOrganisation organisation)
{
    private const string Marker = FuzzOrganisation.PatientMarker;

    /// <summary>Longer than any column (a memo holds at most 1,048,576 characters).</summary>
    private static readonly string Huge = Marker + new string('x', 1_100_000);

    private TableMetadata[] Tables => [.. organisation.Emulator.Metadata.Tables];

    /// <summary>Names of things that do not exist, or are not names at all (never the patient marker: platform faults may name them).</summary>
    public static readonly Gen<string?> UnknownName = Gen.OneOf<string?>(
        Gen.Const<string?>((string?)null), Gen.Const<string?>(""), Gen.Const<string?>(" "), Gen.Const<string?>("pj_nothing"),
        Gen.Const<string?>("Contact"), Gen.Const<string?>("PJ_JOURNEY"), Gen.Const<string?>("contact "), Gen.Const<string?>("pj_journey;drop table"),
        Gen.Const<string?>(new string('n', 5000)), Gen.Const<string?>("\0"), Gen.Const<string?>("pj_journey.pj_name"),
        Gen.String["abcdefghijklmnopqrstuvwxyz_.@$0123456789"].Select(s => (string?)s));

    public Gen<TableMetadata> Table => Gen.OneOf(Tables);

    /// <summary>A table name: mostly one of the organisation's, sometimes nonsense.</summary>
    public Gen<string?> TableName => Gen.Frequency((4, Table.Select(t => (string?)t.LogicalName)), (1, UnknownName));

    /// <summary>A column name of the table: mostly its own, sometimes another table's or nonsense.</summary>
    public Gen<string?> ColumnName(TableMetadata? table) => table == null
        ? UnknownName
        : Gen.Frequency((6, Gen.OneOf(table.Columns.Select(c => (string?)c.LogicalName).ToArray())), (1, UnknownName),
            (1, Table.SelectMany(t => Gen.OneOf(t.Columns.Select(c => (string?)c.LogicalName).ToArray()))));

    /// <summary>A text value that is hostile on its own: empty, blank, control characters, lone surrogates, markup, over a length.</summary>
    public static readonly Gen<string> ShortText = Gen.OneOf<string>(
        Gen.String, Gen.Const(""), Gen.Const("   "), Gen.Const(Marker), Gen.Const(Marker + "'\"<>&%_[]{}\\"),
        Gen.Const("\0" + Marker + "\uFFFF\uD800"), Gen.Int[0, 5000].Select(n => Marker + new string('x', n)),
        Gen.Const("<script>" + Marker + "</script>"), Gen.Const("{\"" + Marker + "\":1}"));

    /// <summary><see cref="ShortText"/>, and now and then a string longer than any column (each costs a megabyte to handle).</summary>
    public static readonly Gen<string> Text = Gen.Frequency((40, ShortText), (1, Gen.Const(Huge)));

    public Gen<EntityReference?> Reference => Gen.OneOf<EntityReference?>(
        Gen.Const<EntityReference?>((EntityReference?)null),
        Gen.OneOf(organisation.Existing.ToArray()).Select(r => (EntityReference?)new EntityReference(r.LogicalName, r.Id) { Name = Marker }),
        Gen.Select(TableName, Gen.Guid, (t, id) => (EntityReference?)new EntityReference(t, id)),
        Gen.Select(UnknownName, Gen.OneOf(organisation.Existing.ToArray()), (t, r) => (EntityReference?)new EntityReference(t, r.Id)),
        TableName.Select(t => (EntityReference?)new EntityReference(t, Guid.Empty)),
        Table.Select(t => (EntityReference?)new EntityReference(t.LogicalName, "pj_fhirid", Marker)),
        Gen.Const<EntityReference?>(new EntityReference()));

    /// <summary>A value of any type the SDK carries, most of them wrong for most columns, some of them out of any range.</summary>
    public Gen<object?> AnyValue => Gen.OneOf<object?>(
        Gen.Const<object?>((object?)null),
        Text.Select(s => (object?)s),
        Gen.OneOf<object?>(int.MinValue, -1, 0, 1, int.MaxValue, 827410000, 827419999),
        Gen.Int.Select(i => (object?)i),
        Gen.OneOf<object?>(long.MinValue, long.MaxValue, 0L),
        Gen.OneOf<object?>(decimal.MinValue, decimal.MaxValue, 0.0000000001m, -1m, 100000000000.01m),
        Gen.OneOf<object?>(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -0.0, 1e308),
        Gen.Bool.Select(b => (object?)b),
        Gen.OneOf<object?>(DateTime.MinValue, DateTime.MaxValue, new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local),
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc)),
        Gen.OneOf<object?>(new Money(decimal.MaxValue), new Money(decimal.MinValue), new Money(-1m), new Money(922337203685477m), new Money(0.00001m)),
        Gen.Int.Select(i => (object?)new OptionSetValue(i)),
        Gen.Int.Array[0, 5].Select(values => (object?)new OptionSetValueCollection(values.Select(v => new OptionSetValue(v)).ToList())),
        Gen.Const<object?>(new OptionSetValueCollection(new List<OptionSetValue> { new(827410000), new(827410000) })),
        Gen.Const<object?>(new OptionSetValueCollection(new List<OptionSetValue> { null! })),
        Reference.Select(r => (object?)r),
        Gen.Guid.Select(g => (object?)g),
        Gen.OneOf<object?>(Guid.Empty, new byte[] { 1, 2, 3 }, new[] { 1, 2 }, new object(), TimeSpan.MaxValue, 'c', (byte)1, 1.5f),
        Gen.Const<object?>(new Entity("contact") { ["lastname"] = Marker }),
        Gen.Const<object?>(new EntityCollection(new List<Entity> { new("contact") })),
        Gen.Const<object?>(new AliasedValue("contact", "lastname", Marker)),
        Gen.Const<object?>(new EntityReferenceCollection()));

    /// <summary>A value of the right type for the column but outside what it accepts: too long, out of range, not one of its choices, a missing row.</summary>
    public Gen<object?> BadValueFor(TableMetadata table, ColumnDefinition column) => column.Type switch
    {
        ColumnType.String or ColumnType.Memo => Gen.Const<object?>(Marker + new string('x', column.MaxLength ?? 4000)),
        ColumnType.Integer => Gen.OneOf<object?>(Bound(column.MaxValue, 1, int.MaxValue), Bound(column.MinValue, -1, int.MinValue)),
        ColumnType.Decimal or ColumnType.Double or ColumnType.BigInt =>
            Gen.OneOf<object?>((decimal)(column.MaxValue ?? 1_000_000_000_000m) + 1, (decimal)(column.MinValue ?? -1_000_000_000_000m) - 1),
        ColumnType.Money => Gen.OneOf<object?>(new Money((column.MaxValue ?? 922337203685477m) + 1), new Money((column.MinValue ?? -922337203685477m) - 1)),
        ColumnType.Choice or ColumnType.State or ColumnType.Status => Gen.Int.Select(i => (object?)new OptionSetValue(i)).Where(v => table.OptionsOf(column.LogicalName).All(o => o.Value != ((OptionSetValue)v!).Value)),
        ColumnType.MultiChoice => Gen.Const<object?>(new OptionSetValueCollection(new List<OptionSetValue> { new(-7) })),
        ColumnType.DateTime => Gen.OneOf<object?>(DateTime.MinValue, new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Utc)),
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner =>
            Gen.OneOf(Gen.Guid.Select(id => (object?)new EntityReference(column.Targets.FirstOrDefault() ?? "contact", id)), Gen.Const<object?>(new EntityReference("pj_nothing", Guid.NewGuid()))),
        _ => AnyValue,
    };

    private static object Bound(decimal? bound, int step, int otherwise) =>
        bound is { } b && b + step is >= int.MinValue and <= int.MaxValue ? (int)(b + step) : otherwise;

    /// <summary>Attributes for a row of the table: a few columns, each with a hostile value, a bad value of its type or an unknown name.</summary>
    public Gen<Entity> Row(TableMetadata? table, string? logicalName) =>
        Attribute(table).Array[0, 6].Select(attributes =>
        {
            var entity = new Entity(logicalName);
            foreach (var (name, value) in attributes)
            {
                if (name != null) entity[name] = value;
            }
            return entity;
        });

    private Gen<(string? Name, object? Value)> Attribute(TableMetadata? table)
    {
        var anyColumn = Gen.Select(ColumnName(table), AnyValue);
        if (table == null) return anyColumn;
        var typedColumn = Gen.OneOf(table.Columns.ToArray()).SelectMany(c => BadValueFor(table, c).Select(v => ((string?)c.LogicalName, v)));
        return Gen.Frequency((1, anyColumn), (1, typedColumn));
    }

    /// <summary>A table (or nonsense name) and a row for it.</summary>
    public Gen<Entity> AnyRow => Gen.Frequency(
        (5, Table.SelectMany(t => Row(t, t.LogicalName))),
        (1, UnknownName.SelectMany(n => Row(null, n))));
}
