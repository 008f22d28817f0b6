using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PatientJourney.Crm.DataverseWebApi;

/// <summary>What a table is called in the Web API: its entity set (the address) and its primary key column.</summary>
public sealed record DataverseTable(string EntitySetName, string PrimaryIdAttribute);

/// <summary>A Web API answer that was not an error: its status, body (empty for 204) and OData-EntityId, if any.</summary>
public sealed record DataverseResponse(HttpStatusCode Status, string Body, string? EntityId)
{
    public JsonDocument? Json() => Body.Length == 0 ? null : JsonDocument.Parse(Body);
}

/// <summary>
/// The tools' one client of the Dataverse Web API (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/overview):
/// every request carries the OData 4.0 headers and a bearer token from <see cref="DataverseSignIn"/>; it travels through
/// <see cref="ServiceProtectionRetryHandler"/>; queries are paged with <c>Prefer: odata.maxpagesize</c> and followed by
/// <c>@odata.nextLink</c> (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results);
/// an error answer becomes a <see cref="DataverseWebApiException"/> with Dataverse's code and message.
/// </summary>
public sealed class DataverseWebApiClient : IDisposable
{
    /// <summary>Dataverse's largest page (and its default): 5,000 rows.</summary>
    public const int DefaultPageSize = 5000;

    private readonly HttpClient http;
    private readonly ServiceProtectionRetryHandler retry;
    private readonly Func<CancellationToken, Task<string?>> token;
    private readonly ConcurrentDictionary<string, DataverseTable> tables = new(StringComparer.Ordinal);

    /// <param name="environment">The environment (https://contoso.crm.dynamics.com) or its Web API root (…/api/data/v9.2/).</param>
    /// <param name="token">The access token for each request (null: none, for a server that asks for none).</param>
    /// <param name="transport">The handler that reaches the network (default: a new HttpClientHandler); the caller's is not disposed here.</param>
    /// <param name="retry">The service-protection retry (default: 5 retries, waits up to 5 minutes each).</param>
    public DataverseWebApiClient(Uri environment, Func<CancellationToken, Task<string?>> token, HttpMessageHandler? transport = null, ServiceProtectionRetryHandler? retry = null)
    {
        var root = environment.AbsoluteUri.TrimEnd('/');
        Api = new Uri(root.EndsWith("/api/data/v9.2", StringComparison.OrdinalIgnoreCase) ? root + "/" : root + "/api/data/v9.2/");
        this.token = token;
        this.retry = retry ?? new ServiceProtectionRetryHandler();
        this.retry.InnerHandler = transport ?? new HttpClientHandler();
        // The retries' waits are not the request's time: each attempt is bounded by Dataverse's own 2-minute limit on an operation, with room to answer.
        http = new HttpClient(this.retry, disposeHandler: transport == null) { Timeout = Timeout.InfiniteTimeSpan };
        AttemptTimeout = TimeSpan.FromMinutes(5);
    }

    /// <summary>The Web API root, …/api/data/v9.2/.</summary>
    public Uri Api { get; }

    /// <summary>How long one attempt may take before it is abandoned.</summary>
    public TimeSpan AttemptTimeout { get; init; }

    /// <summary>Requests sent again after a 429 or 503, for the tools' reports.</summary>
    public int Retried => retry.Retried;

    /// <summary>
    /// Sends a request (<paramref name="path"/> relative to <see cref="Api"/>, or absolute as a nextLink is) and returns
    /// the answer; 4xx and 5xx answers throw <see cref="DataverseWebApiException"/>.
    /// </summary>
    public async Task<DataverseResponse> SendAsync(HttpMethod method, string path, HttpContent? content = null, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken cancel = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(Api, path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("OData-MaxVersion", "4.0");
        request.Headers.Add("OData-Version", "4.0");
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        if (await token(cancel).ConfigureAwait(false) is { } bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        attempt.CancelAfter(AttemptTimeout);
        using var response = await http.SendAsync(request, attempt.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        if ((int)response.StatusCode >= 400)
            throw new DataverseWebApiException(response.StatusCode, ServiceProtectionRetryHandler.Resource(request), DataverseError.Parse(body), DataverseWebApiException.AdviceFor(response.StatusCode));
        var entityId = response.Headers.TryGetValues("OData-EntityId", out var ids) ? ids.FirstOrDefault() : null;
        return new DataverseResponse(response.StatusCode, body, entityId);
    }

    /// <summary>A JSON body sent with <paramref name="method"/>.</summary>
    public Task<DataverseResponse> SendJsonAsync(HttpMethod method, string path, string json, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken cancel = default) =>
        SendAsync(method, path, new StringContent(json, Encoding.UTF8, "application/json"), headers, cancel);

    /// <summary>A GET whose answer is JSON.</summary>
    public async Task<JsonDocument> GetAsync(string path, IEnumerable<(string Name, string Value)>? headers = null, CancellationToken cancel = default) =>
        (await SendAsync(HttpMethod.Get, path, null, headers, cancel).ConfigureAwait(false)).Json()
        ?? throw new DataverseWebApiException(HttpStatusCode.NoContent, path.Split('?', '(')[0], null, "A query answered without a body: check --url points at a Dataverse environment.");

    /// <summary>
    /// Every page of a query, <paramref name="pageSize"/> rows a page (at most 5,000), following <c>@odata.nextLink</c>;
    /// each page is disposed when the next is asked for.
    /// </summary>
    public async IAsyncEnumerable<JsonDocument> PagesAsync(string path, int pageSize = DefaultPageSize, IEnumerable<(string Name, string Value)>? headers = null, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        var prefer = (headers ?? []).Append(("Prefer", $"odata.maxpagesize={pageSize}")).ToArray();
        string? next = path;
        while (next != null)
        {
            var page = await GetAsync(next, prefer, cancel).ConfigureAwait(false);
            try
            {
                next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
                yield return page;
            }
            finally
            {
                page.Dispose();
            }
        }
    }

    /// <summary>A table's entity set and primary key, from its metadata (read once per table).</summary>
    public async Task<DataverseTable> TableAsync(string logicalName, CancellationToken cancel = default)
    {
        if (tables.TryGetValue(logicalName, out var known)) return known;
        using var definition = await GetAsync($"EntityDefinitions(LogicalName='{logicalName}')?$select=EntitySetName,PrimaryIdAttribute", cancel: cancel).ConfigureAwait(false);
        var table = new DataverseTable(definition.RootElement.GetProperty("EntitySetName").GetString()!, definition.RootElement.GetProperty("PrimaryIdAttribute").GetString()!);
        return tables.GetOrAdd(logicalName, table);
    }

    public void Dispose() => http.Dispose();
}
