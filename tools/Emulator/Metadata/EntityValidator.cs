using System;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>
/// The checks Dataverse makes on every written value: the column exists, the value has the column's .NET type, text fits
/// the maximum length, numbers fit their range, date-times fit Dataverse's range, choices are in their set, lookups
/// point to an allowed table, and system-required columns have a value. Each fault names table and column.
/// </summary>
internal static class EntityValidator
{
    public static void Validate(TableMetadata table, Entity target, bool isCreate)
    {
        foreach (var attribute in target.Attributes) ValidateValue(table, TypedColumn(table, attribute.Key, attribute.Value), attribute.Value);
        if (!isCreate) return;
        foreach (var column in table.Columns.Where(c => c.RequiredLevel == RequiredLevel.SystemRequired && !PlatformSets(c)))
        {
            if (!target.Contains(column.LogicalName) || target[column.LogicalName] == null) throw MissingRequired(table, column);
        }
    }

    // Columns the platform fills on create when the caller leaves them out.
    private static bool PlatformSets(ColumnDefinition column) => column.LogicalName is "ownerid" or "statecode" or "statuscode" || column.Type == ColumnType.PrimaryKey;

    /// <summary>
    /// The columns exist and hold values of their types: checked first at the main operation, before the security
    /// checks read owner and lookups (pre-operation plug-ins see the values as sent, and may refuse them in their own words).
    /// </summary>
    public static void CheckTypes(TableMetadata table, Entity target)
    {
        foreach (var attribute in target.Attributes) TypedColumn(table, attribute.Key, attribute.Value);
    }

    private static ColumnDefinition TypedColumn(TableMetadata table, string name, object? value)
    {
        var column = table.Column(name) ?? throw DataverseFaultException.NoAttribute(table.LogicalName, name);
        var expected = ClrType(column.Type);
        if (value != null && !expected.IsInstanceOfType(value))
        {
            throw DataverseFaultException.InvalidArgument(
                $"Incorrect type of attribute value {value.GetType().FullName} for column '{column.LogicalName}' of table '{table.LogicalName}': expected {expected.FullName}.");
        }
        if (value is EntityReference { LogicalName: null or "" })
        {
            throw DataverseFaultException.InvalidArgument($"The lookup in column '{column.LogicalName}' of table '{table.LogicalName}' names no table: set the EntityReference's LogicalName.");
        }
        return column;
    }

    private static void ValidateValue(TableMetadata table, ColumnDefinition column, object? value)
    {
        if (value == null)
        {
            if (column.RequiredLevel == RequiredLevel.SystemRequired && !PlatformSets(column)) throw MissingRequired(table, column);
            return;
        }
        switch (value)
        {
            case string text when column.MaxLength is { } max && text.Length > max:
                throw DataverseFaultException.InvalidArgument(
                    $"A validation error occurred. The length of the '{column.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max}'.");
            case OptionSetValue option:
                CheckOption(table, column, option.Value);
                break;
            case OptionSetValueCollection options:
                foreach (var option in options)
                {
                    if (option == null) throw DataverseFaultException.InvalidArgument($"The choices of column '{column.LogicalName}' of table '{table.LogicalName}' hold an empty item; send only option values.");
                    CheckOption(table, column, option.Value);
                }
                break;
            case DateTime moment when moment < MinDateTime:
                throw DataverseFaultException.Create(ErrorCodes.DateTimeOutOfRange,
                    $"DateTime is less than minumum value supported by CrmDateTime. Column '{column.LogicalName}' of table '{table.LogicalName}'; minimum value supported: 01/01/1753 00:00:00");
            case EntityReference reference when column.Targets.Count > 0 && !column.Targets.Contains(reference.LogicalName):
                throw DataverseFaultException.InvalidArgument(
                    $"The column '{column.LogicalName}' of table '{table.LogicalName}' cannot point to a '{reference.LogicalName}' record; allowed: {string.Join(", ", column.Targets)}.");
        }
        var number = value switch { int i => i, long l => l, decimal d => d, Money m => m.Value, double f => (decimal?)f, _ => null };
        if (number != null && (number < column.MinValue || number > column.MaxValue))
        {
            throw DataverseFaultException.InvalidArgument(
                $"A validation error occurred. The value of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range ({column.MinValue}, {column.MaxValue}).");
        }
    }

    // Dataverse's date-time range (SQL Server datetime) is 1753-01-01 to 9999-12-31; a .NET DateTime cannot pass the end
    // of it once the store drops the fraction of a second, so only the start is checked.
    private static readonly DateTime MinDateTime = new(1753, 1, 1);

    private static void CheckOption(TableMetadata table, ColumnDefinition column, int value)
    {
        if (table.Choices.TryGetValue(column.LogicalName, out var options) && options.All(o => o.Value != value))
        {
            throw DataverseFaultException.InvalidArgument(
                $"A validation error occurred. The value of '{column.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range. Accepted values: {string.Join(",", options.Select(o => o.Value))}.");
        }
    }

    private static DataverseFaultException MissingRequired(TableMetadata table, ColumnDefinition column) =>
        DataverseFaultException.InvalidArgument($"A value for the system-required column '{column.LogicalName}' of table '{table.LogicalName}' is missing.");

    public static Type ClrType(ColumnType type) => type switch
    {
        ColumnType.PrimaryKey or ColumnType.UniqueIdentifier => typeof(Guid),
        ColumnType.String or ColumnType.Memo => typeof(string),
        ColumnType.Integer => typeof(int),
        ColumnType.BigInt => typeof(long),
        ColumnType.Decimal => typeof(decimal),
        ColumnType.Double => typeof(double),
        ColumnType.Money => typeof(Money),
        ColumnType.Boolean => typeof(bool),
        ColumnType.DateTime => typeof(DateTime),
        ColumnType.Choice or ColumnType.State or ColumnType.Status => typeof(OptionSetValue),
        ColumnType.MultiChoice => typeof(OptionSetValueCollection),
        ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner => typeof(EntityReference),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
