using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>Which entity images a message supports (register-plug-in.md: Create post only, Delete pre only, ...).</summary>
internal enum ImageSupport
{
    None,
    PreOnly,
    PostOnly,
    PreAndPost,
}

/// <summary>A row the operation acts on: the target as sent (Create/Update), and the row before and after the main operation.</summary>
internal sealed class PipelineItem
{
    public Entity? Target { get; init; }
    public required string Table { get; init; }
    public Guid Id { get; set; }
    public Entity? Before { get; set; }
    public Entity? After { get; set; }
}

/// <summary>
/// One message going through the event pipeline. For Create/Update the single and multiple messages form a pair
/// (<see cref="SingleMessage"/>, <see cref="MultipleMessage"/>): Dataverse merges their steps, so a single-message step
/// runs once per item and a multiple-message step once with all items, whichever of the two was requested.
/// </summary>
internal sealed class PipelineOperation
{
    public required string MessageName { get; init; }
    public required string PrimaryEntityName { get; init; }
    public required ParameterCollection InputParameters { get; init; }
    public ParameterCollection OutputParameters { get; } = new();
    public List<PipelineItem> Items { get; } = [];
    public string? SingleMessage { get; init; }
    public string? MultipleMessage { get; init; }
    public ImageSupport Images { get; init; }

    /// <summary>True for Update/UpdateMultiple, whose steps honour filtering attributes.</summary>
    public bool UsesFilteringAttributes { get; init; }

    /// <summary>Output a per-item step sees in PostOperation (e.g. "id" of the created row).</summary>
    public Func<PipelineItem, ParameterCollection>? ItemOutput { get; init; }

    /// <summary>Stage 30: the platform's core operation, or the custom API's plug-in.</summary>
    public required Action<PipelineOperation> MainOperation { get; init; }
}
