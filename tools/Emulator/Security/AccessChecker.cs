using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Security;

/// <summary>
/// Who a caller is for the security checks: their business unit, the teams they belong to, and each role they hold
/// with the business unit its depth is measured from (their own for roles assigned to them, the team's for a team's roles).
/// </summary>
internal sealed class Principal
{
    public required Guid UserId { get; init; }
    public required bool IsSystem { get; init; }
    public required Guid BusinessUnitId { get; init; }
    public required IReadOnlySet<Guid> Teams { get; init; }
    public required IReadOnlyList<(SecurityRole Role, Guid BusinessUnitId)> Grants { get; init; }
    public required IReadOnlySet<(string Table, string Column, FieldAccess Access)> FieldGrants { get; init; }

    public bool IsSystemAdministrator => Grants.Any(g => g.Role.IsSystemAdministrator);
}

internal enum FieldAccess
{
    Read,
    Create,
    Update,
}

/// <summary>
/// Dataverse's record-level security (https://learn.microsoft.com/power-platform/admin/how-record-access-determined,
/// https://learn.microsoft.com/power-apps/developer/data-platform/security-concepts): a privilege check (does any of
/// the caller's roles, or their teams' roles, hold the privilege) and an access check (does the granted depth reach
/// the record's owner and owning business unit). Field security
/// (https://learn.microsoft.com/power-apps/developer/data-platform/field-security-entities) hides and guards secured
/// columns for callers whose profiles do not grant them. The SYSTEM user passes every check.
/// </summary>
internal sealed class AccessChecker(MetadataRegistry metadata, DataStore store, Guid systemUserId)
{
    // Lookups to these tables need no AppendTo: every row has owner, creator and business unit lookups to them.
    private static readonly HashSet<string> PrincipalTables = ["systemuser", "team", "businessunit"];

    private readonly Dictionary<Guid, SecurityRole> roles = [];
    private readonly Dictionary<Guid, FieldSecurityProfile> profiles = [];
    private readonly HashSet<(string Table, string Column)> securedColumns = [];

    public void AddRole(Guid id, SecurityRole role) => roles[id] = role;

    public void AddProfile(Guid id, FieldSecurityProfile profile)
    {
        profiles[id] = profile;
        foreach (var permission in profile.Permissions) securedColumns.Add((permission.Table, permission.Column));
    }

    public bool IsSecured(string table, string column) => securedColumns.Contains((table, column));

    /// <summary>The privilege's name as Dataverse spells it: prv + access + table schema name (Activity for activities, User for systemuser).</summary>
    public static string PrivilegeName(TableMetadata table, PrivilegeAccess access)
    {
        var suffix = table.IsActivity || table.LogicalName == "activitypointer" ? "Activity"
            : PlatformSchemaNames.TryGetValue(table.LogicalName, out var platform) ? platform
            : table.Definition.SchemaName ?? table.LogicalName;
        return $"prv{access}{suffix}";
    }

    // The platform tables' privilege suffixes (their schema names; systemuser's privileges say User).
    private static readonly Dictionary<string, string> PlatformSchemaNames = new(StringComparer.Ordinal)
    {
        ["contact"] = "Contact", ["account"] = "Account", ["systemuser"] = "User", ["team"] = "Team", ["businessunit"] = "BusinessUnit",
        ["role"] = "Role", ["fieldsecurityprofile"] = "FieldSecurityProfile",
        ["environmentvariabledefinition"] = "EnvironmentVariableDefinition", ["environmentvariablevalue"] = "EnvironmentVariableValue",
    };

    public Principal PrincipalOf(Guid userId)
    {
        var businessUnit = BusinessUnitOfUser(userId);
        if (userId == systemUserId)
        {
            return new Principal { UserId = userId, IsSystem = true, BusinessUnitId = businessUnit, Teams = new HashSet<Guid>(), Grants = [], FieldGrants = new HashSet<(string, string, FieldAccess)>() };
        }
        var teams = Links("teammembership", "systemuserid", userId, "teamid").ToHashSet();
        var grants = Links("systemuserroles", "systemuserid", userId, "roleid").Where(roles.ContainsKey).Select(r => (roles[r], businessUnit)).ToList();
        foreach (var team in teams)
        {
            var teamUnit = store.Get("team", team)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? businessUnit;
            grants.AddRange(Links("teamroles", "teamid", team, "roleid").Where(roles.ContainsKey).Select(r => (roles[r], teamUnit)));
        }
        var profileIds = Links("systemuserprofiles", "systemuserid", userId, "fieldsecurityprofileid")
            .Concat(teams.SelectMany(t => Links("teamprofiles", "teamid", t, "fieldsecurityprofileid")));
        var fieldGrants = new HashSet<(string, string, FieldAccess)>();
        foreach (var permission in profileIds.Where(profiles.ContainsKey).SelectMany(p => profiles[p].Permissions))
        {
            if (permission.CanRead) fieldGrants.Add((permission.Table, permission.Column, FieldAccess.Read));
            if (permission.CanCreate) fieldGrants.Add((permission.Table, permission.Column, FieldAccess.Create));
            if (permission.CanUpdate) fieldGrants.Add((permission.Table, permission.Column, FieldAccess.Update));
        }
        return new Principal { UserId = userId, IsSystem = false, BusinessUnitId = businessUnit, Teams = teams, Grants = grants, FieldGrants = fieldGrants };
    }

    private IEnumerable<Guid> Links(string intersect, string fromColumn, Guid from, string toColumn) =>
        store.WithValues(intersect, [fromColumn], [from]).Select(l => l.GetAttributeValue<Guid>(toColumn));

    private Guid BusinessUnitOfUser(Guid userId) => store.Get("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? Guid.Empty;

    /// <summary>True when the principal may do <paramref name="access"/> on the row (or, with no row, holds the privilege at all).</summary>
    public bool Allows(Principal principal, TableMetadata table, PrivilegeAccess access, Entity? row)
    {
        if (principal.IsSystem) return true;
        var privilege = PrivilegeName(table, access);
        var holdsPrivilege = false;
        foreach (var (role, anchor) in principal.Grants)
        {
            if (role.Depth(privilege) is not { } depth) continue;
            if (row == null || !table.IsUserOwned || depth == PrivilegeDepth.Organization) return true;
            if (Reaches(principal, depth, anchor, row)) return true;
            holdsPrivilege = true;
        }
        // Shared access widens the depth, never the privilege: "you can't give a user any rights that they wouldn't have
        // for that type of table, based on the security roles assigned to that user"
        // (https://learn.microsoft.com/power-apps/developer/data-platform/security-sharing-assigning).
        return holdsPrivilege && row != null && (Shares.RightsOf(principal, row.Id) & Sharing.Right(access)) != 0;
    }

    /// <summary>The records shared with users and teams (the principalobjectaccess rows).</summary>
    public Sharing Shares { get; } = new(store);

    /// <summary>A team as a principal: its own roles (measured from its unit) and the records shared with it.</summary>
    public Principal PrincipalOfTeam(Guid teamId)
    {
        var unit = store.Get("team", teamId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? Guid.Empty;
        var grants = Links("teamroles", "teamid", teamId, "roleid").Where(roles.ContainsKey).Select(r => (roles[r], unit)).ToList();
        var fieldGrants = new HashSet<(string, string, FieldAccess)>();
        return new Principal { UserId = teamId, IsSystem = false, BusinessUnitId = unit, Teams = new HashSet<Guid> { teamId }, Grants = grants, FieldGrants = fieldGrants };
    }

    /// <summary>What <paramref name="principal"/> may do with the row: the per-record access rights, from roles and shares.</summary>
    public AccessRights RightsOn(Principal principal, TableMetadata table, Entity row)
    {
        var rights = AccessRights.None;
        foreach (var access in Sharing.RecordAccesses)
        {
            if (Allows(principal, table, access, row)) rights |= Sharing.Right(access);
        }
        return rights;
    }

    private bool Reaches(Principal principal, PrivilegeDepth depth, Guid anchor, Entity row)
    {
        var owner = row.GetAttributeValue<EntityReference>("ownerid");
        if (owner != null && (owner.Id == principal.UserId || principal.Teams.Contains(owner.Id))) return true;
        var unit = row.GetAttributeValue<EntityReference>("owningbusinessunit")?.Id;
        if (unit == null) return false;
        return depth switch
        {
            PrivilegeDepth.BusinessUnit => unit == anchor,
            PrivilegeDepth.ParentChildBusinessUnits => WithinUnit(unit.Value, anchor),
            _ => false,
        };
    }

    // Parent: Child Business Units reaches the unit itself and every unit below it.
    private bool WithinUnit(Guid unit, Guid ancestor)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = unit; current is { } id && seen.Add(id); current = store.Get("businessunit", id)?.GetAttributeValue<EntityReference>("parentbusinessunitid")?.Id)
        {
            if (id == ancestor) return true;
        }
        return false;
    }

    /// <summary>Throws the platform's privilege fault unless <see cref="Allows"/>.</summary>
    public void Demand(Principal principal, TableMetadata table, PrivilegeAccess access, Entity? row)
    {
        if (Allows(principal, table, access, row)) return;
        var privilege = PrivilegeName(table, access);
        if (row == null || !Allows(principal, table, access, null)) throw MissingPrivilege(principal, privilege, table);
        var owner = row.GetAttributeValue<EntityReference>("ownerid");
        // The wording follows the platform's access-check failure as public threads show it (SecLib::AccessCheckEx).
        throw DataverseFaultException.Create(ErrorCodes.PrivilegeDenied,
            $"SecLib::AccessCheckEx failed. ObjectID: {row.Id}, OwnerId: {owner?.Id}, OwnerIdType: {(owner?.LogicalName == "team" ? 9 : 8)} and CallingUser: {principal.UserId}. " +
            $"Entity: '{table.LogicalName}', objectBusinessUnitId: {row.GetAttributeValue<EntityReference>("owningbusinessunit")?.Id}, AccessRights: {access}Access. " +
            $"The caller's roles grant {privilege} at a depth that does not reach this record; give the user a role with a wider depth, or share the record.");
    }

    // "Principal user (Id=…, type=8) is missing prvReadpavelkh_Interest privilege" is the platform's wording as reported in
    // https://github.com/khorozhansky/Advanced-MultiSelect-for-Dynamics/issues/3 and https://github.com/MscrmTools/XrmToolBox/issues/322.
    private static DataverseFaultException MissingPrivilege(Principal principal, string privilege, TableMetadata table) =>
        DataverseFaultException.Create(ErrorCodes.PrivilegeDenied,
            $"Principal user (Id={principal.UserId}, type=8) is missing {privilege} privilege for entity '{table.LogicalName}'. Give the user a security role that grants it.");

    /// <summary>A privilege not tied to a row (a custom API's execute privilege): held at any depth by any role.</summary>
    public void DemandPrivilege(Principal principal, string privilege, string what)
    {
        if (principal.IsSystem || principal.Grants.Any(g => g.Role.Depth(privilege) != null)) return;
        throw DataverseFaultException.Create(ErrorCodes.PrivilegeDenied,
            $"Principal user (Id={principal.UserId}, type=8) is missing {privilege} privilege, which {what} requires. Give the user a security role that grants it.");
    }

    /// <summary>The owner and owning business unit a new row will get, for checking Create at depth.</summary>
    public Entity Owned(TableMetadata table, Entity target, Principal principal)
    {
        var row = new Entity(table.LogicalName, target.Id);
        if (!table.IsUserOwned) return row;
        var owner = target.GetAttributeValue<EntityReference>("ownerid") ?? new EntityReference("systemuser", principal.UserId);
        row["ownerid"] = owner;
        var unit = owner.LogicalName == "team"
            ? store.Get("team", owner.Id)?.GetAttributeValue<EntityReference>("businessunitid")?.Id
            : BusinessUnitOfUser(owner.Id);
        if (unit is { } id) row["owningbusinessunit"] = new EntityReference("businessunit", id);
        return row;
    }

    /// <summary>Setting a lookup needs Append on the record and AppendTo on the row it points to.</summary>
    public void DemandLookups(Principal principal, TableMetadata table, Entity target, Entity row)
    {
        if (principal.IsSystem) return;
        foreach (var (column, value) in target.Attributes)
        {
            if (value is not EntityReference reference || column == "ownerid" || PrincipalTables.Contains(reference.LogicalName)) continue;
            if (table.Column(column)?.Type is not (ColumnType.Lookup or ColumnType.Customer)) continue;
            Demand(principal, table, PrivilegeAccess.Append, row);
            if (metadata.Find(reference.LogicalName) is { } targetTable && store.Get(targetTable.LogicalName, reference.Id) is { } targetRow)
            {
                Demand(principal, targetTable, PrivilegeAccess.AppendTo, targetRow);
            }
        }
    }

    private static bool HasField(Principal principal, string table, string column, FieldAccess access) =>
        principal.IsSystem || principal.IsSystemAdministrator || principal.FieldGrants.Contains((table, column, access));

    /// <summary>Create or update of a secured column needs the profile's create or update permission.</summary>
    public void DemandFields(Principal principal, TableMetadata table, Entity target, bool create)
    {
        var access = create ? FieldAccess.Create : FieldAccess.Update;
        foreach (var (column, value) in target.Attributes)
        {
            if (!IsSecured(table.LogicalName, column) || (create && value == null) || HasField(principal, table.LogicalName, column, access)) continue;
            throw DataverseFaultException.Create(ErrorCodes.PrivilegeDenied,
                $"The user (Id={principal.UserId}) does not have {(create ? "create" : "update")} permissions to the secured field '{column}' of entity '{table.LogicalName}'. " +
                "Give the user (or a team they belong to) a field security profile that allows it, or leave the column out.");
        }
    }

    /// <summary>Removes the secured columns the principal may not read, on the row itself and in aliased values from linked tables.</summary>
    public void HideUnreadable(Principal principal, string table, Entity entity)
    {
        if (principal.IsSystem || principal.IsSystemAdministrator || securedColumns.Count == 0) return;
        foreach (var key in entity.Attributes.Keys.ToList())
        {
            var (owner, column) = entity[key] is AliasedValue aliased ? (aliased.EntityLogicalName, aliased.AttributeLogicalName) : (table, key);
            if (IsSecured(owner, column) && !HasField(principal, owner, column, FieldAccess.Read))
            {
                entity.Attributes.Remove(key);
                entity.FormattedValues.Remove(key);
            }
        }
    }
}
