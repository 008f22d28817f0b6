using System;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Conformance;

/// <summary>
/// Message semantics FakeXrmEasy (FakeContextTestCreate/Retrieve/Update, AssociateRequestTests, SetStateRequestTests,
/// AssignRequestTests, ExecuteMultipleRequestTests, ExecuteTransactionTests) and XrmMockup (TestCreate, TestUpdate,
/// TestAssocDissoc, TestExecuteMultiple, TestExecuteTransaction) assert, where Dataverse faults rather than being lenient.
/// </summary>
public sealed class MessageConformanceTests : ConformanceFixture
{
    private Guid Id(string name) =>
        Service.RetrieveMultiple(new QueryByAttribute("pj_referral") { ColumnSet = new ColumnSet(false), Attributes = { "pj_name" }, Values = { name } }).Entities.Single().Id;

    [Fact]
    public void Retrieve_and_update_of_a_missing_row_fault_where_FakeXrmEasy_returns_null()
    {
        var missing = Guid.NewGuid();
        var retrieve = Fault(() => Service.Retrieve("pj_referral", missing, new ColumnSet(true)));
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, retrieve.ErrorCode);
        Assert.Equal($"pj_referral With Id = {missing} Does Not Exist", retrieve.Message);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Update(new Entity("pj_referral", missing) { ["pj_waitdays"] = 1 })).ErrorCode);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Delete("pj_referral", missing)).ErrorCode);
        Assert.Equal(5, Emulator.Rows("pj_referral").Count);
    }

    [Fact]
    public void Requests_missing_what_they_need_fault_instead_of_guessing()
    {
        // FakeXrmEasy's FakeContextTestRetrieve/Create/Update: an empty table name, an unknown table, an empty id and a
        // missing column set all fault.
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.Retrieve("pj_referral", Id("alpha"), null!)).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.Retrieve("pj_referral", Guid.Empty, new ColumnSet(true))).ErrorCode);
        Assert.Equal("The entity with a name = 'pj_nosuchtable' was not found in the MetadataCache.",
            Fault(() => Service.Retrieve("pj_nosuchtable", Id("alpha"), new ColumnSet(true))).Message);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.Create(new Entity(""))).ErrorCode);
        Assert.Equal(ErrorCodes.InvalidArgument, Fault(() => Service.Update(new Entity("pj_referral") { ["pj_waitdays"] = 1 })).ErrorCode);
        Assert.Equal(5, Emulator.Rows("pj_referral").Count);
    }

    [Fact]
    public void Create_keeps_a_given_id_and_refuses_an_existing_one()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, Service.Create(new Entity("pj_tag", id) { ["pj_name"] = "first" }));
        var duplicate = Fault(() => Service.Create(new Entity("pj_tag", id) { ["pj_name"] = "second" }));
        Assert.Equal(ErrorCodes.DuplicateRecord, duplicate.ErrorCode);
        Assert.Equal("first", Service.Retrieve("pj_tag", id, new ColumnSet("pj_name"))["pj_name"]);
    }

    [Fact]
    public void Update_with_null_clears_a_column_and_leaves_the_others()
    {
        var alpha = Id("alpha");
        Service.Update(new Entity("pj_referral", alpha) { ["pj_waitdays"] = null });
        var row = Service.Retrieve("pj_referral", alpha, new ColumnSet(true));
        Assert.False(row.Contains("pj_waitdays"));
        Assert.Equal("A-1", row["pj_code"]);
        // An empty string is stored as null (XrmMockup's CreatingAttributeWithEmptyStringShouldReturnNull).
        Service.Update(new Entity("pj_referral", alpha) { ["pj_code"] = "" });
        Assert.False(Service.Retrieve("pj_referral", alpha, new ColumnSet("pj_code")).Contains("pj_code"));
    }

    [Fact]
    public void The_store_keeps_copies_not_the_callers_objects()
    {
        // FakeXrmEasy's Shouldnt_store_references_to_variables_but_actual_clones.
        var row = new Entity("pj_tag") { ["pj_name"] = "kept" };
        var id = Service.Create(row);
        row["pj_name"] = "changed afterwards";
        var read = Service.Retrieve("pj_tag", id, new ColumnSet("pj_name"));
        read["pj_name"] = "changed after reading";
        Assert.Equal("kept", Service.Retrieve("pj_tag", id, new ColumnSet("pj_name"))["pj_name"]);
    }

    [Fact]
    public void Associating_the_same_pair_twice_faults_and_missing_rows_fault()
    {
        // XrmMockup's TestAssocNNTwice expects a fault; FakeXrmEasy's non-existing target and reference tests too.
        var tag = Service.Create(new Entity("pj_tag") { ["pj_name"] = "frail" });
        var relationship = new Relationship("pj_referral_tag");
        Service.Associate("pj_referral", Id("alpha"), relationship, [new EntityReference("pj_tag", tag)]);
        Assert.Equal(ErrorCodes.DuplicateRecord, Fault(() => Service.Associate("pj_referral", Id("alpha"), relationship, [new EntityReference("pj_tag", tag)])).ErrorCode);
        // From the other side the pair is the same pair.
        Assert.Equal(ErrorCodes.DuplicateRecord, Fault(() => Service.Associate("pj_tag", tag, relationship, [new EntityReference("pj_referral", Id("alpha"))])).ErrorCode);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Associate("pj_referral", Guid.NewGuid(), relationship, [new EntityReference("pj_tag", tag)])).ErrorCode);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Associate("pj_referral", Id("beta"), relationship, [new EntityReference("pj_tag", Guid.NewGuid())])).ErrorCode);
        Assert.Single(Emulator.Rows("pj_referral_tag"));
    }

    [Fact]
    public void SetState_sets_state_and_status_and_Assign_moves_the_owner()
    {
        var alpha = Id("alpha");
        Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("pj_referral", alpha), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        var row = Service.Retrieve("pj_referral", alpha, new ColumnSet("statecode", "statuscode"));
        Assert.Equal((1, 2), (row.GetAttributeValue<OptionSetValue>("statecode").Value, row.GetAttributeValue<OptionSetValue>("statuscode").Value));
        var user = Emulator.CreateUser("New", "Owner");
        Service.Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", Emulator.RoleId("System Administrator"))]);
        Service.Execute(new AssignRequest { Target = new EntityReference("pj_referral", alpha), Assignee = new EntityReference("systemuser", user) });
        var owned = Service.Retrieve("pj_referral", alpha, new ColumnSet("ownerid", "owninguser"));
        Assert.Equal(user, owned.GetAttributeValue<EntityReference>("ownerid").Id);
        Assert.Equal(user, owned.GetAttributeValue<EntityReference>("owninguser").Id);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist,
            Fault(() => Service.Execute(new AssignRequest { Target = new EntityReference("pj_referral", alpha), Assignee = new EntityReference("systemuser", Guid.NewGuid()) })).ErrorCode);
    }

    private static OrganizationRequestCollection Creates(params string?[] names) =>
        [.. names.Select(n => new CreateRequest { Target = new Entity("pj_tag") { [n == null ? "pj_bogus" : "pj_name"] = n ?? "x" } })];

    [Fact]
    public void ExecuteMultiple_returns_only_faults_when_responses_are_not_asked_for()
    {
        // XrmMockup's TestExecuteMultipleWithContinueOnError: ContinueOnError without ReturnResponses returns the faults alone
        // (https://learn.microsoft.com/power-apps/developer/data-platform/org-service/execute-multiple-requests).
        var response = (ExecuteMultipleResponse)Service.Execute(new ExecuteMultipleRequest
        {
            Requests = Creates("a", null, "c", null),
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
        });
        Assert.True(response.IsFaulted);
        Assert.Equal([1, 3], response.Responses.Select(r => r.RequestIndex).ToArray());
        Assert.All(response.Responses, r => Assert.Null(r.Response));
        Assert.Equal(2, Emulator.Rows("pj_tag").Count);
        var clean = (ExecuteMultipleResponse)Service.Execute(new ExecuteMultipleRequest
        {
            Requests = Creates("d"),
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
        });
        Assert.False(clean.IsFaulted);
        Assert.Empty(clean.Responses);
    }

    [Fact]
    public void ExecuteTransaction_rolls_back_the_requests_before_the_failing_one()
    {
        var fault = Fault(() => Service.Execute(new ExecuteTransactionRequest { Requests = Creates("a", "b", null, "d") }));
        Assert.Equal(2, Assert.IsType<ExecuteTransactionFault>(fault.Fault).FaultedRequestIndex);
        Assert.Empty(Emulator.Rows("pj_tag"));
    }
}
