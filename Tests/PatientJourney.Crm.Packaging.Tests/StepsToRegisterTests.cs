using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using PatientJourney.Crm.Packer.Writing;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>
/// A step on a message whose sdkmessage id is not published (CreateMultiple, UpdateMultiple) cannot be carried by a
/// solution file: it is left out of the zips, reported, and listed for registration after import.
/// </summary>
public class StepsToRegisterTests
{
    private static readonly StepRegistration BulkStep = new()
    {
        PluginType = "Planted.BulkPlugin", Message = "CreateMultiple", PrimaryEntity = "pj_touchpoint", Stage = 20, Mode = 0, Rank = 2,
    };

    private static PluginAssemblyInfo WithBulkStep() => new()
    {
        Name = Fixture.Name, Version = Fixture.Version, Culture = Fixture.Culture, PublicKeyToken = Fixture.PublicKeyToken, Bytes = Fixture.Bytes,
        Types = Fixture.Types.Append(new PluginTypeInfo { FullName = BulkStep.PluginType, IsWorkflowActivity = false, Steps = [BulkStep] }).ToList(),
    };

    [Fact]
    public void A_step_on_an_unpublished_message_is_left_out_and_listed()
    {
        var result = Packer.Packer.Pack(WithFixtureHandler(Solution), [WithBulkStep()], SchemaFolder);

        Assert.False(result.Findings.HasErrors(), string.Join("\n", result.Findings));
        Assert.Contains(result.Findings, f => f.Severity == Severity.Warning && f.Message.Contains("CreateMultiple") && f.Message.Contains("register it after import"));
        Assert.Equal([BulkStep], result.StepsToRegister);
        var customizations = Unzip(result.Zips[0].Bytes)["customizations.xml"];
        Assert.DoesNotContain("Planted.BulkPlugin: CreateMultiple", System.Text.Encoding.UTF8.GetString(customizations));
        Assert.Equal(Fixture.Types.Sum(t => t.Steps.Count), Xml(customizations).Descendants("SdkMessageProcessingStep").Count());
    }

    [Fact]
    public void The_list_gives_every_setting_to_enter()
    {
        var text = StepsToRegisterFile.Text([BulkStep]);

        Assert.Contains("Plug-in type:          Planted.BulkPlugin", text);
        Assert.Contains("Message:               CreateMultiple", text);
        Assert.Contains("Primary entity:        pj_touchpoint", text);
        Assert.Contains("Stage:                 PreOperation (20)", text);
        Assert.Contains("Execution order:       2", text);
    }
}
