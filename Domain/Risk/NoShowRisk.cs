using System;

namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>
    /// No-show risk from the patient's own attendance history, the strongest published predictor (Dantas et al.,
    /// Health Policy 2018; Lenzi et al., PLOS ONE 2019). The estimate is the patient's no-show rate smoothed towards
    /// the organisation's base rate, as if the patient had <see cref="PriorWeight"/> extra appointments at that rate,
    /// so one missed appointment out of one does not read as certainty. Bands: below 10 % low, 10–20 % moderate,
    /// 20 % and above high (the VHA outreach pilot's threshold for high risk was a predicted no-show of 0.2).
    /// </summary>
    public static class NoShowRisk
    {
        /// <summary>Default base rate: a new patient is assumed to miss 15 % of appointments.</summary>
        public const decimal DefaultBaseRate = 0.15m;

        /// <summary>How many appointments' worth of weight the base rate carries.</summary>
        public const int PriorWeight = 4;

        public const decimal HighThreshold = 0.20m;

        public const decimal ModerateThreshold = 0.10m;

        /// <param name="attendedOrMissed">Appointments that were due and either attended or missed (cancellations in time excluded).</param>
        /// <param name="noShows">Of those, the ones the patient missed.</param>
        public static RiskScore Estimate(int attendedOrMissed, int noShows, decimal baseRate = DefaultBaseRate)
        {
            InputRange.Check("Appointments due", attendedOrMissed, 0, 100000);
            InputRange.Check("No-shows", noShows, 0, attendedOrMissed);
            InputRange.Check("Base no-show rate", baseRate, 0, 1);

            var probability = Math.Round((noShows + baseRate * PriorWeight) / (attendedOrMissed + PriorWeight), 4);
            var band = probability >= HighThreshold ? RiskBand.High : probability >= ModerateThreshold ? RiskBand.Moderate : RiskBand.Low;
            return new RiskScore(probability, band);
        }

        /// <summary>
        /// The no-show rate as a KPI: no-shows divided by the appointments that were scheduled and not cancelled in time
        /// (a scheduled appointment the patient neither attended nor cancelled in time to be reassigned is a no-show).
        /// </summary>
        public static decimal? Rate(int scheduled, int cancelledInTime, int noShows)
        {
            var due = scheduled - cancelledInTime;
            if (due <= 0) return null;
            InputRange.Check("No-shows", noShows, 0, due);
            return Math.Round((decimal)noShows / due, 4);
        }
    }
}
