using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Security;

/// <summary>
/// A security role as Dataverse holds it: privilege names (prvReadpj_Journey, prvCreateActivity, prvReadUser) with the
/// depth granted. <see cref="IsSystemAdministrator"/> grants every privilege at organization depth, as the platform's
/// System Administrator role does.
/// </summary>
public sealed class SecurityRole
{
    public SecurityRole(string name, IEnumerable<KeyValuePair<string, PrivilegeDepth>> privileges, bool isSystemAdministrator = false)
    {
        Name = name;
        Privileges = privileges.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        IsSystemAdministrator = isSystemAdministrator;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, PrivilegeDepth> Privileges { get; }
    public bool IsSystemAdministrator { get; }

    public PrivilegeDepth? Depth(string privilege) =>
        IsSystemAdministrator ? PrivilegeDepth.Organization : Privileges.TryGetValue(privilege, out var depth) ? depth : null;
}

/// <summary>One secured column of a field security profile: what holders of the profile may do with it.</summary>
public sealed record FieldPermission(string Table, string Column, bool CanRead, bool CanCreate, bool CanUpdate);

/// <summary>A field security profile from the solution: its name and its column permissions.</summary>
public sealed record FieldSecurityProfile(string Name, IReadOnlyList<FieldPermission> Permissions);

/// <summary>The platform's own roles, present in every organisation.</summary>
public static class PlatformRoles
{
    public const string SystemAdministratorName = "System Administrator";
    public const string BasicUserName = "Basic User";

    public static SecurityRole SystemAdministrator { get; } = new(SystemAdministratorName, [], isSystemAdministrator: true);

    /// <summary>
    /// Basic User, limited to the platform tables this solution uses. Microsoft describes the role as "primarily Basic
    /// privileges for core entities where the user can write, update, and delete records that they created or owned"
    /// (https://learn.microsoft.com/power-platform-release-plan/2020wave2/data-platform/common-data-service-user-security-role-renamed-basic-user;
    /// the role's account privileges are shown at https://learn.microsoft.com/training/modules/get-started-security-concepts/role-based-security).
    /// Modelled as: every table privilege at user (Basic) depth on contact, account and activities (appointment, task);
    /// read at organization depth on the tables every app reads (users, teams, business units, roles, environment
    /// variables), plus the app-opener base privileges the shipped roles also carry. This is the emulator's reading of
    /// those pages, not a line-by-line copy of an exported Basic User role.
    /// </summary>
    public static SecurityRole BasicUser { get; } = new(BasicUserName, BasicUserPrivileges());

    private static IEnumerable<KeyValuePair<string, PrivilegeDepth>> BasicUserPrivileges()
    {
        foreach (var table in new[] { "Contact", "Account", "Activity" })
            foreach (var access in Enum.GetValues<PrivilegeAccess>())
                yield return new($"prv{access}{table}", PrivilegeDepth.User);
        foreach (var table in new[] { "User", "Team", "BusinessUnit", "Role", "EnvironmentVariableDefinition", "EnvironmentVariableValue", "Organization", "TransactionCurrency" })
            yield return new($"prvRead{table}", PrivilegeDepth.Organization);
    }
}
