using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests.Query;

/// <summary>Formatted values and lookup names on rows Retrieve, RetrieveMultiple and FetchXML return.</summary>
public sealed class FormattedValueTests
{
    internal static SolutionSchema Schema { get; } = new SchemaBuilder()
        .GlobalChoice("pj_channel", (1, "Phone"), (2, "Email"), (3, "In person"))
        .Table("pj_carepathway", t => t.PrimaryName("pj_name"))
        .Table("pj_journey", t => t
            .PrimaryName("pj_name")
            .Lookup("pj_patientid", "contact")
            .Lookup("pj_pathwayid", "pj_carepathway")
            .Choice("pj_priority", (1, "Routine"), (2, "Urgent"), (3, "Emergency"))
            .GlobalChoice("pj_channel", "pj_channel")
            .Column("pj_amount", ColumnType.Money)
            .Column("pj_consented", ColumnType.Boolean)
            .Date("pj_stageenteredon", DateTimeBehavior.UserLocal)
            .Date("pj_birthday", DateTimeBehavior.DateOnly)
            .Date("pj_clinicopens", DateTimeBehavior.TimeZoneIndependent))
        .OneToMany("pj_contact_journey", "contact", "pj_journey", "pj_patientid")
        .OneToMany("pj_pathway_journey", "pj_carepathway", "pj_journey", "pj_pathwayid")
        .Build();

    private readonly DataverseEmulator emulator = new(Schema);
    private readonly IOrganizationService service;
    private readonly Guid patient;
    private readonly Guid pathway;
    private readonly Guid journey;

    public FormattedValueTests()
    {
        service = emulator.CreateOrganizationService();
        patient = service.Create(new Entity("contact") { ["firstname"] = "Ada", ["lastname"] = "Lovelace" });
        pathway = service.Create(new Entity("pj_carepathway") { ["pj_name"] = "Hip replacement" });
        journey = service.Create(new Entity("pj_journey")
        {
            ["pj_name"] = "Ada's hip",
            // A name sent by the caller is not what Dataverse returns: it reads the referenced row's name.
            ["pj_patientid"] = new EntityReference("contact", patient) { Name = "stale" },
            ["pj_pathwayid"] = new EntityReference("pj_carepathway", pathway),
            ["pj_priority"] = new OptionSetValue(2),
            ["pj_channel"] = new OptionSetValue(3),
            ["pj_amount"] = new Money(1234.5m),
            ["pj_consented"] = true,
            ["pj_stageenteredon"] = new DateTime(2025, 1, 6, 23, 30, 0, DateTimeKind.Utc),
            ["pj_birthday"] = new DateTime(1990, 12, 10),
            ["pj_clinicopens"] = new DateTime(2025, 1, 6, 8, 0, 0),
        });
    }

    private Entity Retrieved() => service.Retrieve("pj_journey", journey, new ColumnSet(true));

    [Fact]
    public void Retrieve_formats_choices_lookups_money_dates_and_yes_no()
    {
        var row = Retrieved();
        Assert.Equal("Urgent", row.FormattedValues["pj_priority"]);
        Assert.Equal("In person", row.FormattedValues["pj_channel"]);
        Assert.Equal("Active", row.FormattedValues["statecode"]);
        Assert.Equal("Active", row.FormattedValues["statuscode"]);
        Assert.Equal("$1,234.50", row.FormattedValues["pj_amount"]);
        Assert.Equal("Yes", row.FormattedValues["pj_consented"]);
        Assert.Equal("1/6/2025 11:30 PM", row.FormattedValues["pj_stageenteredon"]);
        Assert.Equal("12/10/1990", row.FormattedValues["pj_birthday"]);
        Assert.Equal("Ada Lovelace", row.FormattedValues["pj_patientid"]);
        Assert.Equal("Emulator Administrator", row.FormattedValues["ownerid"]);
        Assert.False(row.FormattedValues.ContainsKey("pj_name"));
    }

    [Fact]
    public void Lookup_names_are_the_referenced_rows_names_at_retrieve_time()
    {
        Assert.Equal("Ada Lovelace", Retrieved().GetAttributeValue<EntityReference>("pj_patientid").Name);
        service.Update(new Entity("pj_carepathway", pathway) { ["pj_name"] = "Hip replacement (2025)" });
        var row = Retrieved();
        Assert.Equal("Hip replacement (2025)", row.GetAttributeValue<EntityReference>("pj_pathwayid").Name);
        Assert.Equal("Hip replacement (2025)", row.FormattedValues["pj_pathwayid"]);
        Assert.Equal("Emulator Administrator", row.GetAttributeValue<EntityReference>("createdby").Name);
    }

    [Fact]
    public void Dates_are_shown_in_the_callers_time_zone_unless_the_column_is_independent_of_it()
    {
        emulator.SetTimeZone(emulator.CallerId, TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02"));
        var row = Retrieved();
        Assert.Equal("1/7/2025 1:30 AM", row.FormattedValues["pj_stageenteredon"]);
        Assert.Equal("12/10/1990", row.FormattedValues["pj_birthday"]);
        Assert.Equal("1/6/2025 8:00 AM", row.FormattedValues["pj_clinicopens"]);
    }

    [Fact]
    public void Queries_and_fetch_return_formatted_values_also_for_linked_columns()
    {
        var query = new QueryExpression("pj_journey") { ColumnSet = new ColumnSet("pj_priority", "pj_patientid") };
        query.AddLink("pj_carepathway", "pj_pathwayid", "pj_carepathwayid").Columns = new ColumnSet("statecode");
        query.LinkEntities[0].EntityAlias = "pathway";
        var queried = service.RetrieveMultiple(query).Entities.Single();
        Assert.Equal("Urgent", queried.FormattedValues["pj_priority"]);
        Assert.Equal("Ada Lovelace", queried.GetAttributeValue<EntityReference>("pj_patientid").Name);
        Assert.Equal("Active", queried.FormattedValues["pathway.statecode"]);

        var fetched = service.RetrieveMultiple(new FetchExpression(
            "<fetch><entity name='pj_journey'><attribute name='pj_channel' /><attribute name='pj_consented' /><attribute name='pj_pathwayid' /></entity></fetch>")).Entities.Single();
        Assert.Equal("In person", fetched.FormattedValues["pj_channel"]);
        Assert.Equal("Yes", fetched.FormattedValues["pj_consented"]);
        Assert.Equal("Hip replacement", fetched.FormattedValues["pj_pathwayid"]);
    }

    [Fact]
    public void A_lookup_to_a_row_without_a_readable_name_gets_no_formatted_value()
    {
        service.Update(new Entity("pj_carepathway", pathway) { ["pj_name"] = null });
        var row = Retrieved();
        Assert.Null(row.GetAttributeValue<EntityReference>("pj_pathwayid").Name);
        Assert.False(row.FormattedValues.ContainsKey("pj_pathwayid"));
    }
}
