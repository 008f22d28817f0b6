using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Pipeline;

public sealed class BatchAndCustomApiTests
{
    private static OrganizationRequestCollection Tags(params string?[] names)
    {
        var requests = new OrganizationRequestCollection();
        foreach (var name in names) requests.Add(new CreateRequest { Target = new Entity("pj_tag") { ["pj_name"] = name, [name == null ? "pj_bogus" : "pj_name"] = name } });
        return requests;
    }

    [Fact]
    public void ExecuteMultiple_runs_each_request_in_its_own_transaction()
    {
        var emulator = NewEmulator();
        var response = (ExecuteMultipleResponse)emulator.CreateOrganizationService().Execute(new ExecuteMultipleRequest
        {
            Requests = Tags("a", null, "c"),
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });
        Assert.True(response.IsFaulted);
        Assert.Equal([0, 1, 2], response.Responses.Select(r => r.RequestIndex));
        Assert.Contains("pj_bogus", response.Responses[1].Fault.Message);
        Assert.IsType<CreateResponse>(response.Responses[2].Response);
        Assert.Equal(2, emulator.Rows("pj_tag").Count);
    }

    [Fact]
    public void ExecuteMultiple_stops_at_the_first_fault_without_ContinueOnError()
    {
        var emulator = NewEmulator();
        var response = (ExecuteMultipleResponse)emulator.CreateOrganizationService().Execute(new ExecuteMultipleRequest
        {
            Requests = Tags("a", null, "c"),
            Settings = new ExecuteMultipleSettings { ContinueOnError = false, ReturnResponses = false },
        });
        Assert.Equal(1, response.Responses.Single().RequestIndex);
        Assert.Single(emulator.Rows("pj_tag"));
    }

    [Fact]
    public void ExecuteMultiple_enforces_the_batch_limit_and_refuses_nesting()
    {
        var service = NewEmulator().CreateOrganizationService();
        var settings = new ExecuteMultipleSettings();
        Assert.Contains("1000", Fault(() => service.Execute(new ExecuteMultipleRequest { Requests = Tags(Enumerable.Repeat("x", 1001).ToArray()), Settings = settings })).Message);
        var nested = new OrganizationRequestCollection { new ExecuteMultipleRequest { Requests = Tags("a"), Settings = settings } };
        Assert.Contains("nested", Fault(() => service.Execute(new ExecuteMultipleRequest { Requests = nested, Settings = settings })).Message);
    }

    [Fact]
    public void ExecuteTransaction_rolls_back_everything_when_one_request_fails()
    {
        var emulator = NewEmulator();
        var fault = Fault(() => emulator.CreateOrganizationService().Execute(new ExecuteTransactionRequest { Requests = Tags("a", "b", null) }));
        Assert.Equal(2, Assert.IsType<ExecuteTransactionFault>(fault.Fault).FaultedRequestIndex);
        Assert.Empty(emulator.Rows("pj_tag"));
        var response = (ExecuteTransactionResponse)emulator.CreateOrganizationService().Execute(new ExecuteTransactionRequest { Requests = Tags("a", "b"), ReturnResponses = true });
        Assert.Equal(2, response.Responses.Count);
        Assert.Equal(2, emulator.Rows("pj_tag").Count);
    }

    [Fact]
    public void Custom_api_requests_run_the_registered_plugin()
    {
        var emulator = NewEmulator();
        emulator.RegisterCustomApi("pj_CalculateRiskBand", typeof(RiskBandApi), isFunction: true);
        var service = emulator.CreateOrganizationService();
        var response = service.Execute(new OrganizationRequest("pj_CalculateRiskBand") { ["Score"] = 12 });
        Assert.Equal("high", response["Band"]);
        Assert.Equal(30, emulator.FiredSteps.Single().Stage);
        Assert.Equal("Score must not be negative.", Fault(() => service.Execute(new OrganizationRequest("pj_CalculateRiskBand") { ["Score"] = -1 })).Message);
    }

    [Fact]
    public void A_main_operation_step_attribute_registers_a_custom_api()
    {
        var emulator = NewEmulator(typeof(PingApi));
        Assert.Equal(30, emulator.CreateOrganizationService().Execute(new OrganizationRequest("pj_Ping"))["Pong"]);
    }
}
