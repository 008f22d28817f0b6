using System;
using System.Linq;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Data;

public sealed class DataOperationTests
{
    private readonly DataverseEmulator emulator = NewEmulator();
    private IOrganizationService Service => emulator.CreateOrganizationService();

    [Fact]
    public void Create_fills_the_system_columns()
    {
        var id = Service.NewJourney();
        var row = Service.Retrieve("pj_journey", id, new ColumnSet(true));
        Assert.Equal(id, row.Id);
        Assert.Equal(id, row["pj_journeyid"]);
        Assert.Equal(emulator.Clock.UtcNow, row["createdon"]);
        Assert.Equal(emulator.Clock.UtcNow, row["modifiedon"]);
        Assert.Equal(emulator.CallerId, row.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(emulator.CallerId, row.GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.Equal(new EntityReference("systemuser", emulator.CallerId), row["ownerid"]);
        Assert.Equal(emulator.RootBusinessUnitId, row.GetAttributeValue<EntityReference>("owningbusinessunit").Id);
        Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void Create_does_not_change_the_callers_entity_and_keeps_a_given_id()
    {
        var id = Guid.NewGuid();
        var sent = Journey(Service.Patient());
        sent.Id = id;
        Assert.Equal(id, Service.Create(sent));
        Assert.False(sent.Contains("createdon"));
        Assert.Equal(ErrorCodes.DuplicateRecord, Fault(() => Service.Create(sent)).ErrorCode);
    }

    [Fact]
    public void Retrieve_returns_the_requested_columns_and_the_id_only()
    {
        var id = Service.NewJourney();
        var row = Service.Retrieve("pj_journey", id, new ColumnSet("pj_name"));
        Assert.Equal(["pj_journeyid", "pj_name"], row.Attributes.Keys.OrderBy(k => k));
        Assert.Contains("pj_bogus", Fault(() => Service.Retrieve("pj_journey", id, new ColumnSet("pj_bogus"))).Message);
    }

    [Fact]
    public void Update_sets_and_clears_values_and_stamps_modifiedon()
    {
        var id = Service.NewJourney();
        emulator.Clock.Advance(TimeSpan.FromHours(2));
        Service.Update(new Entity("pj_journey", id) { ["pj_score"] = 7, ["pj_name"] = null });
        var row = Service.Retrieve("pj_journey", id, new ColumnSet(true));
        Assert.Equal(7, row["pj_score"]);
        Assert.False(row.Contains("pj_name"));
        Assert.Equal(emulator.Clock.UtcNow, row["modifiedon"]);
        Assert.Equal(emulator.Clock.UtcNow.AddHours(-2), row["createdon"]);
    }

    [Fact]
    public void Operations_on_a_missing_row_fault_with_object_does_not_exist()
    {
        var id = Guid.NewGuid();
        var fault = Fault(() => Service.Retrieve("pj_journey", id, new ColumnSet(true)));
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, fault.ErrorCode);
        Assert.Contains(id.ToString(), fault.Message);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Update(new Entity("pj_journey", id) { ["pj_score"] = 1 })).ErrorCode);
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, Fault(() => Service.Delete("pj_journey", id)).ErrorCode);
    }

    [Fact]
    public void Delete_removes_the_row()
    {
        var id = Service.NewJourney();
        Service.Delete("pj_journey", id);
        Assert.Empty(emulator.Rows("pj_journey"));
    }

    [Fact]
    public void Alternate_keys_identify_rows_and_stay_unique()
    {
        var journey = Journey(Service.Patient());
        journey["pj_externalkey"] = "EXT-1";
        var id = Service.Create(journey);
        var byKey = (Entity)Service.Execute(new RetrieveRequest { Target = new EntityReference("pj_journey", "pj_externalkey", "EXT-1"), ColumnSet = new ColumnSet("pj_name") }).Results["Entity"];
        Assert.Equal(id, byKey.Id);
        Service.Update(new Entity("pj_journey", "pj_externalkey", "EXT-1") { ["pj_score"] = 3 });
        Assert.Equal(3, emulator.Rows("pj_journey").Single()["pj_score"]);
        var clash = Journey(Service.Patient());
        clash["pj_externalkey"] = "EXT-1";
        Assert.Equal(ErrorCodes.DuplicateRecordEntityKey, Fault(() => Service.Create(clash)).ErrorCode);
        Assert.Contains("not a defined key", Fault(() => Service.Update(new Entity("pj_journey", "pj_name", "x") { ["pj_score"] = 1 })).Message);
    }

    [Fact]
    public void Upsert_creates_then_updates_by_alternate_key()
    {
        var patient = Service.Patient();
        Entity Target(int score) => new("pj_journey", "pj_externalkey", "EXT-9") { ["pj_name"] = "j", ["pj_patientid"] = new EntityReference("contact", patient), ["pj_score"] = score };
        var first = (UpsertResponse)Service.Execute(new UpsertRequest { Target = Target(1) });
        var second = (UpsertResponse)Service.Execute(new UpsertRequest { Target = Target(2) });
        Assert.True(first.RecordCreated);
        Assert.False(second.RecordCreated);
        Assert.Equal(first.Target.Id, second.Target.Id);
        var row = emulator.Rows("pj_journey").Single();
        Assert.Equal(2, row["pj_score"]);
        Assert.Equal("EXT-9", row["pj_externalkey"]);
    }

    [Fact]
    public void Delete_cascades_restricts_and_removes_links_per_relationship()
    {
        var service = Service;
        var patient = service.Patient();
        var journey = service.Create(Journey(patient));
        service.Create(new Entity("pj_touchpoint") { ["pj_name"] = "t", ["pj_journeyid"] = new EntityReference("pj_journey", journey) });
        var followUp = service.Create(new Entity("pj_followup") { ["pj_name"] = "f", ["pj_journeyid"] = new EntityReference("pj_journey", journey) });
        var visit = service.Create(new Entity("pj_stagevisit") { ["pj_name"] = "v", ["pj_journeyid"] = new EntityReference("pj_journey", journey) });

        Assert.Contains("pj_journey_stagevisit", Fault(() => service.Delete("contact", patient)).Message);
        Assert.Single(emulator.Rows("pj_journey"));
        Assert.Single(emulator.Rows("pj_touchpoint"));

        service.Delete("pj_stagevisit", visit);
        service.Delete("contact", patient);
        Assert.Empty(emulator.Rows("pj_journey"));
        Assert.Empty(emulator.Rows("pj_touchpoint"));
        Assert.False(emulator.Rows("pj_followup").Single(f => f.Id == followUp).Contains("pj_journeyid"));
    }

    [Fact]
    public void Associate_and_disassociate_one_to_many_set_and_clear_the_lookup()
    {
        var journey = Service.NewJourney();
        var touchpoint = Service.Create(new Entity("pj_touchpoint") { ["pj_name"] = "t" });
        var relationship = new Relationship("pj_journey_touchpoint");
        Service.Associate("pj_journey", journey, relationship, new EntityReferenceCollection { new EntityReference("pj_touchpoint", touchpoint) });
        Assert.Equal(journey, emulator.Rows("pj_touchpoint").Single().GetAttributeValue<EntityReference>("pj_journeyid").Id);
        Service.Disassociate("pj_journey", journey, relationship, new EntityReferenceCollection { new EntityReference("pj_touchpoint", touchpoint) });
        Assert.False(emulator.Rows("pj_touchpoint").Single().Contains("pj_journeyid"));
    }

    [Fact]
    public void Associate_many_to_many_writes_intersect_rows_once()
    {
        var journey = Service.NewJourney();
        var tag = Service.Create(new Entity("pj_tag") { ["pj_name"] = "frail" });
        var relationship = new Relationship("pj_journey_tag");
        var related = new EntityReferenceCollection { new EntityReference("pj_tag", tag) };
        Service.Associate("pj_journey", journey, relationship, related);
        var link = emulator.Rows("pj_journey_tag").Single();
        Assert.Equal(journey, link["pj_journeyid"]);
        Assert.Equal(tag, link["pj_tagid"]);
        Assert.Equal(ErrorCodes.DuplicateRecord, Fault(() => Service.Associate("pj_journey", journey, relationship, related)).ErrorCode);
        Service.Disassociate("pj_journey", journey, relationship, related);
        Assert.Empty(emulator.Rows("pj_journey_tag"));
    }

    [Fact]
    public void SetState_moves_state_and_status_together_and_rejects_mismatches()
    {
        var id = Service.NewJourney();
        Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("pj_journey", id), State = new OptionSetValue(1), Status = new OptionSetValue(2) });
        var row = emulator.Rows("pj_journey").Single();
        Assert.Equal(1, row.GetAttributeValue<OptionSetValue>("statecode").Value);
        Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value);
        Assert.Contains("status code", Fault(() => Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("pj_journey", id), State = new OptionSetValue(0), Status = new OptionSetValue(2) })).Message);
        Service.Update(new Entity("pj_journey", id) { ["statuscode"] = new OptionSetValue(1) });
        Assert.Equal(0, emulator.Rows("pj_journey").Single().GetAttributeValue<OptionSetValue>("statecode").Value);
    }

    [Fact]
    public void WhoAmI_answers_with_the_calling_user()
    {
        var user = emulator.CreateUser("Care", "Coordinator");
        var response = (WhoAmIResponse)emulator.CreateOrganizationService(user).Execute(new WhoAmIRequest());
        Assert.Equal(user, response.UserId);
        Assert.Equal(emulator.RootBusinessUnitId, response.BusinessUnitId);
        Assert.Equal(emulator.OrganizationId, response.OrganizationId);
    }

    [Fact]
    public void Unsupported_requests_fail_naming_the_request()
    {
        var fault = Fault(() => Service.Execute(new OrganizationRequest("pj_NotRegistered")));
        Assert.Contains("pj_NotRegistered", fault.Message);
        Assert.Contains("'RetrieveSharedPrincipalsAndAccess' is not supported", Fault(() => Service.Execute(new OrganizationRequest("RetrieveSharedPrincipalsAndAccess") { ["Target"] = new EntityReference("contact", Guid.NewGuid()) })).Message);
    }

    [Fact]
    public void Activities_appear_in_activitypointer()
    {
        var id = Service.Create(new Entity("task") { ["subject"] = "Call patient", ["scheduledend"] = emulator.Clock.UtcNow.AddDays(1) });
        var pointer = emulator.Rows("activitypointer").Single();
        Assert.Equal(id, pointer.Id);
        Assert.Equal("task", pointer["activitytypecode"]);
        Assert.Equal("Call patient", pointer["subject"]);
        Assert.Equal(2, emulator.Rows("task").Single().GetAttributeValue<OptionSetValue>("statuscode").Value);
    }

    [Fact]
    public void A_custom_activity_gets_the_activity_columns_and_a_pointer()
    {
        var schema = new PatientJourney.Crm.Emulator.Metadata.SchemaBuilder().Table("pj_outreach", t => t.Activity().String("pj_script", 200)).Build();
        var custom = new DataverseEmulator(schema);
        var id = custom.CreateOrganizationService().Create(new Entity("pj_outreach") { ["subject"] = "Reminder", ["pj_script"] = "Hello" });
        Assert.Equal(id, custom.Rows("pj_outreach").Single()["activityid"]);
        Assert.Equal("pj_outreach", custom.Rows("activitypointer").Single()["activitytypecode"]);
    }
}
