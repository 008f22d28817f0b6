using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Xunit;
using static PatientJourney.Crm.DataverseWebApi.Tests.ScriptedServer;

namespace PatientJourney.Crm.DataverseWebApi.Tests;

public sealed class ClientTests
{
    private static readonly Uri Environment = new("https://contoso.crm.dynamics.com");
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static (DataverseWebApiClient Client, List<TimeSpan> Waits) Client(ScriptedServer server, int maxRetries = 5)
    {
        var waits = new List<TimeSpan>();
        var retry = new ServiceProtectionRetryHandler(new FixedClock(Now), (span, _) => { waits.Add(span); return Task.CompletedTask; }) { MaxRetries = maxRetries };
        return (new DataverseWebApiClient(Environment, _ => Task.FromResult<string?>("token"), server, retry), waits);
    }

    [Fact]
    public async Task Retry_After_in_seconds_and_as_an_HTTP_date_are_each_waited_before_the_same_request_is_sent_again()
    {
        var server = new ScriptedServer(
            _ => Throttled(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))),
            _ => Throttled(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(42))),
            _ => Json("""{"contactid":"9b0c1d7e-0000-4000-8000-000000000001"}""", HttpStatusCode.Created));
        var (client, waits) = Client(server);

        var answer = await client.SendJsonAsync(HttpMethod.Post, "contacts", """{"lastname":"x"}""");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(42) }, waits);
        Assert.Equal(2, client.Retried);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(("https://contoso.crm.dynamics.com/api/data/v9.2/contacts", """{"lastname":"x"}"""), (r.Uri, r.Body)));
    }

    [Fact]
    public async Task Without_Retry_After_the_waits_double_and_past_the_retries_the_error_says_the_limits_were_reached()
    {
        var server = new ScriptedServer(Enumerable.Repeat<Func<HttpRequestMessage, HttpResponseMessage>>(_ => Throttled(HttpStatusCode.ServiceUnavailable), 4).ToArray());
        var (client, waits) = Client(server, maxRetries: 3);

        var refused = await Assert.ThrowsAsync<DataverseWebApiException>(() => client.GetAsync("contacts(pj_mrn='MRN-77')?$select=lastname"));

        Assert.Equal(new[] { 2.0, 4.0, 8.0 }, waits.Select(w => w.TotalSeconds));
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("contacts", refused.Resource);
        Assert.Equal("The environment answered 503 ServiceUnavailable to contacts with error 0x80072322: Number of requests exceeded the limit of 6000 over time window of 300 seconds. "
            + "Dataverse's service protection limits were reached (still throttled after 3 retries): wait a few minutes, or run fewer clients against the environment at once, then run again.", refused.Message);
        Assert.DoesNotContain("MRN-77", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_longer_than_the_longest_allowed_is_not_waited()
    {
        var server = new ScriptedServer(_ => Throttled(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1))));
        var (client, waits) = Client(server);

        var refused = await Assert.ThrowsAsync<DataverseWebApiException>(() => client.GetAsync("contacts"));

        Assert.Empty(waits);
        Assert.Contains("asked to wait 3600 s, longer than the 300 s this tool waits", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_names_the_table_Dataverse_code_and_message_and_what_to_check_but_not_the_key()
    {
        var server = new ScriptedServer(_ => Json("""{"error":{"code":"0x80040217","message":"The contact record was not found."}}""", HttpStatusCode.NotFound));
        var (client, _) = Client(server);

        var refused = await Assert.ThrowsAsync<DataverseWebApiException>(() => client.GetAsync("contacts(pj_fhirsourcesystem='https://ehr',pj_fhirid='p-17')"));

        Assert.Equal(unchecked((int)0x80040217), refused.Error!.ErrorCode);
        Assert.Equal("The environment answered 404 NotFound to contacts with error 0x80040217: The contact record was not found. "
            + "Check --url, and that the Patient Journey solution is installed in that environment.", refused.Message);
        Assert.DoesNotContain("p-17", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ask_for_the_page_size_and_follow_nextLink_to_the_last_page()
    {
        var server = new ScriptedServer(
            _ => Json("""{"value":[{"n":1},{"n":2}],"@odata.nextLink":"https://contoso.crm.dynamics.com/api/data/v9.2/contacts?$select=n&$skiptoken=a"}"""),
            _ => Json("""{"value":[{"n":3}]}"""));
        var (client, _) = Client(server);

        var rows = new List<int>();
        await foreach (var page in client.PagesAsync("contacts?$select=n", pageSize: 2, headers: [("Prefer", "odata.include-annotations=\"*\"")]))
            rows.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("n").GetInt32()));

        Assert.Equal(new[] { 1, 2, 3 }, rows);
        Assert.Equal("https://contoso.crm.dynamics.com/api/data/v9.2/contacts?$select=n&$skiptoken=a", server.Requests[1].Uri);
        Assert.All(server.Requests, r => Assert.Equal("odata.include-annotations=\"*\", odata.maxpagesize=2", r.Prefer));
    }

    [Fact]
    public void A_batch_part_error_is_read_after_its_HTTP_headers_and_a_body_without_one_is_none()
    {
        var part = "--changesetresponse\r\nContent-ID: 2\r\n\r\nHTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{\"error\":{\"code\":\"0x80040265\",\"message\":\"Referral cannot move from Submitted to Completed.\"}}\r\n--changesetresponse--";

        Assert.Equal(new DataverseError(unchecked((int)0x80040265), "Referral cannot move from Submitted to Completed."), DataverseError.Parse(part));
        Assert.Equal("0x80040265", DataverseError.Parse(part)!.Code);
        Assert.Null(DataverseError.Parse("<html>Bad gateway</html>"));
        Assert.Null(DataverseError.Parse("{\"error\":{\"code\":\"0x8004"));
    }
}
