using System.Collections.Generic;

namespace PatientJourney.Crm.Schema.Source;

// The shapes of the YAML files under Solution/. Property names are the YAML keys (camelCase); an unknown key is an
// error, so a typo cannot silently drop a setting. The loader turns these into the model and validates them.

internal sealed class SolutionFile
{
    public string? UniqueName { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Version { get; set; }
    public PublisherFile? Publisher { get; set; }
}

internal sealed class PublisherFile
{
    public string? UniqueName { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Prefix { get; set; }
    public int OptionValuePrefix { get; set; }
}

internal sealed class TableFile
{
    public string? Table { get; set; }
    public string? DisplayName { get; set; }
    public string? PluralName { get; set; }
    public string? Description { get; set; }
    /// <summary>A platform table (contact, appointment) that the solution extends rather than creates.</summary>
    public bool Platform { get; set; }
    public bool Activity { get; set; }
    public string? PrimaryId { get; set; }
    public bool? Audit { get; set; }
    public ColumnFile? PrimaryName { get; set; }
    public List<ColumnFile> Columns { get; set; } = [];
    /// <summary>Platform tables: the platform's own columns the solution reads or shows.</summary>
    public List<ColumnFile> PlatformColumns { get; set; } = [];
    public List<KeyFile> Keys { get; set; } = [];
    public List<SectionFile> Form { get; set; } = [];
    public List<string> ViewColumns { get; set; } = [];
    public List<string> QuickFind { get; set; } = [];
    public List<ViewFile> Views { get; set; } = [];
    /// <summary>What this solution's app, form and views call the table's rows, when not the table's own names.</summary>
    public ShownAsFile? ShownAs { get; set; }
}

internal sealed class ShownAsFile
{
    public string? Name { get; set; }
    public string? PluralName { get; set; }
}

internal sealed class ColumnFile
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Classification { get; set; }
    public string? Required { get; set; }
    public int? MaxLength { get; set; }
    public int? Precision { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public string? Format { get; set; }
    public string? Target { get; set; }
    public string? OnDelete { get; set; }
    /// <summary>Lookups: cascade, active, userOwned or noCascade (the default) when the parent is assigned.</summary>
    public string? OnAssign { get; set; }
    /// <summary>Date columns: userLocal (the default), dateOnly or timeZoneIndependent.</summary>
    public string? Behavior { get; set; }
    public string? Relationship { get; set; }
    public string? Choice { get; set; }
    public List<OptionFile> Options { get; set; } = [];
    public bool ReadOnly { get; set; }
    public bool? Audit { get; set; }
}

internal sealed class OptionFile
{
    public int Value { get; set; }
    public string? Label { get; set; }
    public string? Description { get; set; }
}

internal sealed class ChoiceFile
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public List<OptionFile> Options { get; set; } = [];
}

internal sealed class KeyFile
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public List<string> Columns { get; set; } = [];
}

internal sealed class SectionFile
{
    public string? Section { get; set; }
    public List<string> Columns { get; set; } = [];
}

internal sealed class ViewFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> Columns { get; set; } = [];
    public List<ConditionFile> AllOf { get; set; } = [];
    public List<ConditionFile> AnyOf { get; set; } = [];
    public string? OrderBy { get; set; }
    public bool Descending { get; set; }
    public bool IncludeInactive { get; set; }
}

internal sealed class ConditionFile
{
    public string? Column { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public List<string> Values { get; set; } = [];
}

internal sealed class EnvironmentVariableFile
{
    public string? SchemaName { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Type { get; set; }
    public string? Default { get; set; }
}

internal sealed class CustomApiFile
{
    public string? UniqueName { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Kind { get; set; }
    public string? BoundTo { get; set; }
    public string? PluginType { get; set; }
    public bool HandlerPending { get; set; }
    public List<CustomApiFieldFile> Request { get; set; } = [];
    public List<CustomApiFieldFile> Response { get; set; } = [];
}

internal sealed class CustomApiFieldFile
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? Table { get; set; }
    public bool Optional { get; set; }
}

internal sealed class AppFile
{
    public string? UniqueName { get; set; }
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<AreaFile> Areas { get; set; } = [];
}

internal sealed class AreaFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public List<GroupFile> Groups { get; set; } = [];
}

internal sealed class GroupFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public List<string> Tables { get; set; } = [];
    public List<string> Dashboards { get; set; } = [];
}

internal sealed class RoleFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    /// <summary>Table logical name → access (create, read, write, delete, append, appendTo, assign, share, or all) → depth.</summary>
    public Dictionary<string, Dictionary<string, string>> Tables { get; set; } = [];
    /// <summary>Privilege name → depth.</summary>
    public Dictionary<string, string> System { get; set; } = [];
}

internal sealed class FieldSecurityProfileFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<string> GrantedTo { get; set; } = [];
    /// <summary>Table logical name → column logical name → read | readwrite.</summary>
    public Dictionary<string, Dictionary<string, string>> Columns { get; set; } = [];
}

internal sealed class ChartFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Table { get; set; }
    public string? Kind { get; set; }
    public List<string> GroupBy { get; set; } = [];
    public List<ConditionFile> AllOf { get; set; } = [];
}

internal sealed class DashboardFile
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public List<DashboardComponentFile> Components { get; set; } = [];
}

internal sealed class DashboardComponentFile
{
    public string? Table { get; set; }
    public string? View { get; set; }
    public string? Chart { get; set; }
}

internal sealed class ControlFile
{
    public string? Namespace { get; set; }
    public string? Constructor { get; set; }
    public string? Label { get; set; }
    public List<ControlBindingFile> BoundOn { get; set; } = [];
}

internal sealed class ControlBindingFile
{
    public string? Table { get; set; }
    public string? Column { get; set; }
}
