using System.Globalization;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>How much one in-app computation (pj_GetJourneyMetrics) takes on; beyond it, the offline journey map.</summary>
    public static class JourneyMetricsLimits
    {
        /// <summary>
        /// Stage visits one call reads at most: 10 pages of 5,000 (Dataverse's page size). The computation of 20,000
        /// visits measured 31 ms, so the call's time is the reading: about 15 pages at this limit, inside the 2-minute
        /// plug-in limit even at 5 s a page (README, "Journey metrics").
        /// </summary>
        public const int MaxStageVisitsPerCall = 50000;

        public const int MaxTopVariants = 100;

        public static string TooManyStageVisits(int limit) =>
            string.Format(CultureInfo.InvariantCulture, "The selection holds more than {0:N0} stage visits, more than one in-app call can compute within Dataverse's limits. "
            + "Choose one pathway or a shorter period, or run the offline journey map over an export (journey-map report).", limit);
    }
}
