namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>The phase of care a pathway stage belongs to, in the order a journey passes through them.</summary>
    public enum StagePhase
    {
        PreCare,
        Scheduling,
        DuringCare,
        PostCare,
        Ongoing,
    }

    /// <summary>What became of an appointment.</summary>
    public enum AppointmentAttendance
    {
        Scheduled,
        Confirmed,
        Arrived,
        Fulfilled,
        NoShow,
        CancelledByPatient,
        CancelledByProvider,
        Rescheduled,
    }

    /// <summary>The channel an interaction happened on.</summary>
    public enum TouchpointChannel
    {
        Web,
        Portal,
        Phone,
        InPerson,
        App,
        Sms,
        Email,
        /// <summary>A survey answer recorded as a touchpoint.</summary>
        Survey,
    }

    public enum TouchpointDirection
    {
        Inbound,
        Outbound,
        Internal,
    }

    public enum Sentiment
    {
        Positive,
        Neutral,
        Negative,
    }

    public enum PainPointCategory
    {
        WaitingTime,
        Communication,
        Access,
        Billing,
        CareExperience,
        Other,
    }
}
