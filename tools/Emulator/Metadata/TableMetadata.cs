using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>A table as the emulator enforces it: the merged definition with its columns indexed by logical name.</summary>
public sealed class TableMetadata
{
    private readonly Dictionary<string, ColumnDefinition> columns;

    internal TableMetadata(TableDefinition definition, IReadOnlyList<ChoiceDefinition> globalChoices)
    {
        Definition = definition;
        columns = definition.Columns.ToDictionary(c => c.LogicalName, StringComparer.Ordinal);
        Choices = new Dictionary<string, IReadOnlyList<ChoiceOption>>(StringComparer.Ordinal);
        foreach (var column in definition.Columns.Where(c => c.Choice != null))
        {
            var choice = column.Choice!;
            var options = choice.Options.Count == 0 && choice.IsGlobal
                ? globalChoices.FirstOrDefault(g => g.Name == choice.Name)?.Options ?? []
                : choice.Options;
            Choices[column.LogicalName] = options;
        }
    }

    public TableDefinition Definition { get; }
    public string LogicalName => Definition.LogicalName;
    public string PrimaryIdColumn => Definition.PrimaryIdColumn;
    public bool IsActivity => Definition.IsActivity;
    public bool IsUserOwned => Definition.Ownership == OwnershipType.User;
    public IEnumerable<ColumnDefinition> Columns => columns.Values;

    /// <summary>Choice, state and status columns: the allowed options (global choices resolved).</summary>
    internal Dictionary<string, IReadOnlyList<ChoiceOption>> Choices { get; }

    public ColumnDefinition? Column(string? logicalName) => logicalName == null ? null : columns.GetValueOrDefault(logicalName);

    /// <summary>The Web API entity set name, by the rule the packer writes into the solution's entity XML.</summary>
    public string EntitySetName => TableDefinition.EntitySetNameOf(LogicalName);

    /// <summary>The options of a choice, state or status column (global choices resolved); empty for other columns.</summary>
    public IReadOnlyList<ChoiceOption> OptionsOf(string column) => Choices.GetValueOrDefault(column) ?? [];

    public bool HasColumn(string? logicalName) => logicalName != null && columns.ContainsKey(logicalName);

    /// <summary>The statuscode a row gets in <paramref name="state"/> when the caller names none.</summary>
    internal int? DefaultStatus(int state)
    {
        if (Choices.TryGetValue("statecode", out var states) && states.FirstOrDefault(s => s.Value == state)?.DefaultStatus is { } status) return status;
        return Choices.TryGetValue("statuscode", out var statuses) ? statuses.FirstOrDefault(s => s.State == state)?.Value : null;
    }

    /// <summary>The statecode a status reason belongs to.</summary>
    internal int? StateOf(int status) =>
        Choices.TryGetValue("statuscode", out var statuses) ? statuses.FirstOrDefault(s => s.Value == status)?.State : null;
}
