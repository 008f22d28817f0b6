using System;
using System.Globalization;

namespace PatientJourney.Crm.Testing;

/// <summary>
/// Sizes of the malformed-input runs (Tests/*/Fuzz). Each property names its default iteration count, sized so that
/// the suite stays within about a minute on a loaded machine; <c>PJ_FUZZ_ITERATIONS=N</c> multiplies every count by N
/// for a long run (e.g. overnight).
/// </summary>
public static class FuzzRuns
{
    public const string ScaleVariable = "PJ_FUZZ_ITERATIONS";

    /// <summary>The factor from <see cref="ScaleVariable"/>; 1 when unset. A value that is not a positive whole number is refused.</summary>
    public static int Scale
    {
        get
        {
            var text = Environment.GetEnvironmentVariable(ScaleVariable);
            if (string.IsNullOrWhiteSpace(text)) return 1;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale > 0
                ? scale
                : throw new InvalidOperationException($"{ScaleVariable} must be a positive whole number (a multiplier of the default run sizes), not '{text}'.");
        }
    }

    /// <summary>The iterations to run for a property whose default is <paramref name="defaultIterations"/>.</summary>
    public static long Iterations(long defaultIterations) => defaultIterations * Scale;
}
