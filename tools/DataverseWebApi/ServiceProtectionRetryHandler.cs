using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PatientJourney.Crm.DataverseWebApi;

/// <summary>
/// Waits out Dataverse's service protection limits: a 429 Too Many Requests (or a 503 Service Unavailable) is sent
/// again after the time its Retry-After asks for, in seconds or as an HTTP date, never sooner (Microsoft: "use the
/// Retry-After value", https://learn.microsoft.com/power-apps/developer/data-platform/api-limits); without
/// one, after 2, 4, 8 … seconds. At most <see cref="MaxRetries"/> times, and never a single wait longer than
/// <see cref="MaxWait"/>: then a <see cref="DataverseWebApiException"/> says the limits were reached and what to do.
/// The request is sent again as it is (its content is buffered, e.g. StringContent).
/// </summary>
public sealed class ServiceProtectionRetryHandler : DelegatingHandler
{
    private readonly TimeProvider time;
    private readonly Func<TimeSpan, CancellationToken, Task> wait;
    private int retried;

    /// <param name="time">The clock an HTTP-date Retry-After is measured against (default: the system's).</param>
    /// <param name="wait">How a wait is spent (default: Task.Delay); tests record the waits instead.</param>
    public ServiceProtectionRetryHandler(TimeProvider? time = null, Func<TimeSpan, CancellationToken, Task>? wait = null)
    {
        this.time = time ?? TimeProvider.System;
        this.wait = wait ?? ((span, cancel) => Task.Delay(span, cancel));
    }

    /// <summary>Sends again after a throttled answer at most this many times (Dataverse's own ServiceClient also retries a bounded number of times).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest single wait; Dataverse's limits are evaluated over a 5-minute sliding window.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests sent again after a throttled answer, over the handler's life (for the tools' reports).</summary>
    public int Retried => Volatile.Read(ref retried);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancel).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return response;
            var pause = Pause(response, attempt);
            if (attempt >= MaxRetries || pause > MaxWait)
            {
                var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
                var status = response.StatusCode;
                response.Dispose();
                var gaveUp = attempt >= MaxRetries ? $"still throttled after {MaxRetries} retries" : $"asked to wait {pause.TotalSeconds:0} s, longer than the {MaxWait.TotalSeconds:0} s this tool waits";
                throw new DataverseWebApiException(status, Resource(request), DataverseError.Parse(body),
                    $"Dataverse's service protection limits were reached ({gaveUp}): wait a few minutes, or run fewer clients against the environment at once, then run again.");
            }
            response.Dispose();
            Interlocked.Increment(ref retried);
            await wait(pause, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>HttpClient.Send (synchronous) reaches handlers through Send: the same retries, waited on this thread.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancel) =>
        SendAsync(request, cancel).GetAwaiter().GetResult();

    /// <summary>Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3); without one, 2^(attempt+1) seconds.</summary>
    private TimeSpan Pause(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is { } date) return date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        return TimeSpan.FromSeconds(Math.Pow(2, attempt + 1));
    }

    /// <summary>The first path segment after the Web API root, without keys or query (they may hold identifiers).</summary>
    internal static string Resource(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var root = path.IndexOf("/api/data/", StringComparison.OrdinalIgnoreCase);
        var rest = root < 0 ? path.TrimStart('/') : path[(root + "/api/data/".Length)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0 && rest.StartsWith('v')) rest = rest[(slash + 1)..];   // the version segment, v9.2
        var end = rest.IndexOfAny(['(', '/', '?']);
        return end < 0 ? rest : rest[..end];
    }
}
