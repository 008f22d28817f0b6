using System;
using System.Collections.Generic;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>
    /// The rows the journey metrics are computed from (journey-analytics.md §1): plain values, choices as the Domain's
    /// enums, instants in UTC. A reader fills it from Dataverse (pj_GetJourneyMetrics) or from an export.
    /// </summary>
    public sealed class JourneyEventLog
    {
        /// <summary>The configured stages of every pathway the log touches (names are configuration, not patient data).</summary>
        public List<StageRecord> Stages { get; } = new List<StageRecord>();

        /// <summary>Every journey of the patients concerned, whatever its pathway or start: new patients and readmissions look across them all.</summary>
        public List<JourneyRecord> Journeys { get; } = new List<JourneyRecord>();

        /// <summary>Stage visits; readmissions need those up to 30 days past the period, on any pathway.</summary>
        public List<StageVisitRecord> StageVisits { get; } = new List<StageVisitRecord>();

        public List<TouchpointRecord> Touchpoints { get; } = new List<TouchpointRecord>();

        public List<ReferralRecord> Referrals { get; } = new List<ReferralRecord>();

        public List<AppointmentRecord> Appointments { get; } = new List<AppointmentRecord>();

        public List<FollowUpRecord> FollowUps { get; } = new List<FollowUpRecord>();

        public List<SurveyRecord> Surveys { get; } = new List<SurveyRecord>();
    }

    public sealed class StageRecord
    {
        public Guid Id { get; set; }
        public Guid PathwayId { get; set; }
        public string Name { get; set; } = "";
        public int Sequence { get; set; }
        public StagePhase? Phase { get; set; }
        public decimal? TargetHours { get; set; }
    }

    public sealed class JourneyRecord
    {
        public Guid Id { get; set; }
        public Guid PatientId { get; set; }
        public Guid PathwayId { get; set; }
        public JourneyStatus Status { get; set; }
        public DateTime StartedOn { get; set; }
        public DateTime? CompletedOn { get; set; }
    }

    public sealed class StageVisitRecord
    {
        public Guid Id { get; set; }
        public Guid JourneyId { get; set; }
        public Guid StageId { get; set; }
        public DateTime EnteredOn { get; set; }
        /// <summary>Empty while the visit is open.</summary>
        public DateTime? ExitedOn { get; set; }
        /// <summary>Flagged on exit when the visit outlasted the stage's target.</summary>
        public bool WasOverdue { get; set; }
    }

    public sealed class TouchpointRecord
    {
        public Guid Id { get; set; }
        public Guid? JourneyId { get; set; }
        public Guid? StageId { get; set; }
        public DateTime OccurredOn { get; set; }
        public TouchpointChannel? Channel { get; set; }
        public TouchpointDirection? Direction { get; set; }
        public Sentiment? Sentiment { get; set; }
        public bool IsPainPoint { get; set; }
        public PainPointCategory? PainPointCategory { get; set; }
    }

    public sealed class ReferralRecord
    {
        public Guid Id { get; set; }
        public Guid? PathwayId { get; set; }
        public Guid? JourneyId { get; set; }
        public ReferralStatus Status { get; set; }
        /// <summary>Empty for a draft never submitted: such a referral is in no metric.</summary>
        public DateTime? SubmittedOn { get; set; }
        public DateTime? FirstResponseOn { get; set; }
        public DateTime? SlaDueOn { get; set; }
        /// <summary>The referring organisation, else the referring provider (configuration-like text, not patient data).</summary>
        public string? Source { get; set; }
    }

    public sealed class AppointmentRecord
    {
        public Guid Id { get; set; }
        public Guid? PatientId { get; set; }
        public Guid? JourneyId { get; set; }
        public DateTime ScheduledStart { get; set; }
        public AppointmentAttendance? Attendance { get; set; }
    }

    public sealed class FollowUpRecord
    {
        public Guid Id { get; set; }
        public Guid? JourneyId { get; set; }
        public DateTime DueOn { get; set; }
        public FollowUpStatus Status { get; set; }
        public FollowUpKind? Kind { get; set; }
    }

    public sealed class SurveyRecord
    {
        public Guid Id { get; set; }
        public Guid? JourneyId { get; set; }
        public DateTime RespondedOn { get; set; }
        /// <summary>The 0–10 recommendation score; a response without one counts in no survey metric.</summary>
        public int? Score { get; set; }
    }
}
