using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using PatientJourney.Crm.Schema.Platform;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

/// <summary>What Dataverse refuses, the emulator refuses: steps and requests on messages a table lacks, bulk and batch messages from code.</summary>
public sealed class PlatformRuleTests
{
    private static Entity Appointment(string subject) => new("appointment") { ["subject"] = subject };

    private static PluginStep AppointmentStep(string message) =>
        new() { PluginType = typeof(AppointmentAutomation), Message = message, PrimaryEntity = "appointment", Stage = 40, Mode = 0 };

    [Theory]
    [InlineData("CreateMultiple")]
    [InlineData("UpdateMultiple")]
    public void A_step_on_a_message_the_table_lacks_cannot_be_registered(string message)
    {
        var emulator = NewEmulator();

        var error = Assert.Throws<InvalidOperationException>(() => emulator.RegisterStep(AppointmentStep(message)));

        Assert.Contains(typeof(AppointmentAutomation).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{message} of appointment", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.RegisteredSteps);
    }

    [Fact]
    public void A_step_on_a_message_the_table_has_is_registered()
    {
        var emulator = NewEmulator();

        emulator.RegisterStep(AppointmentStep("Create"));

        Assert.Single(emulator.RegisteredSteps);
    }

    [Fact]
    public void A_request_with_a_message_the_table_lacks_faults_as_Dataverse_does()
    {
        var service = NewEmulator().CreateOrganizationService();

        var fault = Fault(() => service.Execute(new CreateMultipleRequest { Targets = new EntityCollection([Appointment("a"), Appointment("b")]) { EntityName = "appointment" } }));

        Assert.Equal(ErrorCodes.SdkEntityDoesNotSupportMessage, fault.ErrorCode);
        Assert.StartsWith("The 'CreateMultiple' method does not support entities of type 'appointment'.", fault.Message, StringComparison.Ordinal);
        Assert.Empty(service.RetrieveMultiple(new Microsoft.Xrm.Sdk.Query.QueryExpression("appointment")).Entities);
    }

    [Fact]
    public void The_single_messages_of_a_table_without_bulk_messages_work()
    {
        var service = NewEmulator().CreateOrganizationService();

        var id = service.Create(Appointment("check-up"));
        service.Update(new Entity("appointment", id) { ["subject"] = "follow-up visit" });

        Assert.Equal("follow-up visit", service.Retrieve("appointment", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("subject"))["subject"]);
    }

    [Theory]
    [InlineData("appointment", "UpdateMultiple", false)]
    [InlineData("appointment", "UpsertMultiple", false)]
    [InlineData("appointment", "Update", true)]
    [InlineData("task", "CreateMultiple", true)]
    [InlineData("activitypointer", "Create", false)]
    [InlineData("pj_journey", "UpsertMultiple", true)]
    [InlineData("pj_journey", "DeleteMultiple", false)]
    [InlineData("pj_journey", "pj_AdvanceJourney", true)]
    public void Availability_follows_the_recorded_lists(string table, string message, bool exists) =>
        Assert.Equal(exists, MessageAvailability.Exists(message, table));

    [Fact]
    public void Plug_in_code_cannot_send_a_bulk_message()
    {
        var emulator = NewEmulator(typeof(TouchpointsInBulk));
        var service = emulator.CreateOrganizationService();

        var fault = Fault(() => service.Create(new Entity("pj_tag") { ["pj_name"] = "vip" }));

        Assert.Contains("CreateMultiple was sent from the code of " + typeof(TouchpointsInBulk).FullName, fault.Message, StringComparison.Ordinal);
        Assert.Contains("bulk operation messages in plug-in code", fault.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Rows("pj_tag"));
        Assert.Empty(emulator.Rows("pj_touchpoint"));
    }

    [Fact]
    public void Plug_in_code_cannot_send_a_batch()
    {
        var emulator = NewEmulator(typeof(TouchpointsInBatch));

        var fault = Fault(() => emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "vip" }));

        Assert.Contains("ExecuteMultiple was sent from the code of " + typeof(TouchpointsInBatch).FullName, fault.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Rows("pj_touchpoint"));
    }

    [Fact]
    public void Plug_in_code_writes_one_request_per_row()
    {
        var emulator = NewEmulator(typeof(TouchpointsOneByOne));

        emulator.CreateOrganizationService().Create(new Entity("pj_tag") { ["pj_name"] = "vip" });

        Assert.Equal(2, emulator.Rows("pj_touchpoint").Count);
        Assert.Equal(2, emulator.FiredSteps.Single(s => s.PluginType == typeof(TouchpointsOneByOne).FullName).ServiceCalls);
    }

    [Fact]
    public void A_client_may_send_bulk_and_batch_messages()
    {
        var emulator = NewEmulator();
        var service = emulator.CreateOrganizationService();
        var batch = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false } };
        batch.Requests.Add(new CreateMultipleRequest { Targets = new EntityCollection([new Entity("pj_touchpoint") { ["pj_name"] = "a" }]) { EntityName = "pj_touchpoint" } });
        batch.Requests.Add(new CreateRequest { Target = new Entity("pj_touchpoint") { ["pj_name"] = "b" } });

        service.Execute(batch);

        Assert.Equal(2, emulator.Rows("pj_touchpoint").Count);
    }

    [Fact]
    public void Workflow_activity_code_cannot_send_a_bulk_message_but_writes_single_rows()
    {
        var emulator = NewEmulator();
        var service = emulator.CreateWorkflowActivityServiceFactory(typeof(PlatformRuleTests)).CreateOrganizationService(null);

        var fault = Fault(() => service.Execute(new UpdateMultipleRequest { Targets = new EntityCollection([new Entity("pj_tag", Guid.NewGuid())]) { EntityName = "pj_tag" } }));
        service.Create(new Entity("pj_tag") { ["pj_name"] = "single" });

        Assert.Contains("UpdateMultiple was sent from the code of " + typeof(PlatformRuleTests).FullName, fault.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Rows("pj_tag"));
    }
}
