using System.Collections.Generic;

namespace PatientJourney.Crm.Schema;

/// <summary>A labelled section of a table's main form, listing its columns in order.</summary>
public sealed class FormSection
{
    public required string Label { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
}

/// <summary>A public view: the columns it shows and the rows it selects.</summary>
public sealed class ViewDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    /// <summary>All of these must hold.</summary>
    public IReadOnlyList<ViewCondition> AllOf { get; init; } = [];
    /// <summary>At least one of these must hold (when any are given).</summary>
    public IReadOnlyList<ViewCondition> AnyOf { get; init; } = [];
    public string? OrderBy { get; init; }
    public bool Descending { get; init; }
    /// <summary>The view shows closed rows too (appointments marked completed or cancelled stay in an attendance view).</summary>
    public bool IncludeInactive { get; init; }
}

/// <summary>One FetchXML condition: column, operator (eq, today, eq-userid, olderthan-x-minutes …) and value.</summary>
public sealed class ViewCondition
{
    public required string Column { get; init; }
    public required string Operator { get; init; }
    public string? Value { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
}
