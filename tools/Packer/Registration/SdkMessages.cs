using System;
using System.Collections.Generic;

namespace PatientJourney.Crm.Packer.Registration;

/// <summary>
/// The platform messages' sdkmessage ids, which are the same in every organisation (Create is confirmed by a real
/// export; the others by independent registration tools - solution-format.md §4.2). Steps reference messages by id only.
/// </summary>
public static class SdkMessages
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
    };

    public static bool IsKnown(string message) => Ids.ContainsKey(message);

    public static Guid Id(string message) => Ids.TryGetValue(message, out var id)
        ? id
        : throw new InvalidOperationException($"No known sdkmessage id for message '{message}'.");

    /// <summary>The message a Guid stands for, for checking zips.</summary>
    public static string? Name(Guid id)
    {
        foreach (var (name, value) in Ids) if (value == id) return name;
        return null;
    }
}
