using System;

namespace PatientJourney.Crm.Emulator;

/// <summary>The emulator's time: timestamps, date operators and async scheduling all read it; tests move it.</summary>
public sealed class EmulatorClock
{
    /// <summary>A fixed Monday morning, so tests that do not set the clock are still deterministic.</summary>
    public static readonly DateTime DefaultStart = new(2025, 1, 6, 9, 0, 0, DateTimeKind.Utc);

    public DateTime UtcNow { get; private set; } = DefaultStart;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        UtcNow += by;
    }

    public void Set(DateTime utcNow) => UtcNow = DateTime.SpecifyKind(utcNow.ToUniversalTime(), DateTimeKind.Utc);
}
