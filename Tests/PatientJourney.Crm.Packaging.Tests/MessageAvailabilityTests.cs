using System;
using System.Linq;
using PatientJourney.Crm.Packer.Checks;
using PatientJourney.Crm.Packer.Registration;
using Xunit;
using static PatientJourney.Crm.Packaging.Tests.TestSolution;

namespace PatientJourney.Crm.Packaging.Tests;

/// <summary>
/// The build refuses steps on (message, table) pairs Dataverse has no sdkmessagefilter for, and every step it accepts
/// travels in the zip with its message id and the image property real exports use.
/// </summary>
public class MessageAvailabilityTests
{
    private static StepRegistration Step(string message, string table, string? postImage = null, string type = "Planted.AppointmentAutomation") => new()
    {
        PluginType = type, Message = message, PrimaryEntity = table, Stage = 40, Mode = 0,
        FilteringAttributes = !message.StartsWith("Update", StringComparison.Ordinal) ? null : table == "appointment" ? "scheduledstart" : "pj_occurredon",
        PostImageAlias = postImage == null ? null : "post", PostImageAttributes = postImage,
    };

    /// <summary>The fixture assembly with planted steps added on one more plug-in type.</summary>
    private static PluginAssemblyInfo FixtureWith(params StepRegistration[] steps) => new()
    {
        Name = Fixture.Name, Version = Fixture.Version, Culture = Fixture.Culture, PublicKeyToken = Fixture.PublicKeyToken, Bytes = Fixture.Bytes,
        Types = Fixture.Types.Append(new PluginTypeInfo { FullName = steps[0].PluginType, IsWorkflowActivity = false, Steps = steps }).ToList(),
    };

    [Theory]
    [InlineData("CreateMultiple")]
    [InlineData("UpdateMultiple")]
    public void A_bulk_step_on_appointment_fails_the_build_naming_type_message_and_table(string message)
    {
        var result = Packer.Packer.Pack(WithFixtureHandler(Solution), [FixtureWith(Step(message, "appointment"))], SchemaFolder);

        Assert.Empty(result.Zips);
        var error = Assert.Single(result.Findings, f => f.Severity == Severity.Error);
        Assert.Contains("plug-in type Planted.AppointmentAutomation", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{message} of appointment", error.Message, StringComparison.Ordinal);
        Assert.Contains("no sdkmessagefilter", error.Message, StringComparison.Ordinal);
        Assert.Contains($"register it on {message[..^"Multiple".Length]} of appointment instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Appointment_steps_on_Create_and_Update_pass() =>
        Assert.DoesNotContain(MessageAvailabilityCheck.Run([FixtureWith(Step("Create", "appointment"), Step("Update", "appointment"))]), f => f.Severity == Severity.Error);

    [Fact]
    public void A_step_on_a_message_without_a_known_id_fails_the_build()
    {
        var errors = SourceChecks.Run(WithFixtureHandler(Solution), [FixtureWith(Step("UpsertMultiple", "pj_touchpoint"))]).Where(f => f.Severity == Severity.Error);

        Assert.Contains(errors, e => e.Message.Contains("message 'UpsertMultiple' has no sdkmessage id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CreateMultiple", "eb9990f6-feff-497f-974c-eb457ee0d072", "Ids")]
    [InlineData("UpdateMultiple", "e2ac2e19-aea0-47a3-b024-f7a7015b4d60", "Targets")]
    [InlineData("Create", "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", "Id")]
    public void A_bulk_step_travels_in_the_zip_with_its_message_id_and_image_property(string message, string messageId, string imageProperty)
    {
        var planted = Step(message, "pj_touchpoint", postImage: "pj_occurredon", type: "Planted.TouchpointsRecorded");
        var result = Packer.Packer.Pack(WithFixtureHandler(Solution), [FixtureWith(planted)], SchemaFolder);

        Assert.False(result.Findings.HasErrors(), string.Join("\n", result.Findings));
        foreach (var (_, zip) in result.Zips)
        {
            var step = Xml(Unzip(zip)["customizations.xml"]).Descendants("SdkMessageProcessingStep")
                .Single(s => s.Element("PluginTypeName")!.Value.StartsWith("Planted.TouchpointsRecorded,", StringComparison.Ordinal));
            Assert.Equal(messageId, step.Element("SdkMessageId")!.Value);
            Assert.Equal(imageProperty, step.Descendants("MessagePropertyName").Single().Value);
        }
    }

    [Fact]
    public void The_zip_check_refuses_a_step_on_a_message_its_table_lacks_and_a_wrong_image_property()
    {
        var entries = Unzip(Packed.Zips[0].Bytes);
        var customizations = Xml(entries["customizations.xml"]);
        var step = customizations.Descendants("SdkMessageProcessingStep").First(s => s.Element("PrimaryEntity")!.Value == "pj_touchpoint");
        step.Element("PrimaryEntity")!.Value = "appointment";
        step.Element("SdkMessageId")!.Value = SdkMessages.Id("CreateMultiple").ToString();
        entries["customizations.xml"] = System.Text.Encoding.UTF8.GetBytes(customizations.ToString());

        var errors = ZipChecks.Run(Packer.Writing.PackageWriter.Zip(entries), SchemaFolder).Where(f => f.Severity == Severity.Error).ToList();

        Assert.Contains(errors, e => e.Message.Contains("the appointment table has no CreateMultiple message", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("takes MessagePropertyName 'Id', but CreateMultiple publishes 'Ids'", StringComparison.Ordinal));
    }
}
