using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Data;

[PluginStep("Create", "pj_touchpoint", PipelineStage.PostOperation, ExecutionMode.Synchronous)]
public sealed class TraceCreateTarget : PluginBase
{
    protected override void Execute(LocalPluginContext context) =>
        context.Trace(string.Join(";", context.Target.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Values(a.Value))));

    private static string Values(object value) => value switch
    {
        EntityReference r => r.LogicalName + ":" + r.Id,
        OptionSetValue o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>Writes as strict as Dataverse makes them: what is stored, what is filled in, what is refused.</summary>
public sealed class StrictWriteTests
{
    private readonly DataverseEmulator emulator = NewEmulator();
    private IOrganizationService Service => emulator.CreateOrganizationService();

    private Entity Stored(string table, Guid id) => emulator.Rows(table).Single(r => r.Id == id);

    [Fact]
    public void An_empty_string_is_stored_as_null_on_create_and_on_update()
    {
        var journey = Journey(Service.Patient());
        journey["pj_notes"] = "";
        var id = Service.Create(journey);
        Assert.False(Stored("pj_journey", id).Contains("pj_notes"));

        Service.Update(new Entity("pj_journey", id) { ["pj_notes"] = "Seen in clinic" });
        Service.Update(new Entity("pj_journey", id) { ["pj_notes"] = "" });

        Assert.False(Stored("pj_journey", id).Contains("pj_notes"));
    }

    [Fact]
    public void A_yes_no_column_left_out_on_create_gets_its_default_and_a_given_value_is_kept()
    {
        var defaulted = Service.Patient();
        var given = Service.Create(new Entity("contact") { ["lastname"] = "Doe", ["donotemail"] = true });

        Assert.False((bool)Stored("contact", defaulted)["donotemail"]);
        Assert.True((bool)Stored("contact", given)["donotemail"]);
    }

    [Fact]
    public void The_PostOperation_Target_of_a_Create_carries_owner_audit_and_state_columns()
    {
        var traced = NewEmulator(typeof(TraceCreateTarget));
        var journey = traced.CreateOrganizationService().NewJourney();

        traced.CreateOrganizationService().Create(new Entity("pj_touchpoint") { ["pj_name"] = "Call", ["pj_journeyid"] = new EntityReference("pj_journey", journey) });

        var caller = "systemuser:" + traced.CallerId;
        var now = traced.Clock.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var line = Assert.Single(traced.LastRequest.PluginExecutions).TraceLines.Single(l => l.Contains("createdby=", StringComparison.Ordinal));
        foreach (var expected in new[] { "createdby=" + caller, "createdon=" + now, "modifiedby=" + caller, "modifiedon=" + now, "ownerid=" + caller, "statecode=0", "statuscode=1" })
        {
            Assert.Contains(expected, line.Split(';'));
        }
    }

    [Fact]
    public void Created_by_and_modified_by_name_the_calling_user_and_SYSTEM_only_when_SYSTEM_writes()
    {
        var user = Service.Create(new Entity("systemuser") { ["firstname"] = "Care", ["lastname"] = "Coordinator", ["businessunitid"] = new EntityReference("businessunit", emulator.RootBusinessUnitId) });
        Service.Associate("systemuser", user, new Relationship("systemuserroles_association"), [new EntityReference("role", emulator.RoleId(PlatformRoles.SystemAdministratorName))]);

        var byUser = emulator.CreateOrganizationService(user).NewJourney();
        var bySystem = emulator.CreateOrganizationService(emulator.SystemUserId).NewJourney();

        Assert.Equal(user, Stored("pj_journey", byUser).GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(user, Stored("pj_journey", byUser).GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.Equal(emulator.SystemUserId, Stored("pj_journey", bySystem).GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void A_lookup_to_a_row_that_does_not_exist_is_refused_on_create_and_update_and_nothing_is_written()
    {
        var missing = Guid.NewGuid();
        var journey = Service.NewJourney();
        var rowsBefore = emulator.Rows("pj_touchpoint").Count;

        var onCreate = Fault(() => Service.Create(new Entity("pj_touchpoint") { ["pj_name"] = "Call", ["pj_journeyid"] = new EntityReference("pj_journey", missing) }));
        var onUpdate = Fault(() => Service.Update(new Entity("pj_journey", journey) { ["pj_patientid"] = new EntityReference("contact", missing) }));
        var onOwner = Fault(() => Service.Update(new Entity("pj_journey", journey) { ["ownerid"] = new EntityReference("systemuser", missing) }));

        Assert.Equal((ErrorCodes.ObjectDoesNotExist, $"pj_journey With Id = {missing} Does Not Exist"), (onCreate.ErrorCode, onCreate.Message));
        Assert.Equal((ErrorCodes.ObjectDoesNotExist, $"contact With Id = {missing} Does Not Exist"), (onUpdate.ErrorCode, onUpdate.Message));
        Assert.Equal(ErrorCodes.ObjectDoesNotExist, onOwner.ErrorCode);
        Assert.Equal(rowsBefore, emulator.Rows("pj_touchpoint").Count);
        Assert.NotEqual(missing, Stored("pj_journey", journey).GetAttributeValue<EntityReference>("pj_patientid").Id);
    }

    [Fact]
    public void A_lookup_given_by_alternate_key_is_stored_as_the_rows_id_and_an_unknown_key_is_refused()
    {
        var patient = Service.Create(new Entity("contact") { ["lastname"] = "Doe", ["pj_mrn"] = "MRN-1" });

        var id = Service.Create(new Entity("pj_journey") { ["pj_name"] = "j", ["pj_patientid"] = new EntityReference("contact", "pj_mrn", "MRN-1") });
        var unknown = Fault(() => Service.Create(new Entity("pj_journey") { ["pj_name"] = "j", ["pj_patientid"] = new EntityReference("contact", "pj_mrn", "MRN-2") }));

        Assert.Equal(new EntityReference("contact", patient), Stored("pj_journey", id)["pj_patientid"]);
        Assert.Equal(ErrorCodes.RecordNotFoundByEntityKey, unknown.ErrorCode);
    }

    [Fact]
    public void A_date_before_1753_is_refused_without_echoing_the_value()
    {
        var journey = Journey(Service.Patient());
        journey["pj_stageenteredon"] = new DateTime(1752, 12, 31, 0, 0, 0, DateTimeKind.Utc);

        var fault = Fault(() => Service.Create(journey));

        Assert.Equal(unchecked((int)0x80040239), fault.ErrorCode);
        Assert.Contains("'pj_stageenteredon' of table 'pj_journey'", fault.Message);
        Assert.DoesNotContain("1752", fault.Message);
        Assert.Empty(emulator.Rows("pj_journey"));
    }

    [Fact]
    public void Date_times_are_stored_to_whole_seconds()
    {
        emulator.Clock.Set(new DateTime(2026, 3, 2, 8, 15, 30, 250, DateTimeKind.Utc));
        var journey = Journey(Service.Patient());
        journey["pj_stageenteredon"] = new DateTime(2026, 3, 1, 10, 0, 0, 678, DateTimeKind.Utc);

        var row = Service.Retrieve("pj_journey", Service.Create(journey), new ColumnSet("pj_stageenteredon", "createdon", "modifiedon"));

        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), row["pj_stageenteredon"]);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 30, DateTimeKind.Utc), row["createdon"]);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 30, DateTimeKind.Utc), row["modifiedon"]);
    }

    [Fact]
    public void Update_with_a_null_owner_is_refused_with_a_fault_and_the_row_keeps_its_owner()
    {
        var journey = Service.NewJourney();

        var fault = Fault(() => Service.Update(new Entity("pj_journey", journey) { ["ownerid"] = null }));

        Assert.Equal(ErrorCodes.InvalidArgument, fault.ErrorCode);
        Assert.Contains("ownerid cannot be set to null", fault.Message);
        Assert.Equal(emulator.CallerId, Stored("pj_journey", journey).GetAttributeValue<EntityReference>("ownerid").Id);
    }
}
