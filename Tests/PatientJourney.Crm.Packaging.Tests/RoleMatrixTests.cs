using System;
using System.IO;
using PatientJourney.Crm.Packer.Documentation;
using PatientJourney.Crm.Testing;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

public class RoleMatrixTests
{
    /// <summary>Fails when README.md's role matrix no longer matches Solution/security/. Set PJ_UPDATE_GENERATED=1 to rewrite it.</summary>
    [Fact]
    public void The_role_matrix_in_the_README_matches_the_roles_that_ship()
    {
        var path = Path.Combine(RepoPaths.Root, "README.md");
        var readme = File.ReadAllText(path);
        var expected = RoleMatrix.Replace(readme, RoleMatrix.Generate(Solution));
        if (Environment.GetEnvironmentVariable("PJ_UPDATE_GENERATED") == "1") File.WriteAllText(path, expected);
        Assert.True(File.ReadAllText(path) == expected, "The role matrix in README.md is stale: run `dotnet run --project tools/Packer -- roles` or the tests with PJ_UPDATE_GENERATED=1.");
    }

    [Fact]
    public void The_matrix_gives_each_role_its_depths_and_the_clinical_columns_it_reads()
    {
        var matrix = RoleMatrix.Generate(Solution);
        Assert.Contains("| `pj_carepathway` | Org | Org | Org | Org | Org | Org | Org | Org |", matrix);
        Assert.Contains("| `pj_referral.pj_reason` | read | read | no | no | no |", matrix);
        Assert.StartsWith(RoleMatrix.StartMarker, matrix, StringComparison.Ordinal);
        Assert.EndsWith(RoleMatrix.EndMarker, matrix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_README_without_the_section_is_refused_with_the_markers_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RoleMatrix.Replace("# README\n", RoleMatrix.Generate(Solution)));
        Assert.Contains(RoleMatrix.StartMarker, error.Message, StringComparison.Ordinal);
    }
}
