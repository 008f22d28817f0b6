using System.Collections.Generic;

namespace PatientJourney.Crm.Schema;

/// <summary>One value of a choice. For a status reason, <see cref="State"/> is the state it belongs to.</summary>
public sealed class ChoiceOption
{
    public required int Value { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    /// <summary>Status reasons only: the statecode this status belongs to.</summary>
    public int? State { get; init; }
    /// <summary>States only: the default status reason of this state.</summary>
    public int? DefaultStatus { get; init; }
}

/// <summary>A set of choice values: global (shared by name) or local to one column.</summary>
public sealed class ChoiceDefinition
{
    public required string Name { get; init; }
    public string? DisplayName { get; init; }
    public bool IsGlobal { get; init; }
    public required IReadOnlyList<ChoiceOption> Options { get; init; }
}
