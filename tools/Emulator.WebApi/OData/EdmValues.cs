using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>
/// Column values between the SDK's types and the Web API's JSON and URL literals, by the column's type
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/web-api-types-operations).
/// </summary>
public static class EdmValues
{
    public static string EdmType(ColumnType type) => type switch
    {
        ColumnType.String or ColumnType.Memo or ColumnType.MultiChoice => "Edm.String",
        ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
        ColumnType.Double => "Edm.Double",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        _ => "Edm.Guid",
    };

    /// <summary>A JSON string's text; false for other kinds and for escapes that make no text (a lone surrogate such as "\ud800").</summary>
    public static bool TryText(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String) return false;
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A JSON property value as the SDK value of the column, or null when its JSON type does not fit.</summary>
    public static bool TryFromJson(ColumnDefinition column, JsonElement value, out object? result)
    {
        result = null;
        if (value.ValueKind == JsonValueKind.Null) return true;
        switch (column.Type)
        {
            case ColumnType.String or ColumnType.Memo:
                if (!TryText(value, out var text)) return false;
                result = text;
                return true;
            case ColumnType.MultiChoice:
                return TryText(value, out var choices) && TryChoices(choices, out result);
            case ColumnType.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var i)) return false;
                result = i;
                return true;
            case ColumnType.Choice or ColumnType.State or ColumnType.Status:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var option)) return false;
                result = new OptionSetValue(option);
                return true;
            case ColumnType.BigInt:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var l)) return false;
                result = l;
                return true;
            case ColumnType.Decimal or ColumnType.Money:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var d)) return false;
                result = column.Type == ColumnType.Money ? new Money(d) : d;
                return true;
            case ColumnType.Double:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var f)) return false;
                result = f;
                return true;
            case ColumnType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return false;
                result = value.GetBoolean();
                return true;
            case ColumnType.DateTime:
                return TryText(value, out var moment) && TryDateTime(moment, out result);
            case ColumnType.PrimaryKey or ColumnType.UniqueIdentifier:
                if (!TryText(value, out var guid) || !Guid.TryParse(guid, out var g)) return false;
                result = g;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A URL literal ($filter operand, key value, function parameter) as the SDK value of the column.</summary>
    public static bool TryFromLiteral(ColumnDefinition column, Literal literal, out object? result)
    {
        result = null;
        if (literal.Kind == LiteralKind.Null) return true;
        var text = literal.Text;
        switch (column.Type)
        {
            case ColumnType.String or ColumnType.Memo:
                if (literal.Kind != LiteralKind.String) return false;
                result = text;
                return true;
            case ColumnType.MultiChoice:
                return literal.Kind == LiteralKind.String && TryChoices(text, out result);
            case ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status:
                if (literal.Kind != LiteralKind.Number || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return false;
                result = i;
                return true;
            case ColumnType.BigInt:
                if (literal.Kind != LiteralKind.Number || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return false;
                result = l;
                return true;
            case ColumnType.Decimal or ColumnType.Money:
                if (literal.Kind != LiteralKind.Number || !decimal.TryParse(text.TrimEnd('m', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
                result = d;
                return true;
            case ColumnType.Double:
                if (literal.Kind != LiteralKind.Number || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) return false;
                result = f;
                return true;
            case ColumnType.Boolean:
                if (literal.Kind != LiteralKind.Boolean) return false;
                result = text == "true";
                return true;
            case ColumnType.DateTime:
                return literal.Kind == LiteralKind.DateTime && TryDateTime(text, out result);
            default:
                if (literal.Kind != LiteralKind.Guid || !Guid.TryParse(text, out var g)) return false;
                result = g;
                return true;
        }
    }

    private static bool TryDateTime(string text, out object? result)
    {
        result = null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        result = parsed.UtcDateTime;
        return true;
    }

    private static bool TryChoices(string text, out object? result)
    {
        result = null;
        var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (values.Any(v => !int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))) return false;
        result = new OptionSetValueCollection(values.Select(v => new OptionSetValue(int.Parse(v, CultureInfo.InvariantCulture))).ToList());
        return true;
    }

    /// <summary>Writes an SDK value as the Web API returns it (a lookup as its id, a choice as its number).</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case double f: writer.WriteNumberValue(f); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateTime t: writer.WriteStringValue(FormatDateTime(t)); break;
            case OptionSetValue o: writer.WriteNumberValue(o.Value); break;
            case Money m: writer.WriteNumberValue(m.Value); break;
            case EntityReference r: writer.WriteStringValue(r.Id); break;
            case OptionSetValueCollection c: writer.WriteStringValue(string.Join(",", c.Select(o => o.Value.ToString(CultureInfo.InvariantCulture)))); break;
            case AliasedValue a: Write(writer, a.Value); break;
            case string[] array:
                writer.WriteStartArray();
                foreach (var item in array) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Dataverse writes UTC date-times to the second with a Z (e.g. 2026-11-26T09:00:00Z).</summary>
    public static string FormatDateTime(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
