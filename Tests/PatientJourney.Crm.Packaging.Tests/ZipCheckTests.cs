using System;
using System.Linq;
using System.Text;
using PatientJourney.Crm.Packer.Checks;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

public class ZipCheckTests
{
    [Theory]
    [InlineData("ColumnLevelSecuritySampleSolution")]
    [InlineData("ColumnLevelSecuritySampleSolution_managed")]
    [InlineData("IsSystemAdminFunction_1_0_0_0_managed")]
    public void Golden_exports_pass_with_newer_elements_as_warnings(string golden)
    {
        var findings = ZipChecks.Run(ZipGolden(golden), SchemaFolder);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        if (golden.StartsWith("ColumnLevel", StringComparison.Ordinal))
        {
            Assert.Contains(findings, f => f.Message.Contains("'AutoNumberFormat' is newer"));
            Assert.Contains(findings, f => f.Message.Contains("'CascadeArchive' is newer"));
        }
    }

    [Fact]
    public void Our_packages_pass_the_zip_checks() =>
        Assert.All(Packed.Zips, z => Assert.DoesNotContain(ZipChecks.Run(z.Bytes, SchemaFolder), f => f.Severity == Severity.Error));

    private static byte[] Planted(Func<string, string> editCustomizations)
    {
        var entries = Unzip(Packed.Zips[0].Bytes);
        var text = Encoding.UTF8.GetString(entries["customizations.xml"]);
        var edited = editCustomizations(text);
        Assert.NotEqual(text, edited);
        entries["customizations.xml"] = Encoding.UTF8.GetBytes(edited);
        return Packer.Writing.PackageWriter.Zip(entries);
    }

    [Fact]
    public void An_unknown_element_fails_xsd_validation() =>
        Assert.Contains(ZipChecks.Run(Planted(t => t.Replace("<IsSecured>0</IsSecured>", "<IsSecret>0</IsSecret>")), SchemaFolder),
            f => f.Severity == Severity.Error && f.Message.Contains("IsSecret"));

    [Fact]
    public void An_update_step_without_filtering_fails_the_zip_check() =>
        Assert.Contains(ZipChecks.Run(Planted(t => t.Replace("<FilteringAttributes>pj_currentstageid,pj_status</FilteringAttributes>", "<FilteringAttributes></FilteringAttributes>")), SchemaFolder),
            f => f.Severity == Severity.Error && f.Message.Contains("Update of pj_journey"));

    [Fact]
    public void A_foreign_prefix_fails_the_zip_check() =>
        Assert.Contains(ZipChecks.Run(Planted(t => t.Replace("<UniqueName>pj_PatientJourney</UniqueName>", "<UniqueName>new_PatientJourney</UniqueName>")), SchemaFolder),
            f => f.Severity == Severity.Error && f.Message.Contains("new_PatientJourney"));
}
