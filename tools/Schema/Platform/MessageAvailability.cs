using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema.Platform;

/// <summary>
/// Which platform messages exist for which table, as Dataverse's sdkmessagefilter rows say: a step can only be
/// registered on, and a request only sent for, a (message, table) pair that has a filter. One table for the emulator
/// (registration and requests) and the packer's build check.
/// Platform tables: the "Messages" list of each table's reference page, cited per table. Custom tables: the messages
/// Dataverse gives every standard (non-elastic) custom table; DeleteMultiple exists for elastic tables only
/// (https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations, ms.date 2025-01-31).
/// Custom API messages are not in this table: each belongs to its own API and bound table.
/// </summary>
public static class MessageAvailability
{
    /// <summary>The messages the platform itself defines for tables; any other message name is a custom API's or unknown.</summary>
    public static IReadOnlySet<string> TableMessages { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Assign", "Associate", "Book", "Create", "CreateException", "CreateMultiple", "Delete", "DeleteMultiple", "Disassociate",
        "GrantAccess", "ImmediateBook", "IsValidStateTransition", "Merge", "ModifyAccess", "ReassignObjectsSystemUser", "RemoveParent",
        "Reschedule", "Retrieve", "RetrieveMultiple", "RetrievePrincipalAccess", "RetrieveSharedPrincipalsAndAccess", "RevokeAccess",
        "Rollup", "SetBusinessSystemUser", "SetParentBusinessUnit", "SetParentSystemUser", "SetParentTeam", "SetState",
        "SetStateDynamicEntity", "Update", "UpdateMultiple", "Upsert", "UpsertMultiple", "Validate", "ValidateSavedQuery",
        "ValidateUnpublished",
    };

    /// <summary>Every standard custom table (bulk-operations.md: "Availability with standard tables").</summary>
    public static IReadOnlySet<string> CustomTable { get; } = Set(
        "Create", "Retrieve", "RetrieveMultiple", "Update", "Delete", "Associate", "Disassociate", "Upsert", "SetState", "Assign",
        "GrantAccess", "ModifyAccess", "RevokeAccess", "CreateMultiple", "UpdateMultiple", "UpsertMultiple");

    // Sharing and ownership messages of a user-owned table; record-level messages every table with rows has.
    private static readonly string[] Records = ["Create", "Retrieve", "RetrieveMultiple", "Update", "Delete", "Associate", "Disassociate", "Upsert"];
    private static readonly string[] Sharing = ["Assign", "GrantAccess", "ModifyAccess", "RevokeAccess", "RetrievePrincipalAccess", "RetrieveSharedPrincipalsAndAccess"];

    private static readonly Dictionary<string, IReadOnlySet<string>> Platform = new(StringComparer.Ordinal)
    {
        // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact (current page: Associate,
        // CreateMultiple, Disassociate, IsValidStateTransition added to the 2023 list). UpdateMultiple/UpsertMultiple were not
        // confirmed on the page read, so they count as absent.
        ["contact"] = Set([.. Records, .. Sharing, "CreateMultiple", "IsValidStateTransition", "Merge", "Rollup", "SetState"]),
        // https://learn.microsoft.com/dynamics365/sales/developer/entities/account (ms.date 2024-02-27: Associate, BulkRetain,
        // Create, CreateMultiple, ...) and .../data-platform/reference/entities/account; the CreateMultiple Web API reference
        // (webapi/reference/createmultiple) lists account among its entity types.
        ["account"] = Set([.. Records, .. Sharing, "CreateMultiple", "Merge", "Rollup", "SetState"]),
        // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/appointment, as quoted in
        // platform-fidelity.md §1: no CreateMultiple, UpdateMultiple or UpsertMultiple.
        ["appointment"] = Set("Assign", "Associate", "Book", "Create", "CreateException", "Delete", "Disassociate", "GrantAccess", "ImmediateBook",
            "ModifyAccess", "Reschedule", "Retrieve", "RetrieveMultiple", "RetrievePrincipalAccess", "RetrieveSharedPrincipalsAndAccess",
            "RevokeAccess", "SetState", "Update", "Upsert", "Validate", "ValidateSavedQuery", "ValidateUnpublished"),
        // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/task (CreateMultiple, UpdateMultiple)
        // and https://learn.microsoft.com/dynamics365/developer/reference/entities/task (Dynamics 365 adds UpsertMultiple).
        ["task"] = Set([.. Records, .. Sharing, "SetState", "CreateMultiple", "UpdateMultiple", "UpsertMultiple"]),
        // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/activitypointer: read-only view of
        // all activities (Retrieve, RetrieveMultiple, Rollup); rows are written through the concrete activity tables.
        ["activitypointer"] = Set("Retrieve", "RetrieveMultiple", "Rollup"),
        // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser
        ["systemuser"] = Set("Associate", "Create", "Delete", "Disassociate", "ReassignObjectsSystemUser", "RemoveParent", "Retrieve",
            "RetrieveMultiple", "SetBusinessSystemUser", "SetParentBusinessUnit", "SetParentSystemUser", "SetParentTeam", "SetState", "Update"),
        // team, businessunit, environmentvariabledefinition/value: reference pages not read here, so bulk messages are absent
        // (platform-fidelity.md §1); the record-level messages every table has, plus sharing for the user-owned ones.
        ["team"] = Set([.. Records]),
        ["businessunit"] = Set([.. Records, "SetState"]),
        ["environmentvariabledefinition"] = Set([.. Records, .. Sharing, "SetState"]),
        // role and fieldsecurityprofile: reference pages not read here either; the record-level messages, no bulk ones.
        ["role"] = Set([.. Records]),
        ["fieldsecurityprofile"] = Set([.. Records]),
        ["environmentvariablevalue"] = Set([.. Records, .. Sharing, "SetState"]),
    };

    /// <summary>The platform tables whose message list is recorded here.</summary>
    public static IEnumerable<string> PlatformTables => Platform.Keys;

    /// <summary>The messages the table has: its recorded list for a platform table, <see cref="CustomTable"/> otherwise.</summary>
    public static IReadOnlySet<string> For(string table) => Platform.TryGetValue(table, out var messages) ? messages : CustomTable;

    /// <summary>
    /// True when the platform has an sdkmessagefilter for the pair. Messages that are not table messages (custom APIs,
    /// WhoAmI, ExecuteMultiple) are not decided here and return true.
    /// </summary>
    public static bool Exists(string message, string table) => !TableMessages.Contains(message) || For(table).Contains(message);

    /// <summary>What to register instead of a missing pair, for refusal messages.</summary>
    public static string Advice(string message, string table)
    {
        var single = message.EndsWith("Multiple", StringComparison.Ordinal) ? message[..^"Multiple".Length] : null;
        return single != null && For(table).Contains(single)
            ? $"register it on {single} of {table} instead (a bulk import of {table} rows arrives as single {single} requests)"
            : $"register it on one of the messages {table} has: {string.Join(", ", For(table).Order(StringComparer.Ordinal))}";
    }

    private static HashSet<string> Set(params string[] messages) => messages.ToHashSet(StringComparer.Ordinal);
}
