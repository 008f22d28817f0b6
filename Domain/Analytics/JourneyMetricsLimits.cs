using System.Globalization;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>How much one in-app computation (pj_GetJourneyMetrics) takes on; beyond it, the offline journey map.</summary>
    public static class JourneyMetricsLimits
    {
        /// <summary>
        /// Stage visits one call reads at most: 10 pages of 5,000 (Dataverse's page size). The computation of 20,000
        /// visits measured 31 ms, so the call's time is the reading (README, "Journey metrics").
        /// </summary>
        public const int MaxStageVisitsPerCall = 50000;

        /// <summary>
        /// Rows of all tables one call reads at most: 15 pages of 5,000, inside the 2-minute plug-in limit even at 5 s a
        /// page (https://learn.microsoft.com/power-apps/developer/data-platform/analyze-performance).
        /// </summary>
        public const int MaxRowsPerCall = 75000;

        public const int MaxTopVariants = 100;

        /// <summary>The refusal when a selection is beyond one call: what to narrow, or where to compute it instead.</summary>
        public static string TooMany(string what, int limit) =>
            string.Format(CultureInfo.InvariantCulture, "The selection holds more than {0:N0} {1}, more than one in-app call can compute within Dataverse's limits. "
            + "Choose one pathway or a shorter period, or run the offline journey map over an export (journey-map report).", limit, what);
    }
}
