using System.Collections.Generic;

namespace PatientJourney.Crm.Schema;

/// <summary>One column of a table.</summary>
public sealed class ColumnDefinition
{
    public required string LogicalName { get; init; }
    /// <summary>Schema name (Pascal-cased logical name with prefix, e.g. pj_StageEnteredOn).</summary>
    public string? SchemaName { get; init; }
    public required ColumnType Type { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public RequiredLevel RequiredLevel { get; init; } = RequiredLevel.None;
    public DataClassification Classification { get; init; } = DataClassification.Operational;
    /// <summary>Text columns: maximum length in characters.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Decimal, money and double columns: digits after the decimal point.</summary>
    public int? Precision { get; init; }
    /// <summary>Numeric columns: smallest and largest accepted values.</summary>
    public decimal? MinValue { get; init; }
    public decimal? MaxValue { get; init; }
    /// <summary>Text and date columns: format (text, email, phone, url; date, datetime).</summary>
    public string? Format { get; init; }
    /// <summary>Lookup columns: the tables the column may point to.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];
    /// <summary>Choice, choices, state and status columns: their values.</summary>
    public ChoiceDefinition? Choice { get; init; }
    /// <summary>True for columns this solution adds; false for the platform's own columns.</summary>
    public bool IsCustom { get; init; } = true;
    /// <summary>The table's primary name column.</summary>
    public bool IsPrimaryName { get; init; }
    /// <summary>Read-only to callers (set by the platform or the solution's plug-ins).</summary>
    public bool IsReadOnly { get; init; }
    /// <summary>Changes to the column are written to the audit log.</summary>
    public bool IsAudited { get; init; }
    /// <summary>Guarded by a field security profile (Dataverse's IsSecured).</summary>
    public bool IsSecured { get; init; }
    /// <summary>Date columns: how the value relates to time zones (the column's DateTimeBehavior).</summary>
    public DateTimeBehavior DateTimeBehavior { get; init; } = DateTimeBehavior.UserLocal;
}

/// <summary>
/// A date column's behavior, with the values customizations.xml writes in <c>Behavior</c>
/// (https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute).
/// </summary>
public enum DateTimeBehavior
{
    /// <summary>Stored in UTC, shown and queried in the user's time zone.</summary>
    UserLocal = 1,
    /// <summary>A calendar date without time zone conversion.</summary>
    DateOnly = 2,
    /// <summary>A date and time stored and shown as given, without time zone conversion.</summary>
    TimeZoneIndependent = 3,
}
