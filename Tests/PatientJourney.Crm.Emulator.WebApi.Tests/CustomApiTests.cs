using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>The solution's custom APIs as unbound actions and functions, and a bound one on its entity.</summary>
public sealed class CustomApiTests
{
    private const int Call = 827410003, Phone = 827410002, Outbound = 827410001;

    [Fact]
    public async Task An_unbound_action_takes_its_parameters_as_JSON_and_returns_its_response_properties()
    {
        await using var server = await WebApiServer.StartAsync();
        var patient = await server.CreatePatientAsync();

        using var response = await server.PostAsync("pj_RecordTouchpoint",
            $$"""{"Patient":{"@odata.type":"Microsoft.Dynamics.CRM.contact","contactid":"{{patient}}"},"Type":{{Call}},"Channel":{{Phone}},"Direction":{{Outbound}},"OccurredOn":"2026-11-25T15:30:00Z"}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.EndsWith("$metadata#Microsoft.Dynamics.CRM.pj_RecordTouchpointResponse", body.GetProperty("@odata.context").GetString());
        var touchpoint = body.GetProperty("Touchpoint");
        Assert.Equal("#Microsoft.Dynamics.CRM.pj_touchpoint", touchpoint.GetProperty("@odata.type").GetString());
        var row = Assert.Single(server.Emulator.Rows("pj_touchpoint"));
        Assert.Equal(row.Id, touchpoint.GetProperty("pj_touchpointid").GetGuid());
        Assert.Equal(patient, row.GetAttributeValue<EntityReference>("pj_patientid").Id);
        Assert.Equal(new DateTime(2026, 11, 25, 15, 30, 0, DateTimeKind.Utc), row.GetAttributeValue<DateTime>("pj_occurredon"));
    }

    [Fact]
    public async Task A_function_takes_its_parameters_in_the_path_with_aliases_from_the_query_string()
    {
        await using var server = await WebApiServer.StartAsync();
        var patient = await server.CreatePatientAsync();
        using (await server.PostAsync("pj_RecordTouchpoint", $$"""{"Patient":{"@odata.id":"/contacts({{patient}})"},"Type":{{Call}},"Channel":{{Phone}},"Direction":{{Outbound}}}"""))
        {
        }

        using var response = await server.GetAsync($"pj_GetPatientTimeline(Patient=@p)?@p={Uri.EscapeDataString($"{{\"@odata.id\":\"contacts({patient})\"}}")}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var timeline = JsonDocument.Parse(text).RootElement.GetProperty("TimelineJson").GetString()!;
        Assert.Equal(1, JsonDocument.Parse(timeline).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Bad_calls_are_refused_before_the_handler_runs()
    {
        await using var server = await WebApiServer.StartAsync();
        var patient = await server.CreatePatientAsync();
        server.Emulator.ClearLog();

        using var missing = await server.PostAsync("pj_RecordTouchpoint", $$"""{"Type":{{Call}},"Channel":{{Phone}}}""");
        using var unknown = await server.PostAsync("pj_RecordTouchpoint", $$"""{"Type":{{Call}},"Channel":{{Phone}},"Direction":{{Outbound}},"Mood":1}""");
        using var wrongType = await server.PostAsync("pj_RecordTouchpoint", $$"""{"Type":"call","Channel":{{Phone}},"Direction":{{Outbound}}}""");
        using var wrongTable = await server.PostAsync("pj_RecordTouchpoint", $$"""{"Journey":{"@odata.id":"contacts({{patient}})"},"Type":{{Call}},"Channel":{{Phone}},"Direction":{{Outbound}}}""");
        using var functionByPost = await server.PostAsync("pj_GetPatientTimeline", "{}");
        using var actionByGet = await server.GetAsync("pj_RecordTouchpoint");
        using var noSuchApi = await server.PostAsync("pj_DoesNotExist", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Direction", (await WebApiServer.JsonAsync(missing)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongTable.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, functionByPost.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, actionByGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchApi.StatusCode);
        Assert.Empty(server.Emulator.Requests);
        Assert.Empty(server.Emulator.Rows("pj_touchpoint"));
    }

    [Fact]
    public async Task A_plugin_refusal_in_a_custom_API_is_400_and_writes_nothing()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.PostAsync("pj_RecordTouchpoint", $$"""{"Type":{{Call}},"Channel":{{Phone}},"Direction":{{Outbound}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0x80040265", (await WebApiServer.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(server.Emulator.Rows("pj_touchpoint"));
    }

    [Fact]
    public async Task A_bound_action_is_called_after_its_row_URL_with_Target_set_to_the_row()
    {
        await using var server = await WebApiServer.StartAsync();
        server.Host.Environment.RegisterCustomApi(new CustomApiDefinition
        {
            UniqueName = "pj_test_EchoTarget", DisplayName = "Echo target", Description = "Returns the id of the row it is bound to.",
            Binding = CustomApiBinding.Entity, BoundEntity = "contact", PluginType = typeof(EchoTarget).FullName!,
            ResponseProperties = [new CustomApiField { UniqueName = "TargetId", DisplayName = "Target id", Description = "The bound row's id.", Type = CustomApiFieldType.Guid }],
        }, typeof(EchoTarget));
        var patient = await server.CreatePatientAsync();

        using var bound = await server.PostAsync($"contacts({patient})/Microsoft.Dynamics.CRM.pj_test_EchoTarget", "{}");
        using var unbound = await server.PostAsync("pj_test_EchoTarget", "{}");

        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        Assert.Equal(patient, (await WebApiServer.JsonAsync(bound)).GetProperty("TargetId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, unbound.StatusCode);
    }

    [Fact]
    public async Task A_handler_that_fails_unexpectedly_is_500_with_the_generic_ISV_error_and_writes_nothing()
    {
        await using var server = await WebApiServer.StartAsync();
        server.Host.Environment.RegisterCustomApi(new CustomApiDefinition
        {
            UniqueName = "pj_test_Crash", DisplayName = "Crash", Description = "Writes a row, then fails with an unexpected exception.",
            PluginType = typeof(Crash).FullName!,
        }, typeof(Crash));

        using var response = await server.PostAsync("pj_test_Crash", "{}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("0x80040224", (await WebApiServer.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(server.Emulator.Rows("pj_carepathway"));
    }

    /// <summary>A handler with a defect: creates a pathway, then throws something other than InvalidPluginExecutionException.</summary>
    public sealed class Crash : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))!;
            factory.CreateOrganizationService(null).Create(new Entity("pj_carepathway") { ["pj_name"] = "Half-written" });
            throw new InvalidOperationException("defect");
        }
    }

    /// <summary>A bound custom API's handler: returns the Target it was called on.</summary>
    public sealed class EchoTarget : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
            context.OutputParameters["TargetId"] = ((EntityReference)context.InputParameters["Target"]).Id;
        }
    }
}
