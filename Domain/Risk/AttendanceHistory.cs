namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>
    /// A patient's attendance record as the patient's counters show it: appointments that came due (attended or
    /// missed), no-shows among them, the no-show rate and a fresh no-show risk. Appointments still ahead do not count;
    /// cancellations (by the patient or the provider) count as cancelled in time, so they are out of the denominator —
    /// a late cancellation is recorded as a no-show by staff.
    /// </summary>
    public sealed class AttendanceHistory
    {
        public AttendanceHistory(int attended, int noShows)
        {
            InputRange.Check("Attended appointments", attended, 0, int.MaxValue);
            InputRange.Check("No-shows", noShows, 0, int.MaxValue);
            Attended = attended;
            NoShows = noShows;
        }

        public int Attended { get; }

        public int NoShows { get; }

        /// <summary>Appointments that came due: attended or missed.</summary>
        public int AppointmentsDue => Attended + NoShows;

        /// <summary>No-shows ÷ appointments due (null before the first one came due).</summary>
        public decimal? NoShowRate => NoShowRisk.Rate(AppointmentsDue, 0, NoShows);

        /// <summary>The smoothed no-show estimate and its band (<see cref="NoShowRisk.Estimate"/>).</summary>
        public RiskScore Risk => NoShowRisk.Estimate(AppointmentsDue, NoShows);
    }
}
