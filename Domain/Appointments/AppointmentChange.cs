using System;

namespace PatientJourney.Crm.Domain.Appointments
{
    /// <summary>Where an appointment stands for the care team: still to come, called off, the patient came (arrived, then fulfilled), or missed.</summary>
    public enum AttendanceState
    {
        /// <summary>Scheduled, confirmed or rescheduled (or no attendance recorded yet).</summary>
        Booked,
        /// <summary>Cancelled by the patient or by the provider.</summary>
        Cancelled,
        Arrived,
        Fulfilled,
        Missed,
    }

    /// <summary>The columns of an appointment the automation follows, as they were or are.</summary>
    public sealed class AppointmentState
    {
        public AppointmentState(Guid? patientId, Guid? journeyId, DateTime? start, AttendanceState attendance)
        {
            PatientId = patientId;
            JourneyId = journeyId;
            Start = start;
            Attendance = attendance;
        }

        public Guid? PatientId { get; }
        public Guid? JourneyId { get; }
        public DateTime? Start { get; }
        public AttendanceState Attendance { get; }

        /// <summary>Attended (arrived or fulfilled) and missed appointments are what the patient's attendance counters count.</summary>
        public bool Counts => Attendance == AttendanceState.Arrived || Attendance == AttendanceState.Fulfilled || Attendance == AttendanceState.Missed;
    }

    /// <summary>
    /// What a save of an appointment changed, and so what the automation must redo. Only a real change re-plans the
    /// follow-ups: a new booking, a moved start, another patient or journey, or attendance reaching another state
    /// (cancelled, arrived, fulfilled, missed, booked again). A save that keeps the appointment booked at the same time — the
    /// patient confirming, a status set to "rescheduled" without a new time — leaves its reminders alone, so a
    /// reminder that is already due is still sent.
    /// </summary>
    public sealed class AppointmentChange
    {
        private AppointmentChange(AppointmentState? before, AppointmentState after)
        {
            Before = before;
            After = after;
        }

        /// <summary>The appointment before the save; null for a new appointment.</summary>
        public AppointmentState? Before { get; }

        public AppointmentState After { get; }

        public static AppointmentChange Between(AppointmentState? before, AppointmentState after) =>
            new AppointmentChange(before, after ?? throw new ArgumentNullException(nameof(after)));

        public bool IsNew => Before == null;

        public bool PatientChanged => Before != null && Before.PatientId != After.PatientId;

        public bool StartMoved => Before != null && Before.Start != After.Start;

        public bool JourneyChanged => Before != null && Before.JourneyId != After.JourneyId;

        public bool AttendanceChanged => Before != null && Before.Attendance != After.Attendance;

        /// <summary>Whether the appointment's follow-ups must be planned again.</summary>
        public bool ReplansFollowUps => IsNew || PatientChanged || StartMoved || JourneyChanged || AttendanceChanged;

        /// <summary>Whether a patient's attendance counters may have changed (a counted appointment came, went or moved patient).</summary>
        public bool RecountsAttendance =>
            IsNew ? After.Counts : (Before!.Counts || After.Counts) && (AttendanceChanged || PatientChanged);

        /// <summary>Whether this save records the appointment as missed (it was not recorded so before).</summary>
        public bool BecameMissed => Became(AttendanceState.Missed);

        /// <summary>Whether this save records the appointment as fulfilled (it was not recorded so before).</summary>
        public bool BecameFulfilled => Became(AttendanceState.Fulfilled);

        private bool Became(AttendanceState state) => After.Attendance == state && (IsNew || Before!.Attendance != state);
    }
}
