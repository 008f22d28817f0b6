using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PatientJourney.Crm.Packer.Checks;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>The app module as a 2025 export writes it, and roles that let their users open it.</summary>
public class AppModuleTests
{
    private static XElement Customizations(int zip) => Xml(Unzip(Packed.Zips[zip].Bytes)["customizations.xml"]);

    [Fact]
    public void The_app_module_has_the_fields_and_order_of_a_2025_export()
    {
        var app = Customizations(1).Descendants("AppModule").Single();
        Assert.Equal(
            ["UniqueName", "IntroducedVersion", "WebResourceId", "OptimizedFor", "statecode", "statuscode", "FormFactor", "ClientType", "NavigationType",
             "AppModuleComponents", "AppModuleRoleMaps", "LocalizedNames", "Descriptions", "appsettings"],
            app.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("", "0", "1", "0"), (app.Element("OptimizedFor")!.Value, app.Element("statecode")!.Value, app.Element("statuscode")!.Value, app.Element("NavigationType")!.Value));
        var setting = app.Element("appsettings")!.Elements("appsetting").Single();
        Assert.Equal(("AppChannel", "1"), ((string)setting.Attribute("settingdefinitionid.uniquename")!, setting.Element("value")!.Value));
    }

    [Fact]
    public void Every_role_given_the_app_carries_the_privileges_to_open_it()
    {
        var c = Customizations(0);
        var roles = c.Elements("Roles").Elements("Role").ToList();
        Assert.Equal(Solution.Roles.Count, roles.Count);
        foreach (var role in roles)
        {
            var privileges = role.Descendants("RolePrivilege").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("level")!);
            Assert.All(AppRoleChecks.AppOpenerPrivileges, p => Assert.Equal("Global", privileges[p]));
            Assert.Equal("Basic", privileges["prvWriteUserQuery"]);
            Assert.Equal("Local", privileges["prvWriteUserSettings"]);
        }
        Assert.Empty(AppRoleChecks.Run(c));
    }

    [Fact]
    public void A_role_without_the_base_privileges_is_refused_naming_role_and_privilege()
    {
        var entries = Unzip(Packed.Zips[0].Bytes);
        var text = Encoding.UTF8.GetString(entries["customizations.xml"]);
        var start = text.IndexOf("name=\"Front desk\"", StringComparison.Ordinal);
        var at = text.IndexOf("<RolePrivilege name=\"prvReadAppModule\" level=\"Global\" />", start, StringComparison.Ordinal);
        entries["customizations.xml"] = Encoding.UTF8.GetBytes(text.Remove(at, "<RolePrivilege name=\"prvReadAppModule\" level=\"Global\" />".Length));
        var findings = ZipChecks.Run(Packer.Writing.PackageWriter.Zip(entries), SchemaFolder);
        var error = Assert.Single(findings, f => f.Severity == Severity.Error);
        Assert.Contains("role 'Front desk'", error.Message);
        Assert.Contains("lacks prvReadAppModule", error.Message);
    }

    [Fact]
    public void An_invalid_element_after_a_newer_app_field_still_fails_xsd_validation()
    {
        // The newer fields are taken out before validating again, so a typo beside them is not hidden.
        var text = Encoding.UTF8.GetString(Unzip(Packed.Zips[0].Bytes)["customizations.xml"]);
        var planted = text.Replace("<NavigationType>0</NavigationType>", "<NavigationType>0</NavigationType><FormFactr>1</FormFactr>");
        Assert.NotEqual(text, planted);
        var findings = new XsdValidator(SchemaFolder).Validate(Encoding.UTF8.GetBytes(planted));
        Assert.Contains(findings, f => f.Severity == Severity.Error && f.Message.Contains("FormFactr"));
    }
}
