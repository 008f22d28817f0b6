using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Tests.Security;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Audit;

/// <summary>
/// The audit history as code compiled against the SDK reads it: RetrieveRecordChangeHistory, RetrieveAttributeChangeHistory
/// and RetrieveAuditDetails answer with AttributeAuditDetail (only the audited columns that changed), RelationshipAuditDetail
/// (many-to-many associations, role assignments) and ShareAuditDetail (shares), each with its audit row and the audit
/// table's action code.
/// </summary>
public sealed class AuditHistoryTests
{
    private static readonly SolutionSchema AuditedSchema = new SchemaBuilder()
        .Table("contact", t => t.String("pj_mrn", 20), isCustom: false)
        .Table("pj_journey", t => t
            .Audited()
            .PrimaryName("pj_name")
            .Lookup("pj_patientid", "contact", RequiredLevel.SystemRequired)
            .Choice("pj_status", (1, "Active"), (2, "On hold"))
            .Integer("pj_score", min: 0, max: 100)
            .NotAudited(n => n.Integer("pj_counter")))
        .Table("pj_tag", t => t.Audited().PrimaryName("pj_name"))
        .OneToMany("pj_contact_journey", "contact", "pj_journey", "pj_patientid", DeleteBehavior.Cascade)
        .ManyToMany("pj_journey_tag", "pj_journey", "pj_tag")
        .Build();

    private readonly Organisation org = new(new DataverseEmulator(AuditedSchema));

    private IOrganizationService Admin => org.Admin;

    private Guid NewJourney() => Admin.Create(new Entity("pj_journey")
    {
        ["pj_name"] = "Hip replacement", ["pj_patientid"] = new EntityReference("contact", Admin.Create(new Entity("contact") { ["lastname"] = "Doe" })),
        ["pj_status"] = new OptionSetValue(1), ["pj_score"] = 40, ["pj_counter"] = 1,
    });

    private static AuditDetailCollection History(IOrganizationService service, string table, Guid id, PagingInfo? paging = null) =>
        ((RetrieveRecordChangeHistoryResponse)service.Execute(new RetrieveRecordChangeHistoryRequest { Target = new EntityReference(table, id), PagingInfo = paging }))
            .AuditDetailCollection;

    private static int Action(AuditDetail detail) => detail.AuditRecord.GetAttributeValue<OptionSetValue>("action").Value;

    [Fact]
    public void Create_update_and_delete_give_attribute_details_with_only_the_audited_columns_that_changed()
    {
        var journey = NewJourney();
        org.Emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Admin.Update(new Entity("pj_journey", journey) { ["pj_name"] = "Hip replacement", ["pj_score"] = 55, ["pj_counter"] = 2 });
        Admin.Update(new Entity("pj_journey", journey) { ["pj_counter"] = 3 });

        var details = History(Admin, "pj_journey", journey).AuditDetails.Cast<AttributeAuditDetail>().ToList();

        Assert.Equal(2, details.Count);
        var (created, updated) = (details[0], details[1]);
        Assert.Empty(created.OldValue.Attributes);
        Assert.Equal(["pj_name", "pj_patientid", "pj_score", "pj_status"], created.NewValue.Attributes.Keys.Where(k => k.StartsWith("pj_", StringComparison.Ordinal)).Order());
        Assert.Equal("Active", created.NewValue.FormattedValues["pj_status"]);
        Assert.Equal(["pj_score"], updated.OldValue.Attributes.Keys);
        Assert.Equal(40, updated.OldValue.GetAttributeValue<int>("pj_score"));
        Assert.Equal(55, updated.NewValue.GetAttributeValue<int>("pj_score"));
        Assert.Equal((int)AuditAction.Create, Action(created));
        Assert.Equal((int)AuditAction.Update, Action(updated));
        Assert.Equal("Update", updated.AuditRecord.FormattedValues["operation"]);
        Assert.Equal(new EntityReference("systemuser", org.Emulator.CallerId), updated.AuditRecord.GetAttributeValue<EntityReference>("userid"));
        Assert.Equal(new EntityReference("pj_journey", journey), updated.AuditRecord.GetAttributeValue<EntityReference>("objectid"));
        Assert.Equal(org.Emulator.Clock.UtcNow, updated.AuditRecord.GetAttributeValue<DateTime>("createdon"));

        Admin.Delete("pj_journey", journey);
        var deleted = (AttributeAuditDetail)History(Admin, "pj_journey", journey).AuditDetails.Last();
        Assert.Equal((int)AuditAction.Delete, Action(deleted));
        Assert.Empty(deleted.NewValue.Attributes);
        Assert.Equal(55, deleted.OldValue.GetAttributeValue<int>("pj_score"));
        Assert.False(deleted.OldValue.Contains("pj_counter"));
    }

    [Fact]
    public void Assign_and_SetState_are_audited_with_their_own_actions()
    {
        var journey = NewJourney();
        var other = org.User("Other", org.North);
        Admin.Execute(new AssignRequest { Target = new EntityReference("pj_journey", journey), Assignee = new EntityReference("systemuser", other) });
        Admin.Execute(new SetStateRequest { EntityMoniker = new EntityReference("pj_journey", journey), State = new OptionSetValue(1), Status = new OptionSetValue(2) });

        var details = History(Admin, "pj_journey", journey).AuditDetails.Cast<AttributeAuditDetail>().ToList();

        Assert.Equal([(int)AuditAction.Create, (int)AuditAction.Assign, (int)AuditAction.SetState], details.Select(Action));
        Assert.Equal(other, details[1].NewValue.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal(1, details[2].NewValue.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal("Set State", details[2].AuditRecord.FormattedValues["action"]);
    }

    [Fact]
    public void PagingInfo_pages_the_history_and_counts_it_when_asked()
    {
        var journey = NewJourney();
        Admin.Update(new Entity("pj_journey", journey) { ["pj_score"] = 50 });
        Admin.Update(new Entity("pj_journey", journey) { ["pj_score"] = 60 });

        var first = History(Admin, "pj_journey", journey, new PagingInfo { PageNumber = 1, Count = 2, ReturnTotalRecordCount = true });
        var second = History(Admin, "pj_journey", journey, new PagingInfo { PageNumber = 2, Count = 2 });

        Assert.Equal(2, first.Count);
        Assert.True(first.MoreRecords);
        Assert.Equal(3, first.TotalRecordCount);
        Assert.Equal(60, ((AttributeAuditDetail)second[0]).NewValue.GetAttributeValue<int>("pj_score"));
        Assert.False(second.MoreRecords);
        Assert.Equal(-1, second.TotalRecordCount);
    }

    [Fact]
    public void RetrieveAttributeChangeHistory_gives_one_columns_changes_and_refuses_an_unknown_column()
    {
        var journey = NewJourney();
        Admin.Update(new Entity("pj_journey", journey) { ["pj_name"] = "Knee replacement" });
        Admin.Update(new Entity("pj_journey", journey) { ["pj_score"] = 70 });
        var target = new EntityReference("pj_journey", journey);

        var response = (RetrieveAttributeChangeHistoryResponse)Admin.Execute(new RetrieveAttributeChangeHistoryRequest { Target = target, AttributeLogicalName = "pj_score" });

        var details = response.AuditDetailCollection.AuditDetails.Cast<AttributeAuditDetail>().ToList();
        Assert.Equal([40, 70], details.Select(d => d.NewValue.GetAttributeValue<int>("pj_score")));
        Assert.All(details, d => Assert.Equal(["pj_score"], d.NewValue.Attributes.Keys));
        var fault = Fault(() => Admin.Execute(new RetrieveAttributeChangeHistoryRequest { Target = target, AttributeLogicalName = "pj_nothing" }));
        Assert.Equal(ErrorCodes.InvalidArgument, fault.ErrorCode);
        Assert.Contains("pj_nothing", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetrieveAuditDetails_returns_one_audit_rows_details_by_its_id()
    {
        var journey = NewJourney();
        Admin.Update(new Entity("pj_journey", journey) { ["pj_status"] = new OptionSetValue(2) });
        var auditId = org.Emulator.AuditHistory("pj_journey", journey)[^1].AuditId;

        var detail = (AttributeAuditDetail)((RetrieveAuditDetailsResponse)Admin.Execute(new RetrieveAuditDetailsRequest { AuditId = auditId })).AuditDetail;

        Assert.Equal(auditId, detail.AuditRecord.Id);
        Assert.Equal("On hold", detail.NewValue.FormattedValues["pj_status"]);
        Assert.Equal("Active", detail.OldValue.FormattedValues["pj_status"]);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Admin.Execute(new RetrieveAuditDetailsRequest { AuditId = Guid.NewGuid() })).ErrorCode);
    }

    [Fact]
    public void Reading_the_history_needs_the_audit_history_privilege_and_read_on_the_record()
    {
        var owner = org.User("Owner", org.North, org.Role("Coordinator", ("prvReadpj_journey", PrivilegeDepth.User)));
        var auditor = org.User("Auditor", org.North, org.Role("Auditor", ("prvReadpj_journey", PrivilegeDepth.User), ("prvReadRecordAuditHistory", PrivilegeDepth.Organization)));
        var journey = org.JourneyOwnedBy(owner);
        org.Admin.Update(new Entity("pj_journey", journey) { ["pj_score"] = 80 });

        var missing = Fault(() => History(org.As(owner), "pj_journey", journey));
        var notReadable = Fault(() => History(org.As(auditor), "pj_journey", journey));
        Admin.Execute(new AssignRequest { Target = new EntityReference("pj_journey", journey), Assignee = new EntityReference("systemuser", auditor) });

        Assert.Equal(ErrorCodes.PrivilegeDenied, missing.ErrorCode);
        Assert.Contains("prvReadRecordAuditHistory", missing.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.PrivilegeDenied, notReadable.ErrorCode);
        Assert.Equal(3, History(org.As(auditor), "pj_journey", journey).Count);
        Assert.Equal(ErrorCodes.PrivilegeDenied, Fault(() => org.As(owner).Execute(new RetrieveAuditDetailsRequest { AuditId = org.Emulator.AuditRecords[^1].AuditId })).ErrorCode);
    }

    [Fact]
    public void Many_to_many_associations_are_audited_on_both_audited_sides_and_a_failed_one_leaves_none()
    {
        var journey = NewJourney();
        var (urgent, frail) = (Admin.Create(new Entity("pj_tag") { ["pj_name"] = "Urgent" }), Admin.Create(new Entity("pj_tag") { ["pj_name"] = "Frail" }));
        var tags = new EntityReferenceCollection { new("pj_tag", urgent), new("pj_tag", frail) };
        Admin.Associate("pj_journey", journey, new Relationship("pj_journey_tag"), tags);
        var before = org.Emulator.AuditRecords.Count;
        Assert.Equal(ErrorCodes.DuplicateRecord, Fault(() => Admin.Associate("pj_journey", journey, new Relationship("pj_journey_tag"), [new EntityReference("pj_tag", urgent)])).ErrorCode);
        Assert.Equal(before, org.Emulator.AuditRecords.Count);
        Admin.Disassociate("pj_journey", journey, new Relationship("pj_journey_tag"), [new EntityReference("pj_tag", frail)]);

        var onJourney = History(Admin, "pj_journey", journey).AuditDetails.OfType<RelationshipAuditDetail>().ToList();
        var onTag = History(Admin, "pj_tag", urgent).AuditDetails.OfType<RelationshipAuditDetail>().Single();

        Assert.Equal([(int)AuditAction.AssociateEntities, (int)AuditAction.DisassociateEntities], onJourney.Select(Action));
        Assert.Equal("pj_journey_tag", onJourney[0].RelationshipName);
        Assert.Equal(["Urgent", "Frail"], onJourney[0].TargetRecords.Select(r => r.Name));
        Assert.Equal([frail], onJourney[1].TargetRecords.Select(r => r.Id));
        Assert.Equal([journey], onTag.TargetRecords.Select(r => r.Id));
        Assert.Equal("Associate Entities", onTag.AuditRecord.FormattedValues["action"]);
    }

    [Fact]
    public void Sharing_is_audited_with_the_rights_before_and_after()
    {
        var journey = NewJourney();
        var colleague = new EntityReference("systemuser", org.User("Colleague", org.South));
        var target = new EntityReference("pj_journey", journey);
        void Grant(AccessRights rights) => Admin.Execute(new GrantAccessRequest { Target = target, PrincipalAccess = new PrincipalAccess { Principal = colleague, AccessMask = rights } });
        Grant(AccessRights.ReadAccess);
        Grant(AccessRights.WriteAccess);
        Admin.Execute(new ModifyAccessRequest { Target = target, PrincipalAccess = new PrincipalAccess { Principal = colleague, AccessMask = AccessRights.ReadAccess } });
        Admin.Execute(new RevokeAccessRequest { Target = target, Revokee = colleague });
        Admin.Execute(new RevokeAccessRequest { Target = target, Revokee = colleague });

        var shares = History(Admin, "pj_journey", journey).AuditDetails.OfType<ShareAuditDetail>().ToList();

        Assert.Equal([(int)AuditAction.Share, (int)AuditAction.Share, (int)AuditAction.ModifyShare, (int)AuditAction.Unshare], shares.Select(Action));
        const AccessRights readWrite = AccessRights.ReadAccess | AccessRights.WriteAccess;
        Assert.Equal(
            [(AccessRights.None, AccessRights.ReadAccess), (AccessRights.ReadAccess, readWrite), (readWrite, AccessRights.ReadAccess), (AccessRights.ReadAccess, AccessRights.None)],
            shares.Select(s => (s.OldPrivileges, s.NewPrivileges)));
        Assert.All(shares, s => Assert.Equal(colleague, s.Principal));
        Assert.Equal("Colleague User", shares[0].Principal.Name);
    }

    [Fact]
    public void Role_assignments_are_audited_on_the_user_and_the_team()
    {
        var role = org.Role("Coordinator", ("prvReadpj_journey", PrivilegeDepth.User));
        var user = org.User("Nurse", org.North);
        var team = Admin.Create(new Entity("team") { ["name"] = "Ward 4", ["businessunitid"] = new EntityReference("businessunit", org.North) });
        Admin.Associate("role", role, new Relationship("systemuserroles_association"), [new EntityReference("systemuser", user)]);
        Admin.Disassociate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", role)]);
        Admin.Associate("team", team, new Relationship("teamroles_association"), [new EntityReference("role", role)]);

        var onUser = History(Admin, "systemuser", user).AuditDetails.OfType<RelationshipAuditDetail>().ToList();
        var onTeam = History(Admin, "team", team).AuditDetails.OfType<RelationshipAuditDetail>().Single();

        Assert.Equal([(int)AuditAction.AssignRoleToUser, (int)AuditAction.RemoveRoleFromUser], onUser.Select(Action));
        Assert.All(onUser, d => Assert.Equal([role], d.TargetRecords.Select(r => r.Id)));
        Assert.Equal((int)AuditAction.AssignRoleToTeam, Action(onTeam));
        Assert.Equal("teamroles_association", onTeam.RelationshipName);
        Assert.Empty(History(Admin, "role", role).AuditDetails);
    }

    [Fact]
    public void A_one_to_many_association_is_audited_as_the_childs_lookup_change()
    {
        var journey = NewJourney();
        var other = Admin.Create(new Entity("contact") { ["lastname"] = "Roe" });
        Admin.Associate("contact", other, new Relationship("pj_contact_journey"), [new EntityReference("pj_journey", journey)]);

        var change = (AttributeAuditDetail)History(Admin, "pj_journey", journey).AuditDetails.Last();

        Assert.Equal((int)AuditAction.Update, Action(change));
        Assert.Equal(other, change.NewValue.GetAttributeValue<EntityReference>("pj_patientid").Id);
        Assert.Equal("Roe", change.NewValue.GetAttributeValue<EntityReference>("pj_patientid").Name);
    }
}
