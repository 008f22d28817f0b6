using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>The roles and the field security profile the emulator enforces are the ones the shipped zip carries.</summary>
public class SecurityImportScenarios
{
    [Fact]
    public void Every_shipped_role_arrives_with_its_privileges_and_the_profile_with_its_columns()
    {
        var package = ShippedSolution.Package;
        var source = ShippedSolution.Definition;
        Assert.Equal(source.Roles.Select(r => r.Name), package.Roles.Select(r => r.Name));
        var coordinator = package.Roles.Single(r => r.Name == "Care coordinator");
        Assert.Equal(PrivilegeDepth.BusinessUnit, coordinator.Depth("prvWritepj_Journey"));
        Assert.Equal(PrivilegeDepth.Organization, coordinator.Depth("prvReadpj_CarePathway"));
        Assert.Null(coordinator.Depth("prvDeletepj_Journey"));
        var profile = Assert.Single(package.FieldSecurityProfiles);
        Assert.Equal(source.FieldSecurityProfiles.Single().Permissions.Select(p => (p.Table, p.Column)), profile.Permissions.Select(p => (p.Table, p.Column)));

        var env = new ScenarioEnvironment();
        Assert.All(source.Roles, r => Assert.NotEqual(Guid.Empty, env.Emulator.RoleId(r.Name)));
        Assert.NotEqual(Guid.Empty, env.Emulator.FieldSecurityProfileId(Organisation.ClinicalNotesProfile));
    }

    [Fact]
    public void A_role_with_an_unknown_level_or_a_profile_on_a_missing_column_is_refused()
    {
        var broken = ShippedZipTests.Edit(ShippedSolution.ManagedZip, new Dictionary<string, Action<XDocument>>
        {
            ["customizations.xml"] = x =>
            {
                x.Descendants("RolePrivilege").First().Attribute("level")!.Value = "Everywhere";
                x.Descendants("FieldPermission").First().Element("AttributeName")!.Value = "pj_ghostcolumn";
            },
        });

        var error = Assert.Throws<SolutionImportException>(() => ShippedSolution.Read(broken));

        Assert.True(error.Problems.Count == 2, error.Message);
        Assert.Contains(error.Problems, p => p.StartsWith("customizations.xml: role ", StringComparison.Ordinal) && p.Contains("level 'Everywhere'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("field security profile Patient Journey clinical notes", StringComparison.Ordinal) && p.Contains("pj_ghostcolumn", StringComparison.Ordinal));
    }
}
