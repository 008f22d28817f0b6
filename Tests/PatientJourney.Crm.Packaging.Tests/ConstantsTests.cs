using System;
using System.IO;
using PatientJourney.Crm.Packer.Constants;
using PatientJourney.Crm.Testing;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

public class ConstantsTests
{
    /// <summary>Fails when Domain/Generated/Schema.g.cs no longer matches Solution/. Set PJ_UPDATE_GENERATED=1 to rewrite it.</summary>
    [Fact]
    public void Checked_in_constants_match_the_solution_source()
    {
        var path = Path.Combine(RepoPaths.Root, ConstantsGenerator.RelativePath);
        var expected = ConstantsGenerator.Generate(Solution);
        if (Environment.GetEnvironmentVariable("PJ_UPDATE_GENERATED") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            $"{ConstantsGenerator.RelativePath} is stale: run `dotnet run --project tools/Packer -- constants` or the tests with PJ_UPDATE_GENERATED=1.");
    }

    [Fact]
    public void Constants_cover_tables_columns_choices_apis_and_variables()
    {
        var text = ConstantsGenerator.Generate(Solution);
        Assert.Contains("public const string LogicalName = \"pj_journey\";", text);
        Assert.Contains("public const string StageDueOn = \"pj_stagedueon\";", text);
        Assert.Contains("public const int STAT = 827410003;", text);
        Assert.Contains("public const string MessageName = \"pj_AdvanceJourney\";", text);
        Assert.Contains("public const string InTargetStage = \"TargetStage\";", text);
        Assert.Contains("public const string ReferralSlaHoursStat = \"pj_ReferralSlaHoursStat\";", text);
    }
}
