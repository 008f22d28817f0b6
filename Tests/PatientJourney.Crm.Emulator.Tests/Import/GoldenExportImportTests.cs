using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Schema;
using PatientJourney.Crm.Testing;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Import;

/// <summary>The importer reads real Dataverse exports (../shared/reference/golden), and refuses broken zips naming every problem.</summary>
public sealed class GoldenExportImportTests
{
    /// <summary>A golden export folder zipped as Dataverse exports it (binaries the folder omits stay omitted).</summary>
    private static byte[] Golden(string name, Func<string, bool>? keep = null)
    {
        var folder = Path.Combine(RepoPaths.SharedReference, "golden", name);
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var entryName = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (keep != null && !keep(entryName)) continue;
                using var entry = zip.CreateEntry(entryName).Open();
                entry.Write(File.ReadAllBytes(file));
            }
        }
        return stream.ToArray();
    }

    [Fact]
    public void A_real_export_of_a_custom_table_imports_with_its_columns_and_system_lookups()
    {
        var package = SolutionPackage.Read(Golden("ColumnLevelSecuritySampleSolution"));

        var table = Assert.Single(package.Schema.Tables);
        Assert.Equal(("sample_example", "sample_exampleid", "sample_name", true), (table.LogicalName, table.PrimaryIdColumn, table.PrimaryNameColumn, table.IsCustom));
        Assert.Equal(100, table.Column("sample_email")!.MaxLength);
        Assert.Equal(["systemuser", "team"], table.Column("ownerid")!.Targets.Order());
        Assert.Equal(["systemuser"], table.Column("createdby")!.Targets);
        Assert.Empty(package.Schema.Relationships);
        Assert.False(package.IsManaged);
    }

    [Fact]
    public void An_imported_real_export_enforces_its_column_lengths()
    {
        var service = DataverseEmulator.ImportSolution(new MemoryStream(Golden("ColumnLevelSecuritySampleSolution"))).CreateOrganizationService();

        var id = service.Create(new Entity("sample_example") { ["sample_name"] = "Example", ["sample_email"] = "a@example.org" });
        var fault = Fault(() => service.Create(new Entity("sample_example") { ["sample_email"] = new string('x', 101) }));

        Assert.NotEqual(Guid.Empty, id);
        Assert.Contains("'sample_email' attribute of the 'sample_example' entity exceeded the maximum allowed length of '100'", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_export_whose_plug_in_is_not_loaded_is_refused_naming_each_problem()
    {
        // The export's custom API is handled by PowerApps.Samples.IsSystemAdmin, which no loaded assembly has; its
        // plug-in binary is not in the golden folder either.
        var error = Assert.Throws<SolutionImportException>(() => SolutionPackage.Read(Golden("IsSystemAdminFunction_1_0_0_0_managed"), typeof(GoldenExportImportTests).Assembly));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("customizations.xml: plug-in assembly IsSystemAdminCustomAPI, Version=1.0.0.0, Culture=neutral, PublicKeyToken=a3200e286681d8ab: its FileName 'PluginAssemblies/IsSystemAdminCustomAPI-F422A5E8-69FD-46FF-92AD-4B0526120859/IsSystemAdminCustomAPI.dll' is not in the zip", error.Problems);
        Assert.Contains("customapis/sample_IsSystemAdmin/customapi.xml: custom API sample_IsSystemAdmin: plug-in type 'PowerApps.Samples.IsSystemAdmin' is not in the loaded plug-in assemblies", error.Problems);
    }

    [Fact]
    public void A_zip_without_customizations_is_refused_with_the_platforms_message()
    {
        var error = Assert.Throws<SolutionImportException>(() => SolutionPackage.Read(Golden("ColumnLevelSecuritySampleSolution", keep: f => f != "customizations.xml")));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("The compressed file must contain the following files at its root: solution.xml, customizations.xml, and [Content_Types].xml.", problem, StringComparison.Ordinal);
        Assert.StartsWith("customizations.xml: package:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        var error = Assert.Throws<SolutionImportException>(() => SolutionPackage.Read("not a zip"u8.ToArray()));

        Assert.StartsWith("(zip): package: is not a readable zip file", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_imported_package_resets_to_its_imported_state()
    {
        var emulator = DataverseEmulator.ImportSolution(SolutionPackage.Read(Golden("ColumnLevelSecuritySampleSolution")));
        emulator.CreateOrganizationService().Create(new Entity("sample_example") { ["sample_name"] = "temporary" });

        emulator.Reset();

        Assert.Empty(emulator.Rows("sample_example"));
        Assert.Equal(OwnershipType.User, emulator.Metadata.Table("sample_example").Definition.Ownership);
    }
}
