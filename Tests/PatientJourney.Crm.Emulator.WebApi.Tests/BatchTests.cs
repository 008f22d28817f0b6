using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>$batch: requests in order, change sets all-or-nothing, Content-ID references, stop or continue on error.</summary>
public sealed class BatchTests
{
    private static string Request(string method, string url, string? json = null, int? contentId = null)
    {
        var part = new StringBuilder("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) part.Append($"Content-ID: {contentId}\r\n");
        part.Append($"\r\n{method} {url} HTTP/1.1\r\n");
        if (json != null) part.Append("Content-Type: application/json\r\n");
        part.Append("\r\n");
        if (json != null) part.Append(json).Append("\r\n");
        return part.ToString();
    }

    private static string ChangeSet(string boundary, params string[] requests) =>
        $"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n" + string.Concat(requests.Select(r => $"--{boundary}\r\n{r}")) + $"--{boundary}--\r\n";

    private static async Task<(HttpResponseMessage Response, string Body)> SendBatch(WebApiServer server, string prefer, params string[] parts)
    {
        var body = string.Concat(parts.Select(p => $"--batch_pj\r\n{p}")) + "--batch_pj--\r\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_pj");
        if (prefer.Length > 0) request.Headers.TryAddWithoutValidation("Prefer", prefer);
        var response = await server.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string[] Statuses(string body) => Regex.Matches(body, @"HTTP/1\.1 (\d{3})").Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public async Task A_change_set_commits_every_request_and_Content_ID_references_reach_the_rows_it_created()
    {
        await using var server = await WebApiServer.StartAsync();
        var root = server.Host.ServiceRoot;

        var (response, body) = await SendBatch(server, "",
            ChangeSet("changeset_a",
                Request("POST", root + "pj_carepathways", """{"pj_name":"Hip replacement"}""", contentId: 1),
                Request("POST", "/api/data/v9.2/pj_pathwaystages", """{"pj_name":"Referral","pj_sequence":10,"pj_pathwayid@odata.bind":"$1"}""", contentId: 2),
                Request("PATCH", "$1", """{"pj_code":"HIP"}""", contentId: 3)),
            Request("GET", "pj_pathwaystages?$select=pj_name"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("multipart/mixed; boundary=batchresponse_", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["204", "204", "204", "200"], Statuses(body));
        Assert.Contains("changesetresponse_", body, StringComparison.Ordinal);
        Assert.Contains("\"pj_name\":\"Referral\"", body, StringComparison.Ordinal);
        var pathway = Assert.Single(server.Emulator.Rows("pj_carepathway"));
        Assert.Equal("HIP", pathway["pj_code"]);
        Assert.Equal(pathway.Id, Assert.Single(server.Emulator.Rows("pj_pathwaystage")).GetAttributeValue<Microsoft.Xrm.Sdk.EntityReference>("pj_pathwayid").Id);
    }

    [Fact]
    public async Task A_failing_request_rolls_its_whole_change_set_back_and_stops_the_batch()
    {
        await using var server = await WebApiServer.StartAsync();
        var care = await PathwaySetup.CreateAsync(server);
        var patient = await server.CreatePatientAsync();
        var journeysBefore = server.Emulator.Rows("pj_journey").Count;

        var (_, body) = await SendBatch(server, "",
            ChangeSet("changeset_b",
                Request("POST", "pj_journeys", care.JourneyJson(patient), contentId: 1),
                Request("POST", "pj_journeys", care.JourneyJson(patient), contentId: 2)),
            Request("POST", "contacts", """{"lastname":"After the failure"}"""));

        Assert.Equal(["400"], Statuses(body));
        Assert.Contains("already has an open journey", body, StringComparison.Ordinal);
        Assert.Equal(journeysBefore, server.Emulator.Rows("pj_journey").Count);
        Assert.Empty(server.Emulator.Rows("pj_journeystagehistory"));
        Assert.DoesNotContain(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("lastname") == "After the failure");
    }

    [Fact]
    public async Task With_continue_on_error_the_requests_after_a_failure_still_run()
    {
        await using var server = await WebApiServer.StartAsync();

        var (_, body) = await SendBatch(server, "odata.continue-on-error",
            Request("POST", "contacts", """{"lastname":"First","nonsense":1}"""),
            Request("POST", "contacts", """{"lastname":"Second"}"""),
            Request("GET", "nowhere"));

        Assert.Equal(["400", "204", "404"], Statuses(body));
        Assert.Contains(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("lastname") == "Second");
        Assert.DoesNotContain(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("lastname") == "First");
    }

    [Fact]
    public async Task A_batch_that_is_not_multipart_is_refused()
    {
        await using var server = await WebApiServer.StartAsync();

        using var response = await server.PostAsync("$batch", "{}");

        Assert.Equal(["400"], Statuses(await response.Content.ReadAsStringAsync()));
    }
}
