using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema;

public enum OwnershipType
{
    User,
    Organization,
}

/// <summary>An alternate key: columns whose values identify one row (Upsert and Retrieve by key use it).</summary>
public sealed class AlternateKeyDefinition
{
    public required string LogicalName { get; init; }
    public string? DisplayName { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
}

/// <summary>A table: a custom one of this solution, or a platform table the solution extends or uses.</summary>
public sealed class TableDefinition
{
    public required string LogicalName { get; init; }
    public string? SchemaName { get; init; }
    public string? DisplayName { get; init; }
    public string? PluralName { get; init; }
    public string? Description { get; init; }
    /// <summary>
    /// What this solution's app, forms and views call one row (e.g. "Patient" for contact). A platform table keeps its
    /// own names: only the solution's own components carry this one.
    /// </summary>
    public string? AppDisplayName { get; init; }
    /// <summary>What the app's site map calls the rows (e.g. "Patients").</summary>
    public string? AppPluralName { get; init; }
    public OwnershipType Ownership { get; init; } = OwnershipType.User;
    public bool IsCustom { get; init; } = true;
    public bool IsActivity { get; init; }
    public required string PrimaryIdColumn { get; init; }
    public string? PrimaryNameColumn { get; init; }
    public required IReadOnlyList<ColumnDefinition> Columns { get; init; }
    public IReadOnlyList<AlternateKeyDefinition> Keys { get; init; } = [];

    /// <summary>The Web API entity set name: the logical name in the plural (what the packer writes and the Web API serves).</summary>
    public string EntitySetName => EntitySetNameOf(LogicalName);

    public static string EntitySetNameOf(string logicalName) =>
        logicalName.EndsWith('y') && !"aeiou".Contains(logicalName[^2]) ? logicalName[..^1] + "ies"
        : logicalName.EndsWith('s') ? logicalName + "es" : logicalName + "s";
    /// <summary>Auditing is on for the table (needed for any of its columns' auditing to take effect).</summary>
    public bool IsAudited { get; init; }
    /// <summary>Custom tables: the main form's sections. Platform tables: the section added to their form.</summary>
    public IReadOnlyList<FormSection> FormSections { get; init; } = [];
    /// <summary>Columns shown by the table's standard views (active, inactive, lookup, associated, quick find).</summary>
    public IReadOnlyList<string> ViewColumns { get; init; } = [];
    /// <summary>Columns the quick find view searches.</summary>
    public IReadOnlyList<string> QuickFindColumns { get; init; } = [];
    /// <summary>Work views beyond the standard set (e.g. "Referrals breaching SLA").</summary>
    public IReadOnlyList<ViewDefinition> Views { get; init; } = [];

    public ColumnDefinition? Column(string logicalName) => Columns.FirstOrDefault(c => c.LogicalName == logicalName);
}
