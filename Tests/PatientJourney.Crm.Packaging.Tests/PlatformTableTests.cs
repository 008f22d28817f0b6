using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Schema.Source;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>
/// contact and appointment are the platform's tables, shared by every app of the organisation: the package extends
/// them (columns, key, auditing) without renaming them, and the app opens them on complete forms of its own.
/// </summary>
public class PlatformTableTests
{
    private static XElement Customizations(int zip) => Xml(Unzip(Packed.Zips[zip].Bytes)["customizations.xml"]);

    private static XElement Entity(XElement customizations, string schemaName) =>
        customizations.Elements("Entities").Elements("Entity").Single(e => e.Element("Name")!.Value == schemaName);

    private static XElement Form(XElement customizations, string schemaName) => Entity(customizations, schemaName).Descendants("systemform").Single();

    private static List<string> FormColumns(XElement form) => form.Descendants("control").Select(c => (string)c.Attribute("datafieldname")!).ToList();

    private static string FormName(XElement form) => form.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value;

    [Theory]
    [InlineData(0, "Contact")]
    [InlineData(1, "Contact")]
    [InlineData(0, "Appointment")]
    [InlineData(1, "Appointment")]
    public void A_platform_table_is_a_shell_with_only_what_the_solution_adds(int zip, string schemaName)
    {
        var entity = Entity(Customizations(zip), schemaName);
        var name = entity.Element("Name")!;
        Assert.Equal(("", schemaName), ((string)name.Attribute("OriginalName")!, (string)name.Attribute("LocalizedName")!));
        var info = entity.Element("EntityInfo")!.Element("entity")!;
        var table = Solution.Schema.Table(schemaName.ToLowerInvariant())!;
        Assert.Equal(table.Keys.Count > 0 ? ["attributes", "EntityKeys"] : new[] { "attributes" }, info.Elements().Select(e => e.Name.LocalName));
        var attributes = info.Element("attributes")!.Elements("attribute").ToList();
        Assert.Equal(table.Columns.Where(c => c.IsCustom).Select(c => c.LogicalName).Order(), attributes.Select(a => a.Element("LogicalName")!.Value).Order());
        Assert.All(attributes, a => Assert.StartsWith("pj_", a.Element("LogicalName")!.Value, StringComparison.Ordinal));
        // Every column the solution adds to these tables holds patient data and is audited.
        Assert.All(attributes, a => Assert.Equal("1", a.Element("IsAuditEnabled")!.Value));
    }

    [Fact]
    public void Platform_tables_are_root_components_as_shells_with_their_forms()
    {
        var roots = Xml(Unzip(Packed.Zips[1].Bytes)["solution.xml"]).Descendants("RootComponent").ToList();
        foreach (var table in new[] { "contact", "appointment" })
        {
            Assert.Equal("2", (string)roots.Single(r => (string?)r.Attribute("type") == "1" && (string?)r.Attribute("schemaName") == table).Attribute("behavior")!);
            var formId = ComponentIds.Form(table, Solution.Schema.Table(table)!.AppDisplayName!).Braced();
            Assert.Contains(roots, r => (string?)r.Attribute("type") == "60" && (string?)r.Attribute("id") == formId);
        }
    }

    [Fact]
    public void Patient_is_the_name_of_the_apps_form_and_site_map_entry_not_of_the_table()
    {
        var c = Customizations(1);
        Assert.Equal("Patient", FormName(Form(c, "Contact")));
        Assert.Equal("Patient appointment", FormName(Form(c, "Appointment")));
        var contactEntry = c.Descendants("SubArea").Single(s => (string?)s.Attribute("Entity") == "contact");
        Assert.Equal("Patients", contactEntry.Element("Titles")!.Element("Title")!.Attribute("Title")!.Value);
        // Neither table carries a name of its own in the package: nothing for the import to rename.
        foreach (var table in new[] { "Contact", "Appointment" })
            Assert.DoesNotContain(Entity(c, table).Element("EntityInfo")!.Element("entity")!.Elements(), e => e.Name.LocalName is "LocalizedNames" or "LocalizedCollectionNames" or "Descriptions");
    }

    [Fact]
    public void The_patient_form_holds_the_whole_patient()
    {
        var columns = FormColumns(Form(Customizations(0), "Contact"));
        string[] expected =
        [
            "firstname", "lastname", "birthdate", "pj_mrn", "ownerid",
            "mobilephone", "telephone1", "emailaddress1", "address1_line1", "address1_city", "address1_stateorprovince", "address1_postalcode", "address1_country",
            "pj_preferredchannel", "pj_consentsms", "pj_consentemail", "pj_consentphone", "pj_consentportal", "pj_quiethoursstart", "pj_quiethoursend",
            "pj_appointmentcount", "pj_noshowcount", "pj_noshowrate", "pj_noshowriskestimate", "pj_noshowriskband", "pj_latestreadmissionriskscore", "pj_latestreadmissionriskband",
        ];
        Assert.Equal(expected, columns);
        var email = Form(Customizations(0), "Contact").Descendants("control").Single(c => (string?)c.Attribute("datafieldname") == "emailaddress1");
        Assert.Equal("{ADA2203E-B4CD-49be-9DDF-234642B43B52}", (string)email.Attribute("classid")!);
    }

    [Fact]
    public void The_appointment_form_holds_everything_needed_to_book_one()
    {
        var form = Form(Customizations(0), "Appointment");
        Assert.Equal(["subject", "pj_patientid", "scheduledstart", "scheduledend", "scheduleddurationminutes", "location", "ownerid", "pj_journeyid", "pj_referralid", "pj_attendance"], FormColumns(form));
        var duration = form.Descendants("control").Single(c => (string?)c.Attribute("datafieldname") == "scheduleddurationminutes");
        Assert.Equal("{AA987274-CE4E-4271-A803-66164311A958}", (string)duration.Attribute("classid")!);
    }

    [Fact]
    public void The_app_lists_the_complete_forms_and_not_the_platform_tables_views()
    {
        var app = Customizations(0).Descendants("AppModule").Single();
        var forms = app.Descendants("AppModuleComponent").Where(x => (string?)x.Attribute("type") == "60").Select(x => (string)x.Attribute("id")!).ToList();
        Assert.Contains(ComponentIds.Form("contact", "Patient").Braced(), forms);
        Assert.Contains(ComponentIds.Form("appointment", "Patient appointment").Braced(), forms);
        // Listing no view of a table keeps all of its views in the app.
        var views = app.Descendants("AppModuleComponent").Where(x => (string?)x.Attribute("type") == "26").Select(x => (string)x.Attribute("id")!).ToHashSet();
        var platformViews = Customizations(0).Elements("Entities").Elements("Entity").Where(e => e.Element("Name")!.Value is "Contact" or "Appointment")
            .Descendants("savedqueryid").Select(v => v.Value);
        Assert.NotEmpty(platformViews);
        Assert.DoesNotContain(platformViews, views.Contains);
    }

    [Fact]
    public void The_solutions_patient_views_travel_in_the_contact_shell()
    {
        var queries = Entity(Customizations(0), "Contact").Descendants("savedquery").ToDictionary(q => q.Element("LocalizedNames")!.Element("LocalizedName")!.Attribute("description")!.Value);
        Assert.Equal(["Active patients", "Patients at high no-show risk"], queries.Keys.Order());
        var highRisk = queries["Patients at high no-show risk"].Descendants("condition").Select(c => ((string)c.Attribute("attribute")!, (string?)c.Attribute("value")));
        Assert.Equal([("statecode", "0"), ("pj_noshowriskband", "827410002")], highRisk);
        Assert.Equal("fullname", (string)queries["Active patients"].Descendants("grid").Single().Attribute("jump")!);
    }

    [Fact]
    public void A_platform_table_description_in_the_source_is_refused()
    {
        var e = Assert.Throws<SolutionSourceException>(() => LoadEdited("tables/contact.yaml", t => t.Replace("pluralName: Contacts", "pluralName: Contacts\ndescription: A patient.")));
        Assert.Contains(e.Errors, x => x.File == "tables/contact.yaml" && x.Element == "description" && x.Message.Contains("platform's description"));
    }

    private static IReadOnlyList<Finding> CheckPlanted(Func<string, string> edit)
    {
        var entries = Unzip(Packed.Zips[1].Bytes);
        var text = Encoding.UTF8.GetString(entries["customizations.xml"]);
        var edited = edit(text);
        Assert.NotEqual(text, edited);
        entries["customizations.xml"] = Encoding.UTF8.GetBytes(edited);
        return ZipChecks.Run(Packer.Writing.PackageWriter.Zip(entries), SchemaFolder);
    }

    private static void AssertError(IReadOnlyList<Finding> findings, params string[] mentions) =>
        Assert.Contains(findings, f => f.Severity == Severity.Error && mentions.All(m => f.Message.Contains(m, StringComparison.Ordinal)));

    [Fact]
    public void A_system_table_rename_is_refused()
    {
        var renamed = CheckPlanted(t => t.Replace("<entity Name=\"Contact\">",
            "<entity Name=\"Contact\"><LocalizedNames><LocalizedName description=\"Patient\" languagecode=\"1033\" /></LocalizedNames>"));
        AssertError(renamed, "system table contact: the package renames it (LocalizedNames)", "every app of the organisation");
        var described = CheckPlanted(t => t.Replace("<entity Name=\"Appointment\">",
            "<entity Name=\"Appointment\"><Descriptions><Description description=\"A visit\" languagecode=\"1033\" /></Descriptions>"));
        AssertError(described, "system table appointment: the package renames it (Descriptions)");
        AssertError(CheckPlanted(t => t.Replace("OriginalName=\"\">Contact<", "OriginalName=\"Patient\">Contact<")), "system table contact", "OriginalName 'Patient'");
    }

    [Fact]
    public void A_system_table_setting_is_refused()
    {
        var findings = CheckPlanted(t => t.Replace("<entity Name=\"Contact\">", "<entity Name=\"Contact\"><IsAuditEnabled>0</IsAuditEnabled><IsQuickCreateEnabled>1</IsQuickCreateEnabled>"));
        var error = Assert.Single(findings, f => f.Severity == Severity.Error);
        Assert.Contains("system table contact: the package changes 2 table setting(s) (IsAuditEnabled, IsQuickCreateEnabled)", error.Message);
    }

    [Fact]
    public void Our_packages_carry_no_system_table_change_and_complete_app_forms() =>
        Assert.All(Packed.Zips, z => Assert.Empty(SystemTableChecks.Run(Xml(Unzip(z.Bytes)["customizations.xml"]), "pj")));

    [Fact]
    public void An_app_form_without_a_required_column_is_refused_naming_form_and_column()
    {
        var findings = CheckPlanted(t => t.Replace("datafieldname=\"lastname\"", "datafieldname=\"middlename\""));
        AssertError(findings, "form 'Patient' of contact", "lacks the required column lastname");
        var appointment = CheckPlanted(t => t.Replace("datafieldname=\"scheduledend\"", "datafieldname=\"actualend\""));
        AssertError(appointment, "form 'Patient appointment' of appointment", "lacks the required column scheduledend");
    }

    [Fact]
    public void The_build_refuses_an_app_form_without_a_required_column()
    {
        var source = LoadEdited("tables/appointment.yaml", t => t.Replace("columns: [subject, pj_patientid,", "columns: [pj_patientid,"));
        var result = Packer.Packer.Pack(WithFixtureHandler(source), [Fixture], SchemaFolder);
        Assert.Empty(result.Zips);
        // Reported once, though both packages carry the form.
        Assert.Single(result.Findings, f => f.Severity == Severity.Error && f.Message.Contains("form 'Patient appointment' of appointment") && f.Message.Contains("subject"));
    }
}
