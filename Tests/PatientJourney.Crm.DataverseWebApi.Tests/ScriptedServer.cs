using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PatientJourney.Crm.DataverseWebApi.Tests;

/// <summary>A transport that answers each request with the next scripted answer and keeps what was asked.</summary>
internal sealed class ScriptedServer(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int next;

    public List<(string Uri, string? Prefer, string? Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancel);
        Requests.Add((request.RequestUri!.AbsoluteUri, request.Headers.TryGetValues("Prefer", out var prefer) ? string.Join(", ", prefer) : null, body));
        if (next >= answers.Length) throw new InvalidOperationException($"No answer scripted for request {next + 1}.");
        return answers[next++](request);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Throttled(HttpStatusCode status, Action<HttpResponseMessage>? retryAfter = null)
    {
        var response = Json("""{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""", status);
        retryAfter?.Invoke(response);
        return response;
    }
}
