using System;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>
/// What Dataverse adds to a row it returns (Retrieve, RetrieveMultiple, FetchXML): <see cref="EntityReference.Name"/>
/// on every lookup, read from the referenced row as it is at retrieve time, and <see cref="Entity.FormattedValues"/>
/// for choice (local and global, statecode, statuscode), choices, lookup, money, date and yes/no columns, also for
/// link-entity aliased values under their aliased key
/// (https://learn.microsoft.com/power-apps/developer/data-platform/org-service/queryexpression/select-columns#formatted-values,
/// https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/select-columns#formatted-values).
/// Values are formatted as for a new user (English, United States: "$1,234.50", "1/6/2025 9:00 AM"); dates in the
/// caller's time zone unless the column is date-only or time-zone independent.
/// </summary>
internal sealed class FormattedValues(MetadataRegistry metadata, DataStore store)
{
    // English (United States) formats, spelled out so that they do not depend on the machine's ICU data.
    private static readonly NumberFormatInfo Currency = new()
    {
        CurrencySymbol = "$", CurrencyGroupSeparator = ",", CurrencyDecimalSeparator = ".", CurrencyPositivePattern = 0, CurrencyNegativePattern = 1,
    };
    private const string DateFormat = "M/d/yyyy";
    private const string DateTimeFormat = "M/d/yyyy h:mm tt";

    public void Complete(Entity entity, TimeZoneInfo zone)
    {
        if (metadata.Find(entity.LogicalName) is not { } table) return;
        foreach (var attribute in entity.Attributes.ToList())
        {
            var (owner, column, value) = attribute.Value is AliasedValue aliased && metadata.Find(aliased.EntityLogicalName) is { } linked
                ? (linked, linked.Column(aliased.AttributeLogicalName), aliased.Value)
                : (table, table.Column(attribute.Key), attribute.Value);
            if (column == null || value == null) continue;
            if (value is EntityReference reference) reference.Name = NameOf(reference);
            if (Format(owner, column, value, zone) is { } formatted) entity.FormattedValues[attribute.Key] = formatted;
            else entity.FormattedValues.Remove(attribute.Key);
        }
    }

    /// <summary>The referenced row's primary name now; null when the table has no primary name or the row is gone.</summary>
    public string? NameOf(EntityReference reference) =>
        metadata.Find(reference.LogicalName) is { } target && target.Definition.PrimaryNameColumn is { } nameColumn
            ? store.Get(target.LogicalName, reference.Id)?.GetAttributeValue<string>(nameColumn)
            : null;

    private static string? Format(TableMetadata table, ColumnDefinition column, object value, TimeZoneInfo zone) => value switch
    {
        OptionSetValue option => Label(table, column.LogicalName, option.Value),
        OptionSetValueCollection options => string.Join("; ", options.Select(o => Label(table, column.LogicalName, o.Value))),
        bool flag => flag ? "Yes" : "No",
        EntityReference reference => reference.Name,
        Money money => money.Value.ToString("C" + (column.Precision ?? 2).ToString(CultureInfo.InvariantCulture), Currency),
        DateTime date => DateBehaviors.Wall(column, date, zone).ToString(DateBehaviors.IsDateOnly(column) ? DateFormat : DateTimeFormat, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A UTC date-time as the caller sees it ("1/6/2025 9:00 AM" in the caller's time zone).</summary>
    public static string DateTime(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A choice value's label (the number itself when the choice has no such option).</summary>
    public static string Label(TableMetadata table, string column, int value) =>
        table.OptionsOf(column).FirstOrDefault(o => o.Value == value)?.Label ?? value.ToString(CultureInfo.InvariantCulture);
}
