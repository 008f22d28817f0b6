using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Tests.Plugins;
using Xunit;
using static PatientJourney.Crm.Emulator.Tests.TestSchema;

namespace PatientJourney.Crm.Emulator.Tests.Inspection;

public sealed class InspectionTests
{
    [Fact]
    public void Each_request_records_its_trace_steps_and_rows_written()
    {
        var emulator = NewEmulator(typeof(TouchpointOnJourneyCreated), typeof(TraceRankTen));
        var service = emulator.CreateOrganizationService();
        var id = service.NewJourney();
        var request = emulator.LastRequest;
        Assert.True(request.Succeeded);
        Assert.Equal(["Create pj_journey " + id, "Create pj_touchpoint " + emulator.Rows("pj_touchpoint").Single().Id],
            request.RowsWritten.Select(w => $"{w.Operation} {w.Table} {w.Id}"));
        Assert.Contains("TouchpointOnJourneyCreated: start", request.TraceLines);
        service.Create(new Entity("pj_tag") { ["pj_name"] = "t" });
        Assert.Equal(["rank 10"], emulator.LastRequest.TraceLines.Where(l => l.StartsWith("rank", StringComparison.Ordinal)));
        Assert.Equal(4, emulator.RowsWritten.Count);
    }

    [Fact]
    public void Snapshot_restore_and_reset_bring_rows_and_clock_back()
    {
        var emulator = NewEmulator();
        var service = emulator.CreateOrganizationService();
        service.NewJourney();
        var snapshot = emulator.Snapshot();
        var start = emulator.Clock.UtcNow;
        emulator.Clock.Advance(TimeSpan.FromDays(1));
        service.NewJourney();
        Assert.Equal(2, emulator.Rows("pj_journey").Count);
        emulator.Restore(snapshot);
        Assert.Single(emulator.Rows("pj_journey"));
        Assert.Equal(start, emulator.Clock.UtcNow);
        emulator.Reset();
        Assert.Empty(emulator.Rows("pj_journey"));
        Assert.Empty(emulator.Requests);
        Assert.Equal(2, emulator.Rows("systemuser").Count);
    }

    [Fact]
    public void The_clock_only_moves_forward()
    {
        var clock = new EmulatorClock();
        Assert.Equal(EmulatorClock.DefaultStart, clock.UtcNow);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(EmulatorClock.DefaultStart.AddMinutes(5), clock.UtcNow);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromMinutes(-1)));
    }
}
