using System.Collections.Generic;

namespace PatientJourney.Crm.Packer.Registration;

/// <summary>A compiled assembly to register: its identity, bytes, and the plug-in and workflow-activity types in it.</summary>
public sealed class PluginAssemblyInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Culture { get; init; }
    public required string PublicKeyToken { get; init; }
    public required byte[] Bytes { get; init; }
    public required IReadOnlyList<PluginTypeInfo> Types { get; init; }

    public string FullName => $"{Name}, Version={Version}, Culture={Culture}, PublicKeyToken={PublicKeyToken}";
}

/// <summary>A public, concrete class implementing IPlugin (or deriving from CodeActivity), with its declared steps.</summary>
public sealed class PluginTypeInfo
{
    public required string FullName { get; init; }
    public required bool IsWorkflowActivity { get; init; }
    public required IReadOnlyList<StepRegistration> Steps { get; init; }
}

/// <summary>One [PluginStep] attribute as compiled into the assembly.</summary>
public sealed class StepRegistration
{
    public required string PluginType { get; init; }
    public required string Message { get; init; }
    public required string PrimaryEntity { get; init; }
    public required int Stage { get; init; }
    public required int Mode { get; init; }
    public int Rank { get; init; } = 1;
    public string? FilteringAttributes { get; init; }
    public string? PreImageAlias { get; init; }
    public string? PreImageAttributes { get; init; }
    public string? PostImageAlias { get; init; }
    public string? PostImageAttributes { get; init; }
    public string? UnsecureConfiguration { get; init; }
    public bool DeleteAsyncOperationOnSuccess { get; init; } = true;

    /// <summary>Readable identity used in names and messages, e.g. "X.Y: Update of pj_journey (PreOperation)".</summary>
    public string Description => $"{PluginType}: {Message} of {PrimaryEntity} (stage {Stage}, {(Mode == 0 ? "synchronous" : "asynchronous")})";

    public static IReadOnlyList<string> SplitColumns(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(',', System.StringSplitOptions.TrimEntries | System.StringSplitOptions.RemoveEmptyEntries);
}
