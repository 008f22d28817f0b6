using System;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Security;

/// <summary>GrantAccess, ModifyAccess, RevokeAccess and RetrievePrincipalAccess: shared access widens depth, never privileges.</summary>
public class SharingTests
{
    // Two coordinators in different units, each reading and writing their own journeys only (user depth), sharing allowed.
    private sealed class Ward
    {
        public Ward()
        {
            var role = Org.Role("Coordinator", ("prvReadpj_journey", PrivilegeDepth.User), ("prvWritepj_journey", PrivilegeDepth.User),
                ("prvSharepj_journey", PrivilegeDepth.User), ("prvReadContact", PrivilegeDepth.User));
            var readOnly = Org.Role("Reader", ("prvReadpj_journey", PrivilegeDepth.User));
            Owner = Org.User("Owner", Org.North, role);
            Colleague = Org.User("Colleague", Org.South, role);
            ReaderOnly = Org.User("Reader", Org.South, readOnly);
            Journey = Org.JourneyOwnedBy(Owner);
        }

        public Organisation Org { get; } = new();
        public Guid Owner { get; }
        public Guid Colleague { get; }
        public Guid ReaderOnly { get; }
        public Guid Journey { get; }
        public EntityReference JourneyRef => new("pj_journey", Journey);

        public void Share(Guid by, EntityReference with, AccessRights rights) =>
            Org.As(by).Execute(new GrantAccessRequest { Target = JourneyRef, PrincipalAccess = new PrincipalAccess { Principal = with, AccessMask = rights } });

        public AccessRights RightsOf(EntityReference principal) =>
            ((RetrievePrincipalAccessResponse)Org.Admin.Execute(new RetrievePrincipalAccessRequest { Target = JourneyRef, Principal = principal })).AccessRights;
    }

    private static void Denied(Action action) => Assert.Equal(ErrorCodes.PrivilegeDenied, Fault(action).ErrorCode);

    [Fact]
    public void Sharing_read_lets_the_colleague_read_the_record_and_find_it_in_queries_but_not_write_it()
    {
        var ward = new Ward();
        var colleague = ward.Org.As(ward.Colleague);
        Denied(() => colleague.Retrieve("pj_journey", ward.Journey, new ColumnSet("pj_name")));
        Assert.Empty(colleague.RetrieveMultiple(new QueryExpression("pj_journey")).Entities);

        ward.Share(ward.Owner, new EntityReference("systemuser", ward.Colleague), AccessRights.ReadAccess);

        Assert.Equal("Hip replacement", colleague.Retrieve("pj_journey", ward.Journey, new ColumnSet("pj_name")).GetAttributeValue<string>("pj_name"));
        Assert.Equal([ward.Journey], colleague.RetrieveMultiple(new QueryExpression("pj_journey")).Entities.Select(e => e.Id));
        Denied(() => colleague.Update(new Entity("pj_journey", ward.Journey) { ["pj_name"] = "Changed" }));
        Assert.Equal(AccessRights.ReadAccess, ward.RightsOf(new EntityReference("systemuser", ward.Colleague)));
    }

    [Fact]
    public void ModifyAccess_replaces_the_rights_GrantAccess_adds_to_them_and_RevokeAccess_removes_them()
    {
        var ward = new Ward();
        var colleague = new EntityReference("systemuser", ward.Colleague);
        ward.Share(ward.Owner, colleague, AccessRights.ReadAccess);
        ward.Share(ward.Owner, colleague, AccessRights.WriteAccess);
        Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess, ward.RightsOf(colleague));
        ward.Org.As(ward.Colleague).Update(new Entity("pj_journey", ward.Journey) { ["pj_name"] = "Knee replacement" });

        ward.Org.As(ward.Owner).Execute(new ModifyAccessRequest { Target = ward.JourneyRef, PrincipalAccess = new PrincipalAccess { Principal = colleague, AccessMask = AccessRights.ReadAccess } });
        Assert.Equal(AccessRights.ReadAccess, ward.RightsOf(colleague));
        Denied(() => ward.Org.As(ward.Colleague).Update(new Entity("pj_journey", ward.Journey) { ["pj_name"] = "Again" }));

        ward.Org.As(ward.Owner).Execute(new RevokeAccessRequest { Target = ward.JourneyRef, Revokee = colleague });
        Assert.Equal(AccessRights.None, ward.RightsOf(colleague));
        Denied(() => ward.Org.As(ward.Colleague).Retrieve("pj_journey", ward.Journey, new ColumnSet("pj_name")));
    }

    [Fact]
    public void A_shared_right_the_recipients_roles_do_not_hold_gives_nothing()
    {
        var ward = new Ward();
        var reader = new EntityReference("systemuser", ward.ReaderOnly);
        ward.Share(ward.Owner, reader, AccessRights.ReadAccess | AccessRights.WriteAccess);
        Assert.Equal(AccessRights.ReadAccess, ward.RightsOf(reader));
        Denied(() => ward.Org.As(ward.ReaderOnly).Update(new Entity("pj_journey", ward.Journey) { ["pj_name"] = "Changed" }));
    }

    [Fact]
    public void Sharing_with_a_team_reaches_its_members_only()
    {
        var ward = new Ward();
        var team = ward.Org.Admin.Create(new Entity("team") { ["name"] = "Ward 4", ["businessunitid"] = new EntityReference("businessunit", ward.Org.South), ["teamtype"] = new OptionSetValue(0) });
        ward.Org.Admin.Associate("team", team, new Relationship("teammembership_association"), [new EntityReference("systemuser", ward.Colleague)]);
        ward.Share(ward.Owner, new EntityReference("team", team), AccessRights.ReadAccess);

        Assert.Equal(ward.Journey, ward.Org.As(ward.Colleague).Retrieve("pj_journey", ward.Journey, new ColumnSet("pj_name")).Id);
        Denied(() => ward.Org.As(ward.ReaderOnly).Retrieve("pj_journey", ward.Journey, new ColumnSet("pj_name")));
    }

    [Fact]
    public void Sharing_needs_the_Share_privilege_on_the_record()
    {
        var ward = new Ward();
        var fault = Fault(() => ward.Share(ward.ReaderOnly, new EntityReference("systemuser", ward.Colleague), AccessRights.ReadAccess));
        Assert.Equal(ErrorCodes.PrivilegeDenied, fault.ErrorCode);
        Assert.Contains("prvSharepj_journey", fault.Message, StringComparison.Ordinal);
        // The colleague holds Share at user depth, which does not reach the owner's record.
        var depth = Fault(() => ward.Share(ward.Colleague, new EntityReference("systemuser", ward.Colleague), AccessRights.ReadAccess));
        Assert.Contains("AccessCheckEx", depth.Message, StringComparison.Ordinal);
        Assert.Empty(ward.Org.Emulator.SharedAccess);
    }

    [Fact]
    public void A_share_is_a_principalobjectaccess_row_that_rolls_back_and_goes_with_the_record()
    {
        var ward = new Ward();
        ward.Share(ward.Owner, new EntityReference("systemuser", ward.Colleague), AccessRights.ReadAccess);
        var share = Assert.Single(ward.Org.Emulator.SharedAccess);
        Assert.Equal(ward.Journey, share.GetAttributeValue<Guid>("objectid"));
        Assert.Equal((int)AccessRights.ReadAccess, share.GetAttributeValue<int>("accessrightsmask"));

        Fault(() => ward.Org.Admin.Execute(new GrantAccessRequest { Target = ward.JourneyRef, PrincipalAccess = new PrincipalAccess { Principal = new EntityReference("systemuser", Guid.NewGuid()), AccessMask = AccessRights.ReadAccess } }));
        Assert.Single(ward.Org.Emulator.SharedAccess);

        ward.Org.Admin.Delete("pj_journey", ward.Journey);
        Assert.Empty(ward.Org.Emulator.SharedAccess);
    }

    [Fact]
    public void Shares_are_indexed_by_record_and_by_record_and_principal_and_the_index_survives_a_restore()
    {
        var ward = new Ward();
        var store = ward.Org.Emulator.Store;
        Assert.Equal([["objectid"], ["objectid", "principalid"]], store.IndexedColumns(Sharing.Table).Select(c => c.ToArray()));
        var snapshot = ward.Org.Emulator.Snapshot();
        ward.Share(ward.Owner, new EntityReference("systemuser", ward.Colleague), AccessRights.ReadAccess);
        var share = Assert.Single(store.WithValues(Sharing.Table, ["objectid", "principalid"], [ward.Journey, ward.Colleague]));
        Assert.Equal((int)AccessRights.ReadAccess, share.GetAttributeValue<int>("accessrightsmask"));

        ward.Org.Emulator.Restore(snapshot);

        Assert.Empty(store.WithValues(Sharing.Table, ["objectid"], [ward.Journey]));
        Assert.Equal(AccessRights.None, ward.RightsOf(new EntityReference("systemuser", ward.Colleague)));
        ward.Share(ward.Owner, new EntityReference("systemuser", ward.Colleague), AccessRights.WriteAccess | AccessRights.ReadAccess);
        Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess, ward.RightsOf(new EntityReference("systemuser", ward.Colleague)));
    }

    [Fact]
    public void RetrievePrincipalAccess_reports_role_based_rights_and_needs_read_on_the_record()
    {
        var ward = new Ward();
        var owner = new EntityReference("systemuser", ward.Owner);
        Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess | AccessRights.ShareAccess, ward.RightsOf(owner));
        Denied(() => ward.Org.As(ward.Colleague).Execute(new RetrievePrincipalAccessRequest { Target = ward.JourneyRef, Principal = owner }));
    }
}
