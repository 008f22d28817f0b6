using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Security;

/// <summary>An organisation of three units (root → north → north-east) with users arranged through plain requests.</summary>
internal sealed class Organisation
{
    public Organisation(params Type[] plugins)
        : this(NewEmulator(plugins))
    {
    }

    /// <summary>The same organisation on an emulator of another schema (the audit tests audit their tables).</summary>
    public Organisation(DataverseEmulator emulator)
    {
        Emulator = emulator;
        Admin = Emulator.CreateOrganizationService();
        North = Admin.Create(new Entity("businessunit") { ["name"] = "North", ["parentbusinessunitid"] = new EntityReference("businessunit", Emulator.RootBusinessUnitId) });
        NorthEast = Admin.Create(new Entity("businessunit") { ["name"] = "North-east", ["parentbusinessunitid"] = new EntityReference("businessunit", North) });
        South = Admin.Create(new Entity("businessunit") { ["name"] = "South", ["parentbusinessunitid"] = new EntityReference("businessunit", Emulator.RootBusinessUnitId) });
    }

    public DataverseEmulator Emulator { get; }
    public IOrganizationService Admin { get; }
    public Guid North { get; }
    public Guid NorthEast { get; }
    public Guid South { get; }

    public Guid Role(string name, params (string Privilege, PrivilegeDepth Depth)[] privileges) =>
        Emulator.AddRole(new SecurityRole(name, privileges.Select(p => new KeyValuePair<string, PrivilegeDepth>(p.Privilege, p.Depth))));

    public Guid User(string name, Guid businessUnit, params Guid[] roles)
    {
        var id = Admin.Create(new Entity("systemuser") { ["firstname"] = name, ["lastname"] = "User", ["businessunitid"] = new EntityReference("businessunit", businessUnit) });
        if (roles.Length > 0) Admin.Associate("systemuser", id, new Relationship("systemuserroles_association"), [.. roles.Select(r => new EntityReference("role", r))]);
        return id;
    }

    public IOrganizationService As(Guid user) => Emulator.CreateOrganizationService(user);

    /// <summary>A patient and journey owned by <paramref name="owner"/>, written by the administrator.</summary>
    public Guid JourneyOwnedBy(Guid owner, string name = "Hip replacement")
    {
        var patient = Admin.Create(new Entity("contact") { ["lastname"] = "Doe", ["ownerid"] = new EntityReference("systemuser", owner) });
        return Admin.Create(new Entity("pj_journey") { ["pj_name"] = name, ["pj_patientid"] = new EntityReference("contact", patient), ["ownerid"] = new EntityReference("systemuser", owner) });
    }
}

public class SecurityTests
{
    private static readonly (string, PrivilegeDepth)[] ReadJourneys = [("prvReadpj_journey", PrivilegeDepth.BusinessUnit)];

    private static DataverseFaultException Denied(Action action)
    {
        var fault = Fault(action);
        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        return fault;
    }

    [Fact]
    public void Default_caller_is_a_system_administrator_and_SYSTEM_passes_every_check()
    {
        var org = new Organisation();
        var link = org.Emulator.Rows("systemuserroles").Single(l => l.GetAttributeValue<Guid>("systemuserid") == org.Emulator.CallerId);
        Assert.Equal(org.Emulator.RoleId(PlatformRoles.SystemAdministratorName), link.GetAttributeValue<Guid>("roleid"));
        Assert.NotEqual(Guid.Empty, org.Admin.NewJourney());
        Assert.NotEqual(Guid.Empty, org.Emulator.CreateOrganizationService(org.Emulator.SystemUserId).NewJourney());
    }

    [Fact]
    public void A_user_without_a_role_is_refused_with_the_privilege_and_table_named()
    {
        var org = new Organisation();
        var user = org.User("No", org.North);
        var fault = Denied(() => org.As(user).Create(new Entity("contact") { ["lastname"] = "Doe" }));
        Assert.StartsWith($"Principal user (Id={user}, type=8) is missing prvCreateContact privilege for entity 'contact'", fault.Message);
        Assert.Empty(org.Emulator.Rows("contact"));
        Denied(() => org.As(user).RetrieveMultiple(new QueryExpression("pj_journey")));
    }

    [Fact]
    public void Business_unit_depth_reaches_rows_owned_in_the_unit_only()
    {
        var org = new Organisation();
        var reader = org.Role("Reader", ReadJourneys);
        var colleague = org.User("Colleague", org.North);
        var stranger = org.User("Stranger", org.South);
        var user = org.User("Reader", org.North, reader);
        var mine = org.JourneyOwnedBy(colleague, "north");
        var theirs = org.JourneyOwnedBy(stranger, "south");

        Assert.Equal("north", org.As(user).Retrieve("pj_journey", mine, new ColumnSet("pj_name"))["pj_name"]);
        var fault = Denied(() => org.As(user).Retrieve("pj_journey", theirs, new ColumnSet("pj_name")));
        Assert.Contains($"ObjectID: {theirs}", fault.Message);
        Assert.Contains("AccessRights: ReadAccess", fault.Message);
        var rows = org.As(user).RetrieveMultiple(new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") }).Entities;
        Assert.Equal(["north"], rows.Select(r => r.GetAttributeValue<string>("pj_name")));
    }

    [Fact]
    public void Parent_child_depth_reaches_the_units_below_and_user_depth_only_own_rows()
    {
        var org = new Organisation();
        var deep = org.Role("Deep reader", ("prvReadpj_journey", PrivilegeDepth.ParentChildBusinessUnits));
        var basic = org.Role("Own reader", ("prvReadpj_journey", PrivilegeDepth.User));
        var lead = org.User("Lead", org.North, deep);
        var nurse = org.User("Nurse", org.NorthEast, basic);
        org.JourneyOwnedBy(lead, "north");
        org.JourneyOwnedBy(nurse, "north-east");
        org.JourneyOwnedBy(org.User("Other", org.NorthEast), "north-east other");
        org.JourneyOwnedBy(org.User("South", org.South), "south");

        string[] Names(Guid user) => [.. org.As(user).RetrieveMultiple(new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_name") }).Entities.Select(e => e.GetAttributeValue<string>("pj_name")).Order()];
        Assert.Equal(["north", "north-east", "north-east other"], Names(lead));
        Assert.Equal(["north-east"], Names(nurse));
    }

    [Fact]
    public void Fetch_aggregates_count_readable_rows_only()
    {
        var org = new Organisation();
        var user = org.User("Reader", org.North, org.Role("Reader", ReadJourneys));
        org.JourneyOwnedBy(user);
        org.JourneyOwnedBy(org.User("South", org.South));
        var fetch = "<fetch aggregate='true'><entity name='pj_journey'><attribute name='pj_journeyid' alias='n' aggregate='count' /></entity></fetch>";
        var count = org.As(user).RetrieveMultiple(new FetchExpression(fetch)).Entities.Single().GetAttributeValue<AliasedValue>("n").Value;
        Assert.Equal(1, count);
        Assert.Equal(2, org.Admin.RetrieveMultiple(new FetchExpression(fetch)).Entities.Single().GetAttributeValue<AliasedValue>("n").Value);
    }

    [Fact]
    public void A_team_role_grants_its_members_and_team_owned_rows_are_theirs()
    {
        var org = new Organisation();
        var team = org.Admin.Create(new Entity("team") { ["name"] = "Ward 4", ["businessunitid"] = new EntityReference("businessunit", org.South), ["teamtype"] = new OptionSetValue(0) });
        org.Admin.Associate("team", team, new Relationship("teamroles_association"), [new EntityReference("role", org.Role("Own reader", ("prvReadpj_journey", PrivilegeDepth.User)))]);
        var member = org.User("Member", org.North);
        var teamJourney = org.JourneyOwnedBy(org.Emulator.CallerId);
        org.Admin.Update(new Entity("pj_journey", teamJourney) { ["ownerid"] = new EntityReference("team", team) });
        Denied(() => org.As(member).Retrieve("pj_journey", teamJourney, new ColumnSet("pj_name")));

        org.Admin.Associate("team", team, new Relationship("teammembership_association"), [new EntityReference("systemuser", member)]);
        Assert.Equal(teamJourney, org.As(member).Retrieve("pj_journey", teamJourney, new ColumnSet("pj_name")).Id);
    }

    [Fact]
    public void Setting_a_lookup_needs_Append_on_the_row_and_AppendTo_on_the_target()
    {
        var org = new Organisation();
        var creator = org.Role("Creator", ("prvCreatepj_touchpoint", PrivilegeDepth.BusinessUnit), ("prvReadpj_journey", PrivilegeDepth.BusinessUnit));
        var appender = org.Role("Appender", ("prvAppendpj_touchpoint", PrivilegeDepth.BusinessUnit));
        var appendTo = org.Role("Append to journeys", ("prvAppendTopj_journey", PrivilegeDepth.BusinessUnit));
        var user = org.User("Clerk", org.North, creator);
        var journey = org.JourneyOwnedBy(user);
        Entity Touchpoint() => new("pj_touchpoint") { ["pj_name"] = "call", ["pj_journeyid"] = new EntityReference("pj_journey", journey) };

        Assert.Contains("prvAppendpj_touchpoint", Denied(() => org.As(user).Create(Touchpoint())).Message);
        org.Admin.Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", appender)]);
        Assert.Contains("prvAppendTopj_journey", Denied(() => org.As(user).Create(Touchpoint())).Message);
        org.Admin.Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", appendTo)]);
        org.As(user).Create(Touchpoint());
        Assert.Single(org.Emulator.Rows("pj_touchpoint"));
    }

    [Fact]
    public void Write_Delete_and_owner_change_need_their_privileges()
    {
        var org = new Organisation();
        var writer = org.Role("Writer", ("prvReadpj_journey", PrivilegeDepth.BusinessUnit), ("prvWritepj_journey", PrivilegeDepth.BusinessUnit));
        var user = org.User("Writer", org.North, writer);
        var colleague = org.User("Colleague", org.North);
        var journey = org.JourneyOwnedBy(user);
        org.As(user).Update(new Entity("pj_journey", journey) { ["pj_name"] = "renamed" });
        Assert.Contains("prvAssignpj_journey", Denied(() => org.As(user).Update(new Entity("pj_journey", journey) { ["ownerid"] = new EntityReference("systemuser", colleague) })).Message);
        Assert.Contains("prvDeletepj_journey", Denied(() => org.As(user).Delete("pj_journey", journey)).Message);
        Assert.Equal("renamed", org.Emulator.Rows("pj_journey").Single().GetAttributeValue<string>("pj_name"));
        Assert.Contains("prvWritepj_journey", Denied(() => org.As(user).Update(new Entity("pj_journey", org.JourneyOwnedBy(org.User("South", org.South))) { ["pj_name"] = "x" })).Message);
    }

    [Fact]
    public void Only_a_system_administrator_assigns_roles()
    {
        var org = new Organisation();
        var user = org.User("Clerk", org.North, org.Emulator.RoleId(PlatformRoles.BasicUserName));
        var fault = Denied(() => org.As(user).Associate("systemuser", user, new Relationship("systemuserroles_association"),
            [new EntityReference("role", org.Emulator.RoleId(PlatformRoles.SystemAdministratorName))]));
        Assert.Contains("prvAppendUser", fault.Message);
        Assert.Single(org.Emulator.Rows("systemuserroles"), l => l.GetAttributeValue<Guid>("systemuserid") == user);
    }

    [Fact]
    public void A_plugin_writing_through_the_users_service_is_checked_and_the_whole_request_rolls_back()
    {
        var org = new Organisation(typeof(TouchpointOnJourneyCreated));
        var role = org.Role("Journeys only", ("prvCreatepj_journey", PrivilegeDepth.BusinessUnit), ("prvAppendpj_journey", PrivilegeDepth.BusinessUnit),
            ("prvCreateContact", PrivilegeDepth.BusinessUnit), ("prvReadContact", PrivilegeDepth.BusinessUnit), ("prvAppendToContact", PrivilegeDepth.BusinessUnit));
        var user = org.User("Clerk", org.North, role);
        var fault = Denied(() => org.As(user).NewJourney());
        Assert.Contains("prvCreatepj_touchpoint", fault.Message);
        Assert.Empty(org.Emulator.Rows("pj_journey"));
    }

    [Fact]
    public void A_plugin_writing_as_SYSTEM_is_not_checked()
    {
        var org = new Organisation(typeof(CreateFollowUpAsSystem));
        var user = org.User("Clerk", org.North, org.Role("Visits", ("prvCreatepj_stagevisit", PrivilegeDepth.User)));
        org.As(user).Create(new Entity("pj_stagevisit") { ["pj_name"] = "v" });
        Assert.Equal(org.Emulator.SystemUserId, org.Emulator.Rows("pj_followup").Single().GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void Secured_columns_are_hidden_and_guarded_without_the_profile()
    {
        var org = new Organisation();
        var profile = org.Emulator.AddFieldSecurityProfile(new FieldSecurityProfile("Clinical notes", [new FieldPermission("pj_journey", "pj_notes", CanRead: true, CanCreate: true, CanUpdate: true)]));
        var role = org.Role("Journeys", ("prvReadpj_journey", PrivilegeDepth.BusinessUnit), ("prvWritepj_journey", PrivilegeDepth.BusinessUnit));
        var user = org.User("Analyst", org.North, role);
        var journey = org.JourneyOwnedBy(user);
        org.Admin.Update(new Entity("pj_journey", journey) { ["pj_notes"] = "clinical text" });

        Assert.False(org.As(user).Retrieve("pj_journey", journey, new ColumnSet("pj_name", "pj_notes")).Contains("pj_notes"));
        Assert.False(org.As(user).RetrieveMultiple(new QueryExpression("pj_journey") { ColumnSet = new ColumnSet(true) }).Entities.Single().Contains("pj_notes"));
        var fault = Denied(() => org.As(user).Update(new Entity("pj_journey", journey) { ["pj_notes"] = "changed" }));
        Assert.Contains("'pj_notes' of entity 'pj_journey'", fault.Message);
        Assert.DoesNotContain("clinical text", fault.Message);

        org.Admin.Associate("systemuser", user, new Relationship("systemuserprofiles_association"), [new EntityReference("fieldsecurityprofile", profile)]);
        org.As(user).Update(new Entity("pj_journey", journey) { ["pj_notes"] = "changed" });
        Assert.Equal("changed", org.As(user).Retrieve("pj_journey", journey, new ColumnSet("pj_notes"))["pj_notes"]);
    }

    [Fact]
    public void Assign_moves_ownership_with_the_Assign_privilege_only()
    {
        var org = new Organisation();
        var reader = org.Role("Reader and writer", ("prvReadpj_journey", PrivilegeDepth.BusinessUnit), ("prvWritepj_journey", PrivilegeDepth.BusinessUnit));
        var assigner = org.Role("Assigner", ("prvAssignpj_journey", PrivilegeDepth.BusinessUnit));
        var user = org.User("Lead", org.North, reader);
        var colleague = org.User("Colleague", org.North);
        var journey = org.JourneyOwnedBy(user);
        var assign = new AssignRequest { Target = new EntityReference("pj_journey", journey), Assignee = new EntityReference("systemuser", colleague) };

        Assert.Contains("prvAssignpj_journey", Denied(() => org.As(user).Execute(assign)).Message);
        org.Admin.Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", assigner)]);
        org.As(user).Execute(assign);
        var row = org.Emulator.Rows("pj_journey").Single();
        Assert.Equal(colleague, row.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal(colleague, row.GetAttributeValue<EntityReference>("owninguser").Id);
        Assert.Equal(org.North, row.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
    }

    [Fact]
    public void A_custom_api_with_an_execute_privilege_needs_it()
    {
        var org = new Organisation();
        org.Emulator.RegisterCustomApi("pj_CalculateRiskBand", typeof(RiskBandApi), isFunction: true, executePrivilegeName: "prvCalculateRiskBand");
        var user = org.User("Clerk", org.North, org.Emulator.RoleId(PlatformRoles.BasicUserName));
        var request = new OrganizationRequest("pj_CalculateRiskBand") { ["Score"] = 12 };
        Assert.Contains("missing prvCalculateRiskBand privilege, which pj_CalculateRiskBand requires", Denied(() => org.As(user).Execute(request)).Message);
        var runner = org.User("Runner", org.North, org.Role("Risk", ("prvCalculateRiskBand", PrivilegeDepth.Organization)));
        Assert.Equal("high", org.As(runner).Execute(request)["Band"]);
    }

    [Fact]
    public void WhoAmI_reports_the_users_business_unit()
    {
        var org = new Organisation();
        var user = org.User("Clerk", org.NorthEast);
        Assert.Equal(org.NorthEast, ((WhoAmIResponse)org.As(user).Execute(new WhoAmIRequest())).BusinessUnitId);
    }
}
