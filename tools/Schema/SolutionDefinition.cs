using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Schema;

/// <summary>Everything declared under Solution/: the solution's identity, its schema and the components around it.</summary>
public sealed class SolutionDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public required Version Version { get; init; }
    public required PublisherDefinition Publisher { get; init; }
    public required SolutionSchema Schema { get; init; }
    public IReadOnlyList<EnvironmentVariableDefinition> EnvironmentVariables { get; init; } = [];
    public IReadOnlyList<CustomApiDefinition> CustomApis { get; init; } = [];
    public AppDefinition? App { get; init; }
    public IReadOnlyList<RoleDefinition> Roles { get; init; } = [];
    public IReadOnlyList<FieldSecurityProfileDefinition> FieldSecurityProfiles { get; init; } = [];
    public IReadOnlyList<ChartDefinition> Charts { get; init; } = [];
    public IReadOnlyList<DashboardDefinition> Dashboards { get; init; } = [];
    public IReadOnlyList<ControlDefinition> Controls { get; init; } = [];

    public CustomApiDefinition? CustomApi(string uniqueName) => CustomApis.FirstOrDefault(a => a.UniqueName == uniqueName);
}

/// <summary>The publisher: its prefix goes on every component name, its option-value prefix on every choice value.</summary>
public sealed class PublisherDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    /// <summary>Customization prefix, e.g. "pj".</summary>
    public required string Prefix { get; init; }
    /// <summary>Option-value prefix (10000–99999): choice values lie in [prefix × 10000, prefix × 10000 + 9999].</summary>
    public required int OptionValuePrefix { get; init; }

    public int FirstOptionValue => OptionValuePrefix * 10000;
    public int LastOptionValue => OptionValuePrefix * 10000 + 9999;
}

public enum EnvironmentVariableType
{
    String = 100000000,
    Number = 100000001,
    Boolean = 100000002,
    Json = 100000003,
}

/// <summary>A configuration value an admin sets per environment; the default applies until they do.</summary>
public sealed class EnvironmentVariableDefinition
{
    public required string SchemaName { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    public required EnvironmentVariableType Type { get; init; }
    public required string DefaultValue { get; init; }
}

public enum CustomApiBinding
{
    Global = 0,
    Entity = 1,
    EntityCollection = 2,
}

/// <summary>Custom API parameter and response property types (Dataverse's customapifieldtype values).</summary>
public enum CustomApiFieldType
{
    Boolean = 0,
    DateTime = 1,
    Decimal = 2,
    Entity = 3,
    EntityCollection = 4,
    EntityReference = 5,
    Float = 6,
    Integer = 7,
    Money = 8,
    Picklist = 9,
    String = 10,
    StringArray = 11,
    Guid = 12,
}

/// <summary>A request parameter or response property of a custom API.</summary>
public sealed class CustomApiField
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    public required CustomApiFieldType Type { get; init; }
    /// <summary>Entity, EntityReference and EntityCollection fields: the table they carry.</summary>
    public string? EntityLogicalName { get; init; }
    /// <summary>Request parameters only.</summary>
    public bool IsOptional { get; init; }
}

/// <summary>A custom API: a message makers call from flows and code, handled by one plug-in type.</summary>
public sealed class CustomApiDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    /// <summary>Functions are read-only and callable with GET; actions change data.</summary>
    public bool IsFunction { get; init; }
    public CustomApiBinding Binding { get; init; } = CustomApiBinding.Global;
    public string? BoundEntity { get; init; }
    /// <summary>Full name of the plug-in type that handles the message.</summary>
    public required string PluginType { get; init; }
    /// <summary>
    /// The handler is not written yet: the API ships without a plug-in link and the packer reports it instead of
    /// failing. Once the type exists, the flag must go (the packer fails while both are true).
    /// </summary>
    public bool HandlerPending { get; init; }
    public IReadOnlyList<CustomApiField> RequestParameters { get; init; } = [];
    public IReadOnlyList<CustomApiField> ResponseProperties { get; init; } = [];
}

/// <summary>The model-driven app and its site map: areas, groups and the tables each group lists.</summary>
public sealed class AppDefinition
{
    public required string UniqueName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<SiteMapArea> Areas { get; init; }
    /// <summary>Names of the roles that see the app.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public IEnumerable<string> Tables => Areas.SelectMany(a => a.Groups).SelectMany(g => g.Tables).Distinct();
}

public sealed class SiteMapArea
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<SiteMapGroup> Groups { get; init; }
}

public sealed class SiteMapGroup
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Tables { get; init; }
    /// <summary>Dashboards the group opens, by name, after its tables.</summary>
    public IReadOnlyList<string> Dashboards { get; init; } = [];
}

/// <summary>How far a privilege reaches (Dataverse's Basic/Local/Deep/Global).</summary>
public enum PrivilegeDepth
{
    /// <summary>Rows the user owns (Basic).</summary>
    User,
    /// <summary>Rows in the user's business unit (Local).</summary>
    BusinessUnit,
    /// <summary>Rows in the user's business unit and its children (Deep).</summary>
    ParentChildBusinessUnits,
    /// <summary>Every row (Global).</summary>
    Organization,
}

public enum PrivilegeAccess
{
    Create,
    Read,
    Write,
    Delete,
    Append,
    AppendTo,
    Assign,
    Share,
}

public sealed class TablePrivilege
{
    public required string Table { get; init; }
    public required PrivilegeAccess Access { get; init; }
    public required PrivilegeDepth Depth { get; init; }
}

/// <summary>A security role: privileges per table plus named system privileges.</summary>
public sealed class RoleDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<TablePrivilege> TablePrivileges { get; init; }
    /// <summary>Privileges not tied to one of the solution's tables, by name (e.g. prvReadSdkMessage), with depth.</summary>
    public IReadOnlyDictionary<string, PrivilegeDepth> SystemPrivileges { get; init; } = new Dictionary<string, PrivilegeDepth>();
}

/// <summary>What a field security profile allows on one column.</summary>
public sealed class FieldPermissionDefinition
{
    public required string Table { get; init; }
    public required string Column { get; init; }
    public bool CanRead { get; init; }
    public bool CanCreate { get; init; }
    public bool CanUpdate { get; init; }
}

/// <summary>
/// A field security profile. Dataverse assigns profiles to users and teams, not to roles; <see cref="GrantedToRoles"/>
/// names the roles whose holders (or their teams) are to be given the profile, and the checks hold it to clinical roles.
/// </summary>
public sealed class FieldSecurityProfileDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<FieldPermissionDefinition> Permissions { get; init; }
    public IReadOnlyList<string> GrantedToRoles { get; init; } = [];
}
