using System;
using System.Collections.Generic;

namespace PatientJourney.Crm.Emulator.WebApi.Hosting;

/// <summary>
/// The service protection limit on the number of requests: at most <see cref="Limit"/> per caller in a sliding
/// window (Dataverse: 6,000 per user in 300 seconds). Past it a request gets 429 with Retry-After
/// (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits).
/// </summary>
public sealed class RequestLimiter
{
    /// <summary>0x80072322: the number-of-requests limit's error code.</summary>
    public const int NumberOfRequestsExceeded = unchecked((int)0x80072322);

    private readonly Dictionary<Guid, Queue<DateTime>> requests = [];
    private readonly TimeProvider clock;

    public RequestLimiter(int limit, TimeSpan window, TimeProvider? clock = null)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), "The request limit must be at least 1.");
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), "The request window must be positive.");
        Limit = limit;
        Window = window;
        this.clock = clock ?? TimeProvider.System;
    }

    public int Limit { get; }
    public TimeSpan Window { get; }

    public string Message => $"Number of requests exceeded the limit of {Limit} over time window of {(int)Window.TotalSeconds} seconds.";

    /// <summary>Counts a request of <paramref name="caller"/>; returns null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(Guid caller)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (requests)
        {
            if (!requests.TryGetValue(caller, out var times)) requests[caller] = times = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            if (times.Count >= Limit) return times.Peek() + Window - now;
            times.Enqueue(now);
            return null;
        }
    }
}
