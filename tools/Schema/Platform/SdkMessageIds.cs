using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema.Platform;

/// <summary>
/// The platform messages' sdkmessage ids, the same in every organisation; solution files reference a step's message by
/// id only. Create is confirmed by real exports; the others by independent registration tools (solution-format.md §4.2).
/// CreateMultiple and UpdateMultiple: platform-fidelity.md §3, read from a September 2025 export
/// (phuocle/Dynamics-Crm-DevKit @ 2b472985ea7357ba3006d48ae2a81e8aaf57f13c, DEVKITV4/Both/SdkMessageProcessingSteps
/// {d6d04dd1-e599-f011-b41c-000d3aa25840}.xml and {6aa384d7-e599-f011-b41c-000d3aa25840}.xml) and the same ids in an
/// unrelated query of sdkmessage. An id that is not published is never invented.
/// The packer writes steps with them; the emulator reads a zip's steps with them.
/// </summary>
public static class SdkMessageIds
{
    private static readonly Dictionary<string, Guid> Ids = new(StringComparer.Ordinal)
    {
        ["Create"] = new("9ebdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Update"] = new("20bebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Delete"] = new("a1bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Execute"] = new("a6bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["SetState"] = new("1cbebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["SetStateDynamicEntity"] = new("1dbebb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Assign"] = new("8cbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["GrantAccess"] = new("c5bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Merge"] = new("dbbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["ModifyAccess"] = new("dcbdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["Retrieve"] = new("f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
        ["CreateMultiple"] = new("eb9990f6-feff-497f-974c-eb457ee0d072"),
        ["UpdateMultiple"] = new("e2ac2e19-aea0-47a3-b024-f7a7015b4d60"),
    };

    public static bool IsKnown(string message) => Ids.ContainsKey(message);

    public static Guid? Find(string message) => Ids.TryGetValue(message, out var id) ? id : null;

    /// <summary>The message a Guid stands for, or null.</summary>
    public static string? Name(Guid id) => Ids.FirstOrDefault(p => p.Value == id).Key;

    /// <summary>
    /// The message property an entity image of a step is taken from, as real exports write it (platform-fidelity.md §3):
    /// Create publishes the new row's Id, CreateMultiple the Ids, UpdateMultiple the Targets, SetState the EntityMoniker;
    /// Update, Merge, Assign and the rest carry the row as Target.
    /// </summary>
    public static string ImagePropertyName(string message) => message switch
    {
        "Create" => "Id",
        "CreateMultiple" => "Ids",
        "UpdateMultiple" => "Targets",
        "SetState" or "SetStateDynamicEntity" => "EntityMoniker",
        _ => "Target",
    };
}
