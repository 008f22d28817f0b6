using System;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>A follow-up the planner decided on, ready to be written as a follow-up row.</summary>
    public sealed class PlannedFollowUp
    {
        public PlannedFollowUp(string idempotencyKey, FollowUpRule rule, ContactChannel? channel, DateTime dueOn, FollowUpStatus status, Guid? educationContentId = null, int? occurrence = null)
        {
            EducationContentId = educationContentId;
            Occurrence = occurrence;
            IdempotencyKey = idempotencyKey;
            Rule = rule;
            Channel = channel;
            DueOn = dueOn;
            Status = status;
        }

        /// <summary>Stable for the same event source and rule, so replays and reschedules find the same row.</summary>
        public string IdempotencyKey { get; }

        public FollowUpRule Rule { get; }

        public ContactChannel? Channel { get; }

        public DateTime DueOn { get; }

        /// <summary>Pending, or Suppressed for a message the patient allows no channel for.</summary>
        public FollowUpStatus Status { get; }

        /// <summary>Education follow-ups: the content chosen for the patient.</summary>
        public Guid? EducationContentId { get; }

        /// <summary>Recurring rules: which occurrence this is (1 = the first); null for a rule that happens once.</summary>
        public int? Occurrence { get; }
    }
}
