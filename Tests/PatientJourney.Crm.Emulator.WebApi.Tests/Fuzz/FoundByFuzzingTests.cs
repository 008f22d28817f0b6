using System;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Fuzz;

/// <summary>One case per crash the Web API fuzz runs found (each used to answer 500 "An unexpected error occurred").</summary>
public sealed class FoundByFuzzingTests
{
    [Theory]
    [InlineData("""{"pj_name":"\ud800"}""", "a text column")]
    [InlineData("""{"pj_name":"Journey","pj_patientid@odata.bind":"\udc00"}""", "a bind")]
    [InlineData("""{"pj_name":"Journey","pj_startedon":"\ud800"}""", "a date")]
    public async Task A_json_string_with_a_lone_surrogate_escape_is_a_bad_payload_not_a_500(string body, string because)
    {
        await using var server = await WebApiServer.StartAsync();
        var before = server.Emulator.Rows("pj_journey").Count;

        using var response = await server.PostAsync("pj_journeys", body);

        var error = (await WebApiServer.JsonAsync(response)).GetProperty("error");
        Assert.True((int)response.StatusCode == 400, because);
        Assert.Equal("0x80048d19", error.GetProperty("code").GetString());
        Assert.Equal(before, server.Emulator.Rows("pj_journey").Count);
    }

    [Fact]
    public async Task A_request_outside_the_service_root_gets_the_not_found_error_shape_not_an_empty_404()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.Client.PatchAsync(new Uri("/statecode", UriKind.Relative), new System.Net.Http.StringContent("""{"pj_name":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(404, (int)response.StatusCode);
        var error = (await WebApiServer.JsonAsync(response)).GetProperty("error");
        Assert.Equal("0x8006088a", error.GetProperty("code").GetString());
        Assert.Equal("Resource not found for the segment 'statecode'.", error.GetProperty("message").GetString());
    }
}
