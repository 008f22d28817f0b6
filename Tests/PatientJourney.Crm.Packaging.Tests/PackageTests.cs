using System;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Identity;
using PatientJourney.Crm.Schema;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

public class PackageTests
{
    private static XElement Customizations(bool managed) => Xml(Unzip(Packed.Zips[managed ? 1 : 0].Bytes)["customizations.xml"]);

    /// <summary>The 2025 app module fields (platform-fidelity.md §4.4) are the only elements the 9.0.0.2090 schema predates.</summary>
    private static readonly string[] NewerAppModuleFields = ["OptimizedFor", "statecode", "statuscode", "NavigationType", "appsettings"];

    [Fact]
    public void Packing_succeeds_with_an_xsd_valid_customizations_file()
    {
        Assert.DoesNotContain(Packed.Findings, f => f.Severity == Severity.Error);
        Assert.DoesNotContain(Packed.Findings, f => f.Message.Contains("XSD"));
        Assert.Equal(2, Packed.Zips.Count);
        foreach (var (_, bytes) in Packed.Zips)
        {
            var findings = new XsdValidator(SchemaFolder).Validate(Unzip(bytes)["customizations.xml"]);
            Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
            Assert.Equal(NewerAppModuleFields, findings.Select(f => NewerAppModuleFields.Single(n => f.Message.Contains($"'{n}' is newer"))));
        }
    }

    [Fact]
    public void Packing_twice_gives_identical_bytes()
    {
        var again = Packer.Packer.Pack(WithFixtureHandler(Solution), [Fixture], SchemaFolder);
        Assert.Equal(Packed.Zips.Select(z => z.Name), again.Zips.Select(z => z.Name));
        for (var i = 0; i < again.Zips.Count; i++) Assert.Equal(Packed.Zips[i].Bytes, again.Zips[i].Bytes);
    }

    [Fact]
    public void Zip_names_and_managed_flag_follow_the_version()
    {
        Assert.Equal(["PatientJourney_1_0_0_0.zip", "PatientJourney_1_0_0_0_managed.zip"], Packed.Zips.Select(z => z.Name));
        Assert.Equal("0", Xml(Unzip(Packed.Zips[0].Bytes)["solution.xml"]).Descendants("Managed").Single().Value);
        Assert.Equal("1", Xml(Unzip(Packed.Zips[1].Bytes)["solution.xml"]).Descendants("Managed").Single().Value);
    }

    [Fact]
    public void Every_table_and_column_of_the_source_is_in_the_zip()
    {
        var entities = Customizations(false).Elements("Entities").Elements("Entity").ToDictionary(e => e.Element("Name")!.Value);
        foreach (var table in Solution.Schema.Tables)
        {
            var entity = entities[table.SchemaName!];
            var attributes = entity.Element("EntityInfo")!.Element("entity")!.Element("attributes")!.Elements("attribute").ToDictionary(a => a.Element("LogicalName")!.Value);
            foreach (var column in table.Columns.Where(c => table.IsCustom || c.IsCustom))
            {
                var a = attributes[column.LogicalName];
                Assert.Equal(column.IsAudited ? "1" : "0", a.Element("IsAuditEnabled")!.Value);
                Assert.Equal(column.IsSecured ? "1" : "0", a.Element("IsSecured")!.Value);
            }
            Assert.Equal(table.Keys.Select(k => k.LogicalName), entity.Descendants("EntityKey").Select(k => k.Element("LogicalName")!.Value));
            Assert.Single(entity.Descendants("systemform"));
            Assert.Equal(table.Views.Count + (table.IsCustom ? 6 : 0), entity.Descendants("savedquery").Count());
        }
    }

    [Fact]
    public void Every_relationship_role_profile_and_choice_is_in_the_zip()
    {
        var c = Customizations(false);
        var relationships = c.Descendants("EntityRelationship").Select(r => (string)r.Attribute("Name")!).ToHashSet();
        Assert.All(Solution.Schema.Relationships, r => Assert.Contains(r.SchemaName, relationships));
        Assert.Equal(Solution.Roles.Select(r => r.Name), c.Descendants("Role").Where(r => r.Attribute("name") != null).Select(r => (string)r.Attribute("name")!));
        var profile = c.Descendants("FieldSecurityProfile").Single();
        Assert.Equal(Solution.FieldSecurityProfiles.Single().Permissions.Count, profile.Descendants("FieldPermission").Count());
        Assert.Equal(Solution.Schema.GlobalChoices.Select(g => g.Name), c.Element("optionsets")!.Elements().Select(o => (string)o.Attribute("Name")!));
        var roots = Xml(Unzip(Packed.Zips[0].Bytes)["solution.xml"]).Descendants("RootComponent").ToList();
        Assert.All(Solution.Roles, r => Assert.Contains(roots, x => (string?)x.Attribute("id") == ComponentIds.Role(r.Name).Braced()));
    }

    [Fact]
    public void The_app_and_its_site_map_have_the_three_areas_and_every_table()
    {
        var c = Customizations(false);
        var app = c.Descendants("AppModule").Single();
        Assert.Equal("pj_PatientJourney", app.Element("UniqueName")!.Value);
        var tables = app.Descendants("AppModuleComponent").Where(x => (string)x.Attribute("type")! == "1").Select(x => (string)x.Attribute("schemaName")!);
        Assert.Equal(Solution.Schema.Tables.Select(t => t.LogicalName).Order(), tables.Order());
        Assert.Equal(5, app.Descendants("Role").Count());
        var areas = c.Descendants("AppModuleSiteMap").Descendants("Area").Select(a => a.Element("Titles")!.Element("Title")!.Attribute("Title")!.Value);
        Assert.Equal(["Care", "Insights", "Configuration"], areas);
    }

    [Fact]
    public void Steps_and_images_from_the_assembly_are_in_the_zip()
    {
        var c = Customizations(false);
        var steps = c.Descendants("SdkMessageProcessingStep").ToList();
        Assert.Equal(Fixture.Types.SelectMany(t => t.Steps).Count(), steps.Count);
        var update = steps.Single(s => s.Element("PrimaryEntity")!.Value == "pj_journey");
        Assert.Equal("pj_currentstageid,pj_status", update.Element("FilteringAttributes")!.Value);
        Assert.Equal("20bebb1b-ea3e-db11-86a7-000a3a5473e8", update.Element("SdkMessageId")!.Value);
        Assert.Equal("2", update.Element("Rank")!.Value);
        var image = update.Descendants("SdkMessageProcessingStepImage").Single();
        Assert.Equal(("PreImage", "0", "pj_currentstageid,pj_status"), (image.Element("EntityAlias")!.Value, image.Element("ImageType")!.Value, image.Element("Attributes")!.Value));
        var types = c.Descendants("PluginType").Select(t => (string)t.Attribute("Name")!).ToList();
        Assert.Contains("PatientJourney.Crm.Plugins.CustomApis.AdvanceJourney", types);
        Assert.DoesNotContain("PatientJourney.Crm.Fixtures.Steps.FixturePluginBase", types);
        var entries = Unzip(Packed.Zips[0].Bytes);
        Assert.Contains(entries.Keys, k => k.StartsWith("PluginAssemblies/PatientJourney.Crm.Fixtures.Steps-", StringComparison.Ordinal) && k.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Custom_apis_and_environment_variables_are_folders_in_the_zip()
    {
        var entries = Unzip(Packed.Zips[0].Bytes);
        foreach (var api in Solution.CustomApis)
        {
            var xml = Xml(entries[$"customapis/{api.UniqueName}/customapi.xml"]);
            Assert.Equal(api.IsFunction ? "1" : "0", xml.Element("isfunction")!.Value);
            foreach (var p in api.RequestParameters) Assert.Contains($"customapis/{api.UniqueName}/customapirequestparameters/{p.UniqueName}/customapirequestparameter.xml", entries.Keys);
            foreach (var p in api.ResponseProperties)
                Assert.Null(Xml(entries[$"customapis/{api.UniqueName}/customapiresponseproperties/{p.UniqueName}/customapiresponseproperty.xml"]).Element("isoptional"));
        }
        var linked = Xml(entries["customapis/pj_AdvanceJourney/customapi.xml"]).Element("plugintypeid")!.Element("plugintypeid")!.Value;
        Assert.Equal(ComponentIds.PluginType("PatientJourney.Crm.Plugins.CustomApis.AdvanceJourney").ToString(), linked);
        foreach (var v in Solution.EnvironmentVariables)
            Assert.Equal(v.DefaultValue, Xml(entries[$"environmentvariabledefinitions/{v.SchemaName}/environmentvariabledefinition.xml"]).Element("defaultvalue")!.Value);
        Assert.Contains("<Default Extension=\"dll\"", System.Text.Encoding.UTF8.GetString(entries["[Content_Types].xml"]));
    }

    [Theory]
    [InlineData("attribute")]
    [InlineData("Role")]
    [InlineData("FieldSecurityProfile")]
    [InlineData("EntityRelationship")]
    [InlineData("savedquery")]
    [InlineData("systemform")]
    [InlineData("PluginAssembly")]
    [InlineData("RibbonDiffXml")]
    public void Components_have_the_exported_shape_of_the_golden_examples(string element)
    {
        // Every child element we write also appears on the same kind of element in a real export.
        var golden = new[] { "ColumnLevelSecuritySampleSolution", "IsSystemAdminFunction_1_0_0_0_managed" }
            .SelectMany(g => Xml(System.IO.File.ReadAllBytes(System.IO.Path.Combine(GoldenFolder, g, "customizations.xml"))).Descendants(element))
            .SelectMany(e => e.Elements().Select(x => x.Name.LocalName)).ToHashSet();
        Assert.NotEmpty(golden);
        var ours = Customizations(false).Descendants(element).SelectMany(e => e.Elements().Select(x => x.Name.LocalName)).ToHashSet();
        // Keys, option-set names of global choices and relationship roles are absent from these goldens but in the XSD.
        ours.ExceptWith(["EntityKeys", "OptionSetName", "EntityRelationshipRoles", "IntroducedVersion", "Accuracy", "AppDefaultValue", "optionset"]);
        Assert.Empty(ours.Except(golden));
    }

    [Fact]
    public void Choice_values_lie_in_the_publisher_range()
    {
        var p = Solution.Publisher;
        var values = Solution.Schema.Tables.SelectMany(t => t.Columns).Where(c => c.IsCustom && c.Type is ColumnType.Choice or ColumnType.MultiChoice)
            .SelectMany(c => c.Choice!.Options).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.InRange(v, p.FirstOptionValue, p.LastOptionValue));
    }
}
