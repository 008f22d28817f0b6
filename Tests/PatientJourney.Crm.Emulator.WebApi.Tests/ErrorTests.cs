using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>Bad input over HTTP gets Dataverse's status and error JSON, names no patient data, and writes nothing.</summary>
public sealed class ErrorTests
{
    private static async Task<(int Status, string Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        var error = (await WebApiServer.JsonAsync(response)).GetProperty("error");
        return ((int)response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData("""{"lastname":"Quartermaine",""", "malformed JSON")]
    [InlineData("""["Quartermaine"]""", "not an object")]
    [InlineData("""{"lastname":"Quartermaine","pj_favouritecolour":"Zebulon"}""", "unknown column")]
    [InlineData("""{"lastname":"Quartermaine","pj_quiethoursstart":"Zebulon"}""", "text for a whole number")]
    [InlineData("""{"lastname":"Quartermaine","pj_consentsms":"Zebulon"}""", "text for yes/no")]
    [InlineData("""{"lastname":"Quartermaine","birthdate":"Zebulon"}""", "text for a date")]
    [InlineData("""{"lastname":"Quartermaine","_parentcustomerid_value":"00000000-0000-0000-0000-000000000001"}""", "lookup value set directly")]
    [InlineData("""{"lastname":"Quartermaine","pj_unknown@odata.bind":"/contacts(00000000-0000-0000-0000-000000000001)"}""", "unknown navigation property")]
    public async Task A_body_that_does_not_fit_the_table_is_400_0x80048d19_and_writes_nothing(string body, string because)
    {
        await using var server = await WebApiServer.StartAsync();
        var before = server.Emulator.Rows("contact").Count;

        using var response = await server.PostAsync("contacts", body);

        var (status, code, message) = await ErrorOf(response);
        Assert.True(status == 400, because);
        Assert.Equal("0x80048d19", code);
        Assert.DoesNotContain("Zebulon", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Quartermaine", message, StringComparison.Ordinal);
        Assert.Equal(before, server.Emulator.Rows("contact").Count);
        Assert.Empty(server.Emulator.Requests);
    }

    [Fact]
    public async Task An_unknown_entity_set_is_404_resource_not_found_and_names_are_case_sensitive()
    {
        await using var server = await WebApiServer.StartAsync();

        using var unknown = await server.GetAsync("patients");
        using var wrongCase = await server.PostAsync("Contacts", """{"lastname":"Quartermaine"}""");

        Assert.Equal((404, "0x8006088a", "Resource not found for the segment 'patients'."), await ErrorOf(unknown));
        Assert.Equal(404, (int)wrongCase.StatusCode);
        Assert.DoesNotContain(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("lastname") == "Quartermaine");
    }

    [Fact]
    public async Task Unknown_properties_in_query_options_are_400()
    {
        await using var server = await WebApiServer.StartAsync();

        using var select = await server.GetAsync("contacts?$select=Name");
        using var filter = await server.GetAsync("contacts?$filter=pj_nothing eq 1");
        using var lookupByName = await server.GetAsync("contacts?$select=parentcustomerid");
        using var orderBy = await server.GetAsync("contacts?$orderby=nothing desc");

        Assert.Equal((400, "0x0", "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.contact'."), await ErrorOf(select));
        Assert.Equal(400, (int)filter.StatusCode);
        Assert.Equal(400, (int)lookupByName.StatusCode);
        Assert.Equal(400, (int)orderBy.StatusCode);
    }

    [Theory]
    [InlineData("pj_quiethoursstart eq 'late'")]
    [InlineData("lastname eq 3")]
    [InlineData("_parentcustomerid_value eq 'x'")]
    [InlineData("contains(pj_quiethoursstart,'1')")]
    [InlineData("lastname eq")]
    [InlineData("(lastname eq 'a'")]
    [InlineData("lastname has 'a'")]
    [InlineData("lastname eq 'Quartermaine' 'Zebulon'")]
    public async Task A_filter_of_the_wrong_type_or_syntax_is_400_without_echoing_values(string filter)
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.GetAsync("contacts?$filter=" + Uri.EscapeDataString(filter));

        var (status, code, message) = await ErrorOf(response);
        Assert.Equal(400, status);
        Assert.Equal("0x80060888", code);
        Assert.DoesNotContain("Zebulon", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_refusal_is_400_with_its_message_and_rolls_the_request_back()
    {
        await using var server = await WebApiServer.StartAsync();
        var care = await PathwaySetup.CreateAsync(server);
        var patient = await server.CreatePatientAsync();
        await server.CreateAsync("pj_journeys", care.JourneyJson(patient));

        using var second = await server.PostAsync("pj_journeys", care.JourneyJson(patient));

        var (status, code, message) = await ErrorOf(second);
        Assert.Equal(400, status);
        Assert.Equal("0x80040265", code);
        Assert.Contains("already has an open journey", message, StringComparison.Ordinal);
        Assert.Single(server.Emulator.Rows("pj_journey"));
        Assert.Single(server.Emulator.Rows("pj_journeystagehistory"));
    }

    [Fact]
    public async Task A_lookup_to_the_wrong_table_or_a_bad_url_is_refused()
    {
        await using var server = await WebApiServer.StartAsync();
        var patient = await server.CreatePatientAsync();

        using var wrongTarget = await server.PostAsync("pj_pathwaystages", $$"""{"pj_name":"x","pj_sequence":1,"pj_pathwayid@odata.bind":"/contacts({{patient}})"}""");
        using var badUrl = await server.PostAsync("pj_pathwaystages", """{"pj_name":"x","pj_sequence":1,"pj_pathwayid@odata.bind":"somewhere"}""");

        Assert.Equal(400, (int)wrongTarget.StatusCode);
        Assert.Equal(400, (int)badUrl.StatusCode);
        Assert.Empty(server.Emulator.Rows("pj_pathwaystage"));
    }

    [Fact]
    public async Task A_method_the_resource_does_not_take_is_405()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.SendAsync(HttpMethod.Put, "contacts", "{}");

        Assert.Equal(405, (await ErrorOf(response)).Status);
    }
}
