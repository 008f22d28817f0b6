using System;
using PatientJourney.Crm.Domain.Journeys;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>Which of a journey's open follow-ups a change of the journey makes pointless.</summary>
    public enum ClosedFollowUps
    {
        None,
        /// <summary>Every open follow-up of the journey.</summary>
        All,
        /// <summary>
        /// Every open follow-up except the post-discharge ones: completing the journey is the discharge they follow.
        /// Recurrences of a post-discharge rule (second occurrence on) are closed all the same: recurring care ends with the journey.
        /// </summary>
        AllButPostDischarge,
        /// <summary>The open post-discharge follow-ups: the patient is back in care (readmitted).</summary>
        PostDischarge,
    }

    /// <summary>
    /// When a journey's open follow-ups are cancelled, and why (the reason is written on each): a dropped or cancelled
    /// journey needs none of them; a completed one keeps only its post-discharge follow-ups; a journey that leaves
    /// post-care for an earlier phase (a readmission) drops the follow-ups of the discharge it leaves, so the next
    /// discharge plans a fresh set and the patient does not get two surveys.
    /// </summary>
    public sealed class JourneyFollowUpClosure
    {
        private JourneyFollowUpClosure(ClosedFollowUps scope, string? reason)
        {
            Scope = scope;
            Reason = reason;
        }

        public ClosedFollowUps Scope { get; }

        /// <summary>Why the follow-ups are cancelled (no patient data), or null when none are.</summary>
        public string? Reason { get; }

        public static JourneyFollowUpClosure For(JourneyStatus statusBefore, JourneyStatus statusAfter, bool wasPostCare, bool isPostCare)
        {
            if (statusAfter != statusBefore)
            {
                switch (statusAfter)
                {
                    case JourneyStatus.Dropped: return new JourneyFollowUpClosure(ClosedFollowUps.All, "The journey was dropped.");
                    case JourneyStatus.Cancelled: return new JourneyFollowUpClosure(ClosedFollowUps.All, "The journey was cancelled.");
                    case JourneyStatus.Completed: return new JourneyFollowUpClosure(ClosedFollowUps.AllButPostDischarge, "The journey was completed.");
                }
            }
            if (wasPostCare && !isPostCare)
                return new JourneyFollowUpClosure(ClosedFollowUps.PostDischarge, "The patient was readmitted (the journey left post-care), so this discharge's follow-ups are no longer due.");
            return new JourneyFollowUpClosure(ClosedFollowUps.None, null);
        }

        /// <summary>Whether an open follow-up with this idempotency key (and occurrence of a recurring rule) is one to cancel.</summary>
        public bool Closes(string idempotencyKey, int? occurrence = null)
        {
            if (idempotencyKey == null) throw new ArgumentNullException(nameof(idempotencyKey));
            var postDischarge = FollowUpPlanner.RaisedBy(idempotencyKey, FollowUpTrigger.Discharge);
            switch (Scope)
            {
                case ClosedFollowUps.All: return true;
                case ClosedFollowUps.AllButPostDischarge: return !postDischarge || occurrence > 1;
                case ClosedFollowUps.PostDischarge: return postDischarge;
                default: return false;
            }
        }
    }
}
