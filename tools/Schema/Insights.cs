using System.Collections.Generic;

namespace PatientJourney.Crm.Schema;

/// <summary>The chart types the solution's charts use (the platform's ChartType names in the presentation description).</summary>
public enum ChartKind
{
    Column,
    Bar,
    Pie,
    StackedColumn,
}

/// <summary>
/// A system chart (savedqueryvisualization) on one table: the rows it counts, grouped by one or two columns. The chart
/// always counts rows; the view a dashboard pairs it with narrows them further.
/// </summary>
public sealed class ChartDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Table { get; init; }
    public required ChartKind Kind { get; init; }
    /// <summary>The category column, then (for a stacked chart) the series column.</summary>
    public required IReadOnlyList<string> GroupBy { get; init; }
    /// <summary>Conditions every counted row meets.</summary>
    public IReadOnlyList<ViewCondition> AllOf { get; init; } = [];
}

/// <summary>One tile of a dashboard: a view of a table, shown as its chart when one is named, else as a list.</summary>
public sealed class DashboardComponent
{
    public required string Table { get; init; }
    public required string View { get; init; }
    public string? Chart { get; init; }
}

/// <summary>A system dashboard (a dashboard form): tiles two to a row, in order.</summary>
public sealed class DashboardDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<DashboardComponent> Components { get; init; }
}

/// <summary>Where a code component replaces a column's control on the table's main form.</summary>
public sealed class ControlBinding
{
    public required string Table { get; init; }
    public required string Column { get; init; }
}

/// <summary>
/// A code component (PCF control) built from Solution/controls/: its manifest's namespace and constructor and the form
/// columns it is bound to. The packer takes the manifest and bundle from the control's build output.
/// </summary>
public sealed class ControlDefinition
{
    /// <summary>The manifest's namespace: letters, digits and dots only (pcf-scripts refuses others), no publisher prefix.</summary>
    public required string Namespace { get; init; }
    public required string Constructor { get; init; }
    /// <summary>The label of the form section that holds the control.</summary>
    public required string Label { get; init; }
    public required IReadOnlyList<ControlBinding> BoundOn { get; init; }

    /// <summary>The name the solution declares the control by: publisher prefix, then namespace.constructor, as pac names it.</summary>
    public required string Name { get; init; }

    /// <summary>The name the bundle registers and the build output folder: namespace.constructor.</summary>
    public string ManifestName => $"{Namespace}.{Constructor}";
}
