using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Metadata;

public sealed class ValidationTests
{
    private readonly DataverseEmulator emulator = NewEmulator();

    private void AssertRejected(Entity journeyChange, params string[] messageParts)
    {
        var service = emulator.CreateOrganizationService();
        var patient = service.Patient();
        var journey = Journey(patient);
        foreach (var attribute in journeyChange.Attributes) journey[attribute.Key] = attribute.Value;
        var fault = Fault(() => service.Create(journey));
        foreach (var part in messageParts) Assert.Contains(part, fault.Message);
        Assert.Empty(emulator.Rows("pj_journey"));
    }

    [Fact]
    public void Unknown_column_is_rejected_naming_table_and_column()
    {
        AssertRejected(new Entity { ["pj_nosuchcolumn"] = "x" }, "pj_journey", "pj_nosuchcolumn");
        Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, emulator.LastRequest.Fault!.ErrorCode);
    }

    [Fact]
    public void Wrong_clr_type_is_rejected() => AssertRejected(new Entity { ["pj_status"] = 2 }, "pj_journey", "pj_status", "OptionSetValue");

    [Fact]
    public void Text_over_max_length_is_rejected() => AssertRejected(new Entity { ["pj_externalkey"] = new string('x', 51) }, "pj_journey", "pj_externalkey", "50");

    [Fact]
    public void Choice_value_outside_its_set_is_rejected() => AssertRejected(new Entity { ["pj_status"] = new OptionSetValue(9) }, "pj_journey", "pj_status");

    [Fact]
    public void Number_outside_its_range_is_rejected() => AssertRejected(new Entity { ["pj_score"] = 101 }, "pj_journey", "pj_score");

    [Fact]
    public void Lookup_to_a_table_the_column_does_not_target_is_rejected() =>
        AssertRejected(new Entity { ["pj_patientid"] = new EntityReference("account", System.Guid.NewGuid()) }, "pj_journey", "pj_patientid");

    [Fact]
    public void Missing_system_required_value_is_rejected()
    {
        var fault = Fault(() => emulator.CreateOrganizationService().Create(new Entity("pj_journey") { ["pj_name"] = "no patient" }));
        Assert.Contains("pj_patientid", fault.Message);
        Assert.Contains("pj_journey", fault.Message);
        Assert.Empty(emulator.Rows("pj_journey"));
    }

    [Fact]
    public void Clearing_a_system_required_value_on_update_is_rejected()
    {
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        var fault = Fault(() => service.Update(new Entity("pj_journey", id) { ["pj_patientid"] = null }));
        Assert.Contains("pj_patientid", fault.Message);
        Assert.NotNull(emulator.Rows("pj_journey")[0]["pj_patientid"]);
    }

    [Fact]
    public void Solution_columns_extend_platform_tables_which_keep_their_own_columns()
    {
        var service = emulator.CreateOrganizationService();
        var id = service.Create(new Entity("contact") { ["lastname"] = "Doe", ["pj_mrn"] = "MRN-1", ["emailaddress1"] = "jo@example.org" });
        Assert.Equal("MRN-1", service.Retrieve("contact", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("pj_mrn")).GetAttributeValue<string>("pj_mrn"));
        Assert.Contains("contact", Fault(() => service.Create(new Entity("contact") { ["pj_unknown"] = 1 })).Message);
    }

    [Fact]
    public void Unknown_table_is_rejected() =>
        Assert.Contains("pj_nosuchtable", Fault(() => emulator.CreateOrganizationService().Create(new Entity("pj_nosuchtable"))).Message);
}
