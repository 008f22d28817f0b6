namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>What happened that may call for follow-ups.</summary>
    public enum FollowUpTrigger
    {
        AppointmentScheduled,
        StageEntered,
        /// <summary>Entering a post-care stage: the patient left the care setting.</summary>
        Discharge,
        NoShow,
        ReferralSubmitted,
        ReferralBreached,
        SurveyDetractor,
        RiskBandHigh,
        /// <summary>Recurring care such as an annual screening, anchored on the last occurrence.</summary>
        Periodic,
        /// <summary>A patient's first appointment (on the journey, else outside any journey) is booked; counted from the booking.</summary>
        FirstAppointmentBooked,
        /// <summary>The same first appointment, counted back from its start (pre-registration, directions).</summary>
        BeforeFirstAppointment,
        /// <summary>An appointment is fulfilled (the visit took place); counted from its end.</summary>
        AppointmentAttended,
        ReferralAccepted,
        ReferralScheduled,
        ReferralRejected,
        ReferralExpired,
    }

    /// <summary>Automated messages are delivered by flows; staff tasks are worked by people.</summary>
    public enum FollowUpKind
    {
        AutomatedMessage,
        StaffTask,
    }

    public enum FollowUpType
    {
        AppointmentReminder,
        ReminderCall,
        CheckInCall,
        ExperienceSurvey,
        FollowUpAppointmentCheck,
        NoShowRecovery,
        ReferralEscalation,
        ServiceRecovery,
        ScreeningReminder,
        Message,
        Task,
        /// <summary>Welcome before a first appointment.</summary>
        Welcome,
        /// <summary>Invitation to pre-register (forms, insurance, medication list) before a first appointment.</summary>
        PreRegistration,
        /// <summary>How to get there: site, parking, what to bring.</summary>
        Directions,
        /// <summary>Instructions or education from the education content, chosen by pathway, stage and language.</summary>
        Education,
        ReferralStatusToPatient,
        ReferralStatusToReferrer,
        ExpiredReferral,
    }

    public enum ContactChannel
    {
        Sms,
        Email,
        Phone,
        Portal,
        App,
    }

    public enum FollowUpStatus
    {
        Pending,
        Due,
        Completed,
        Cancelled,
        /// <summary>Created but never to be sent: the patient allows no channel for it. Kept so the gap is visible.</summary>
        Suppressed,
        Failed,
    }

    /// <summary>How a rule's offset is counted from the event.</summary>
    public enum OffsetBasis
    {
        /// <summary>Plain elapsed time (negative = before the event, e.g. a reminder before an appointment).</summary>
        ElapsedTime,
        /// <summary>Whole business days of the organisation's calendar (the offset's days; one day = the opening hours).</summary>
        BusinessDays,
        /// <summary>The opening of the next business day after the event (the offset is ignored).</summary>
        NextBusinessDay,
    }
}
