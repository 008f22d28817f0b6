using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.Tests;

/// <summary>A small schema in the shape of the solution's, built once for all tests.</summary>
internal static class TestSchema
{
    public static SolutionSchema Schema { get; } = new SchemaBuilder()
        .Table("contact", t => t.String("pj_mrn", 20).Key("pj_contact_mrn", "pj_mrn"), isCustom: false)
        .Table("pj_journey", t => t
            .PrimaryName("pj_name")
            .Lookup("pj_patientid", "contact", RequiredLevel.SystemRequired)
            .Choice("pj_status", [1, 2, 3])
            .Integer("pj_score", min: 0, max: 100)
            .Integer("pj_counter")
            .Column("pj_amount", ColumnType.Money)
            .Column("pj_stageenteredon", ColumnType.DateTime)
            .String("pj_externalkey", 50)
            .Memo("pj_notes", 2000)
            .Key("pj_journey_externalkey", "pj_externalkey"))
        .Table("pj_touchpoint", t => t
            .PrimaryName("pj_name")
            .Lookup("pj_journeyid", "pj_journey")
            .Choice("pj_channel", [1, 2, 3, 4])
            .Column("pj_occurredon", ColumnType.DateTime)
            .Integer("pj_sentiment"))
        .Table("pj_stagevisit", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_followup", t => t.PrimaryName("pj_name").Lookup("pj_journeyid", "pj_journey"))
        .Table("pj_tag", t => t.PrimaryName("pj_name"))
        .OneToMany("pj_contact_journey", "contact", "pj_journey", "pj_patientid", DeleteBehavior.Cascade)
        .OneToMany("pj_journey_touchpoint", "pj_journey", "pj_touchpoint", "pj_journeyid", DeleteBehavior.Cascade)
        .OneToMany("pj_journey_stagevisit", "pj_journey", "pj_stagevisit", "pj_journeyid", DeleteBehavior.Restrict)
        .OneToMany("pj_journey_followup", "pj_journey", "pj_followup", "pj_journeyid", DeleteBehavior.RemoveLink)
        .ManyToMany("pj_journey_tag", "pj_journey", "pj_tag")
        .Build();

    public static DataverseEmulator NewEmulator(params Type[] plugins)
    {
        var emulator = new DataverseEmulator(Schema);
        foreach (var plugin in plugins) emulator.RegisterPlugin(plugin);
        return emulator;
    }

    public static Guid Patient(this IOrganizationService service, string lastName = "Doe") =>
        service.Create(new Entity("contact") { ["firstname"] = "Jo", ["lastname"] = lastName });

    public static Entity Journey(Guid patientId, string name = "Hip replacement") =>
        new("pj_journey") { ["pj_name"] = name, ["pj_patientid"] = new EntityReference("contact", patientId) };

    public static Guid NewJourney(this IOrganizationService service, string name = "Hip replacement") =>
        service.Create(Journey(service.Patient(), name));

    public static DataverseFaultException Fault(Action action) => Assert.Throws<DataverseFaultException>(action);
}
