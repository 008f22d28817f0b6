using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Schema;
using static PatientJourney.Crm.Emulator.Metadata.Columns;

namespace PatientJourney.Crm.Emulator.Metadata;

/// <summary>
/// The platform tables this solution touches, with the standard columns it uses (names, types and lengths as in
/// Dataverse). The solution schema adds its own columns to these tables; it never has to redeclare the platform's.
/// </summary>
public static class PlatformCatalog
{
    /// <summary>Columns every table has; user-owned tables also have the owner columns.</summary>
    public static IReadOnlyList<ColumnDefinition> SystemColumns(bool userOwned)
    {
        var list = new List<ColumnDefinition>
        {
            ReadOnly(Of("createdon", ColumnType.DateTime)),
            ReadOnly(Of("modifiedon", ColumnType.DateTime)),
            LookupOf("createdby", ColumnType.Lookup, ["systemuser"], readOnly: true),
            LookupOf("modifiedby", ColumnType.Lookup, ["systemuser"], readOnly: true),
            LookupOf("createdonbehalfby", ColumnType.Lookup, ["systemuser"], readOnly: true),
            Of("overriddencreatedon", ColumnType.DateTime),
            ReadOnly(Of("versionnumber", ColumnType.BigInt)),
        };
        if (userOwned)
        {
            list.Add(LookupOf("ownerid", ColumnType.Owner, ["systemuser", "team"], required: RequiredLevel.SystemRequired));
            list.Add(LookupOf("owningbusinessunit", ColumnType.Lookup, ["businessunit"], readOnly: true));
            list.Add(LookupOf("owninguser", ColumnType.Lookup, ["systemuser"], readOnly: true));
            list.Add(LookupOf("owningteam", ColumnType.Lookup, ["team"], readOnly: true));
        }
        return list;
    }

    /// <summary>statecode/statuscode of a table with the default Active/Inactive states.</summary>
    public static IReadOnlyList<ColumnDefinition> ActiveInactive() =>
        [State((0, "Active", 1), (1, "Inactive", 2)), Status((1, "Active", 0), (2, "Inactive", 1))];

    private static readonly string[] RegardingTargets = ["contact", "account", "pj_journey", "pj_referral", "pj_followup", "pj_touchpoint"];

    /// <summary>Columns every activity table shares with activitypointer.</summary>
    public static IReadOnlyList<ColumnDefinition> ActivityColumns() =>
    [
        PrimaryKey("activityid"),
        Text("subject", 400, primaryName: true),
        Memo("description", 2000),
        Of("scheduledstart", ColumnType.DateTime),
        Of("scheduledend", ColumnType.DateTime),
        Of("actualstart", ColumnType.DateTime),
        Of("actualend", ColumnType.DateTime),
        Of("actualdurationminutes", ColumnType.Integer),
        Of("scheduleddurationminutes", ColumnType.Integer),
        LookupOf("regardingobjectid", ColumnType.Lookup, RegardingTargets),
        Choice("prioritycode", [0, 1, 2]),
        ReadOnly(Text("activitytypecode", 100)),
        ReadOnly(Of("isregularactivity", ColumnType.Boolean)),
    ];

    public static IReadOnlyList<TableDefinition> Tables { get; } = Build();

    private static IReadOnlyList<TableDefinition> Build() =>
    [
        Table("contact", "contactid", "fullname", OwnershipType.User,
        [
            PrimaryKey("contactid"),
            Text("firstname", 50), Text("middlename", 50), Text("lastname", 50, RequiredLevel.ApplicationRequired),
            ReadOnly(Text("fullname", 160, primaryName: true)),
            Text("emailaddress1", 100), Text("emailaddress2", 100), Text("telephone1", 50), Text("mobilephone", 50),
            Of("birthdate", ColumnType.DateTime), Choice("gendercode", [1, 2]), Choice("preferredcontactmethodcode", [1, 2, 3, 4, 5]),
            Of("donotemail", ColumnType.Boolean), Of("donotphone", ColumnType.Boolean), Of("donotbulkemail", ColumnType.Boolean),
            Of("donotpostalmail", ColumnType.Boolean), Of("donotfax", ColumnType.Boolean),
            Text("address1_line1", 250), Text("address1_city", 80), Text("address1_stateorprovince", 50), Text("address1_postalcode", 20), Text("address1_country", 80),
            LookupOf("parentcustomerid", ColumnType.Customer, ["account", "contact"]),
            Text("governmentid", 50), Text("externaluseridentifier", 50),
            .. ActiveInactive(),
        ]),
        Table("account", "accountid", "name", OwnershipType.User,
        [
            PrimaryKey("accountid"), Text("name", 160, RequiredLevel.ApplicationRequired, primaryName: true),
            Text("accountnumber", 20), Text("telephone1", 50), Text("emailaddress1", 100),
            LookupOf("primarycontactid", ColumnType.Lookup, ["contact"]),
            .. ActiveInactive(),
        ]),
        Activity("appointment",
        [
            Text("location", 200), Of("isalldayevent", ColumnType.Boolean),
            State((0, "Open", 1), (1, "Completed", 3), (2, "Canceled", 4), (3, "Scheduled", 5)),
            Status((1, "Free", 0), (2, "Tentative", 0), (3, "Completed", 1), (4, "Canceled", 2), (5, "Busy", 3), (6, "Out of Office", 3)),
        ]),
        Activity("task",
        [
            Of("percentcomplete", ColumnType.Integer),
            State((0, "Open", 2), (1, "Completed", 5), (2, "Canceled", 6)),
            Status((2, "Not Started", 0), (3, "In Progress", 0), (4, "Waiting on someone else", 0), (7, "Deferred", 0), (5, "Completed", 1), (6, "Canceled", 2)),
        ]),
        Table("activitypointer", "activityid", "subject", OwnershipType.User,
        [
            .. ActivityColumns(),
            State((0, "Open", 1), (1, "Completed", 2), (2, "Canceled", 3), (3, "Scheduled", 4)),
            Status((1, "Open", 0), (2, "Completed", 1), (3, "Canceled", 2), (4, "Scheduled", 3)),
        ], isActivity: false),
        Table("systemuser", "systemuserid", "fullname", OwnershipType.Organization,
        [
            PrimaryKey("systemuserid"), Text("firstname", 256), Text("lastname", 256), Text("fullname", 200, primaryName: true),
            Text("domainname", 1024), Text("internalemailaddress", 100),
            LookupOf("businessunitid", ColumnType.Lookup, ["businessunit"], required: RequiredLevel.SystemRequired),
            Of("isdisabled", ColumnType.Boolean), Choice("accessmode", [0, 1, 2, 3, 4, 5]),
        ]),
        Table("team", "teamid", "name", OwnershipType.Organization,
        [
            PrimaryKey("teamid"), Text("name", 160, RequiredLevel.SystemRequired, primaryName: true),
            LookupOf("businessunitid", ColumnType.Lookup, ["businessunit"], required: RequiredLevel.SystemRequired),
            Choice("teamtype", [0, 1, 2, 3]), Of("isdefault", ColumnType.Boolean),
        ]),
        // Environment variables: plug-ins read their configuration from these two tables.
        Table("environmentvariabledefinition", "environmentvariabledefinitionid", "displayname", OwnershipType.User,
        [
            PrimaryKey("environmentvariabledefinitionid"), Text("schemaname", 100, RequiredLevel.SystemRequired),
            Text("displayname", 100, primaryName: true), Memo("description", 2000), Memo("defaultvalue", 2000),
            Choice("type", [100000000, 100000001, 100000002, 100000003, 100000004, 100000005]),
            .. ActiveInactive(),
        ]),
        Table("environmentvariablevalue", "environmentvariablevalueid", "schemaname", OwnershipType.User,
        [
            PrimaryKey("environmentvariablevalueid"), Text("schemaname", 100, primaryName: true), Memo("value", 2000),
            LookupOf("environmentvariabledefinitionid", ColumnType.Lookup, ["environmentvariabledefinition"]),
            .. ActiveInactive(),
        ]),
        Table("businessunit", "businessunitid", "name", OwnershipType.Organization,
        [
            PrimaryKey("businessunitid"), Text("name", 160, RequiredLevel.SystemRequired, primaryName: true),
            LookupOf("parentbusinessunitid", ColumnType.Lookup, ["businessunit"]),
        ]),
        // Security: roles (the solution's, System Administrator and Basic User) and field security profiles, assigned
        // through the N:N relationships in SecurityRelationships.
        Table("role", "roleid", "name", OwnershipType.Organization,
        [
            PrimaryKey("roleid"), Text("name", 100, RequiredLevel.SystemRequired, primaryName: true),
            LookupOf("businessunitid", ColumnType.Lookup, ["businessunit"], required: RequiredLevel.SystemRequired),
        ]),
        Table("fieldsecurityprofile", "fieldsecurityprofileid", "name", OwnershipType.Organization,
        [
            PrimaryKey("fieldsecurityprofileid"), Text("name", 100, RequiredLevel.SystemRequired, primaryName: true), Memo("description", 2000),
        ]),
    ];

    /// <summary>
    /// The platform's security relationships, by their schema names and intersect tables in Dataverse: users' and
    /// teams' roles, team members, users' and teams' field security profiles. A test or tool assigns them with Associate.
    /// </summary>
    public static IReadOnlyList<RelationshipDefinition> SecurityRelationships { get; } =
    [
        ManyToMany("systemuserroles_association", "systemuser", "role", "systemuserroles"),
        ManyToMany("teamroles_association", "team", "role", "teamroles"),
        ManyToMany("teammembership_association", "systemuser", "team", "teammembership"),
        ManyToMany("systemuserprofiles_association", "systemuser", "fieldsecurityprofile", "systemuserprofiles"),
        ManyToMany("teamprofiles_association", "team", "fieldsecurityprofile", "teamprofiles"),
    ];

    private static RelationshipDefinition ManyToMany(string name, string first, string second, string intersect) => new()
    {
        SchemaName = name, Type = RelationshipType.ManyToMany, ReferencedTable = first, ReferencingTable = second, IntersectTable = intersect,
    };

    private static TableDefinition Activity(string name, IReadOnlyList<ColumnDefinition> own) =>
        Table(name, "activityid", "subject", OwnershipType.User, [.. ActivityColumns(), .. own], isActivity: true);

    private static TableDefinition Table(string name, string id, string primaryName, OwnershipType ownership, IReadOnlyList<ColumnDefinition> columns, bool isActivity = false) =>
        new()
        {
            LogicalName = name, PrimaryIdColumn = id, PrimaryNameColumn = primaryName, Ownership = ownership, IsCustom = false,
            IsActivity = isActivity,
            Columns = [.. columns, .. SystemColumns(ownership == OwnershipType.User).Where(s => columns.All(c => c.LogicalName != s.LogicalName))],
        };
}
