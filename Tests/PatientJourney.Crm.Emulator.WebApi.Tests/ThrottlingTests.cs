using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>The configured request limit: 429 with Retry-After and the service protection error, per caller, in a sliding window.</summary>
public sealed class ThrottlingTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Past_the_limit_a_request_is_429_with_Retry_After_and_writes_nothing()
    {
        await using var server = await WebApiServer.StartAsync((options, _) => options.RequestLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await server.GetAsync("WhoAmI");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var throttled = await server.PostAsync("contacts", """{"lastname":"Quartermaine"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var wait = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 300);
        var error = (await WebApiServer.JsonAsync(throttled)).GetProperty("error");
        Assert.Equal("0x80072322", error.GetProperty("code").GetString());
        Assert.Equal("Number of requests exceeded the limit of 3 over time window of 300 seconds.", error.GetProperty("message").GetString());
        Assert.DoesNotContain(server.Emulator.Rows("contact"), r => r.GetAttributeValue<string>("lastname") == "Quartermaine");
    }

    [Fact]
    public void The_window_slides_and_each_caller_has_its_own_count()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var limiter = new RequestLimiter(2, TimeSpan.FromSeconds(300), clock);
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();

        Assert.Null(limiter.TryAcquire(alice));
        clock.Now = clock.Now.AddSeconds(100);
        Assert.Null(limiter.TryAcquire(alice));
        Assert.Equal(TimeSpan.FromSeconds(200), limiter.TryAcquire(alice));
        Assert.Null(limiter.TryAcquire(bob));
        clock.Now = clock.Now.AddSeconds(200);
        Assert.Null(limiter.TryAcquire(alice));
        Assert.Equal(TimeSpan.FromSeconds(100), limiter.TryAcquire(alice));
    }
}
