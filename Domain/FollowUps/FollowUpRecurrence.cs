using System;
using System.Globalization;
using PatientJourney.Crm.Domain.Journeys;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// Recurring rules (annual screening, monthly medication reminders): when an occurrence falls due, is completed or
    /// fails, the next is planned the rule's recurrence days after the previous one's due time, while the rule is
    /// active and the journey has not ended (a follow-up outside any journey recurs until the rule is switched off).
    /// Each occurrence's idempotency key derives from the previous one's, so a retried step finds the occurrence it
    /// planned before; the key's source part differs from the event's, so re-planning the event never cancels them.
    /// </summary>
    public static class FollowUpRecurrence
    {
        private const string Discriminator = "next occurrence";

        /// <summary>Whether an occurrence reaching this status calls for the next one (it fell due, was done or failed).</summary>
        public static bool CallsForNext(FollowUpStatus status) =>
            status == FollowUpStatus.Due || status == FollowUpStatus.Completed || status == FollowUpStatus.Failed;

        /// <summary>Whether a journey in this state keeps its recurring follow-ups going (null: no journey).</summary>
        public static bool Continues(JourneyStatus? journey) =>
            !journey.HasValue || journey == JourneyStatus.Active || journey == JourneyStatus.OnHold;

        /// <summary>The idempotency key of the occurrence after the one with this key: the same rule identity, a source derived from the previous one.</summary>
        public static string NextKey(string previousKey)
        {
            if (previousKey == null) throw new ArgumentNullException(nameof(previousKey));
            var identity = FollowUpPlanner.RuleIdentityOf(previousKey);
            var source = previousKey.Length > identity.Length ? previousKey.Substring(identity.Length + 1) : string.Empty;
            if (!Guid.TryParseExact(source, "N", out var sourceId))
                throw new BusinessRuleViolation("The follow-up's idempotency key does not end in the id of what it was planned for, so its next occurrence cannot be planned.");
            return identity + ":" + DeterministicId.From(sourceId, Discriminator).ToString("N", CultureInfo.InvariantCulture);
        }
    }
}
