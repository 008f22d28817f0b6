using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.FhirConnector.WebApi;

/// <summary>
/// Rows between the SDK's <see cref="Entity"/> and the Web API's JSON
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-types-operations).
/// The Web API carries no column types in a row, so a row read is typed from the annotations Dataverse adds when asked
/// (<c>Prefer: odata.include-annotations="*"</c>): <c>_x_value</c> with its lookuplogicalname is lookup x, a whole number
/// whose formatted value is a label is a choice, a string in Dataverse's date-time form is a date-time.
/// </summary>
public static class WebApiRows
{
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";
    private const string LookupTable = "@Microsoft.Dynamics.CRM.lookuplogicalname";

    /// <summary>The row as an Entity, keeping only <paramref name="columns"/> (null: all).</summary>
    public static Entity Read(JsonElement json, string table, string primaryId, IReadOnlyCollection<string>? columns)
    {
        var row = new Entity(table);
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name.Contains('@', StringComparison.Ordinal)) continue;
            if (name == primaryId)
            {
                row.Id = property.Value.GetGuid();
                continue;
            }
            var lookup = name.StartsWith('_') && name.EndsWith("_value", StringComparison.Ordinal);
            var column = lookup ? name[1..^6] : name;
            if (columns != null && !columns.Contains(column)) continue;
            row[column] = property.Value.ValueKind == JsonValueKind.Null ? null
                : lookup ? new EntityReference(json.TryGetProperty(name + LookupTable, out var target) ? target.GetString()! : column, property.Value.GetGuid())
                : Value(property.Value, json.TryGetProperty(name + Formatted, out var formatted) ? formatted.GetString() : null);
        }
        return row;
    }

    private static object? Value(JsonElement value, string? formatted) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var whole) => formatted != null && !decimal.TryParse(formatted, NumberStyles.Number, CultureInfo.InvariantCulture, out _)
            ? new OptionSetValue(whole) : whole,
        JsonValueKind.Number => value.GetDecimal(),
        JsonValueKind.String when DateTime.TryParseExact(value.GetString(), ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) => time,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    /// <summary>A row's columns as a Web API body; lookups bound by row URL (<c>nav@odata.bind</c>), <paramref name="skip"/> left out.</summary>
    public static void Write(Utf8JsonWriter writer, Entity row, Func<string, string> entitySet, string? primaryId, IReadOnlyCollection<string> skip)
    {
        writer.WriteStartObject();
        if (primaryId != null && row.Id != Guid.Empty) writer.WriteString(primaryId, row.Id);
        foreach (var (column, value) in row.Attributes.Where(a => !skip.Contains(a.Key)))
        {
            if (value is EntityReference reference)
            {
                // A single-table lookup's navigation property: the lookup's name, as the solution's relationships declare it.
                writer.WriteString(column + "@odata.bind", $"/{entitySet(reference.LogicalName)}({reference.Id})");
                continue;
            }
            writer.WritePropertyName(column);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case double d: writer.WriteNumberValue(d); break;
            case Money m: writer.WriteNumberValue(m.Value); break;
            case OptionSetValue o: writer.WriteNumberValue(o.Value); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateTime t: writer.WriteStringValue(DateTimeText(t)); break;
            default: throw new NotSupportedException($"A {value.GetType().Name} value cannot be sent to the Web API by the connector.");
        }
    }

    /// <summary>A value as an OData URL literal (key predicates and $filter).</summary>
    public static string Literal(object value) => value switch
    {
        string s => "'" + Escape(s.Replace("'", "''", StringComparison.Ordinal)) + "'",
        Guid g => g.ToString(),
        EntityReference r => r.Id.ToString(),
        OptionSetValue o => o.Value.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateTime t => DateTimeText(t),
        _ => throw new NotSupportedException($"A {value.GetType().Name} value cannot be used in a Web API query by the connector."),
    };

    /// <summary>
    /// Percent-encodes a string literal except ':' and '/', which stay as they are inside the quotes: a source system
    /// is a URL, and servers do not decode an encoded slash in a path (ASP.NET Core and IIS keep %2F).
    /// </summary>
    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("%3A", ":", StringComparison.Ordinal).Replace("%2F", "/", StringComparison.Ordinal);

    private static string DateTimeText(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
