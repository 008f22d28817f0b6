using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Calendar;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// Decides which follow-ups an event calls for and when each is due: the applicable rules (built-in defaults,
    /// overridden or extended by configured rules), their risk filters, the patient's channels and consent, the
    /// organisation's business calendar (staff tasks fall due in business hours) and quiet hours (messages).
    /// </summary>
    public sealed class FollowUpPlanner
    {
        /// <summary>The organisation's language when none is configured.</summary>
        public const string FallbackLanguage = "en";

        private readonly BusinessCalendar calendar;
        private readonly QuietHours defaultQuietHours;
        private readonly TimeZoneInfo timeZone;
        private readonly IReadOnlyList<FollowUpRule> defaults;

        /// <param name="defaults">The built-in rules with the organisation's timing; null means <see cref="DefaultFollowUpRules.All"/>.</param>
        /// <param name="defaultLanguage">The organisation's language (BCP-47), for patients without one; null means <see cref="FallbackLanguage"/>.</param>
        public FollowUpPlanner(BusinessCalendar calendar, QuietHours defaultQuietHours, TimeZoneInfo timeZone, IReadOnlyList<FollowUpRule>? defaults = null, string? defaultLanguage = null)
        {
            this.defaults = defaults ?? DefaultFollowUpRules.All;
            this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
            this.defaultQuietHours = defaultQuietHours ?? throw new ArgumentNullException(nameof(defaultQuietHours));
            this.timeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
            if (defaultLanguage != null && !LanguageTag.IsWellFormed(defaultLanguage))
                throw new BusinessRuleViolation($"The default language \"{defaultLanguage}\" is not a BCP-47 code such as \"en\" or \"en-GB\"; correct the environment variable pj_DefaultLanguage.");
            DefaultLanguage = defaultLanguage?.Trim() ?? FallbackLanguage;
        }

        /// <summary>The organisation's language: what patients without a preferred language are taken to speak.</summary>
        public string DefaultLanguage { get; }

        /// <summary>
        /// The rules in force for an event and patient: per identity, the most specific configured rule whose scope and
        /// segment include them, else the default.
        /// </summary>
        public IReadOnlyList<FollowUpRule> RulesFor(FollowUpEvent followUpEvent, IEnumerable<FollowUpRule> configuredRules, ContactPreferences? patient)
        {
            var byIdentity = new Dictionary<string, FollowUpRule>();
            foreach (var rule in defaults.Where(r => r.Applies(followUpEvent, patient, DefaultLanguage))) byIdentity[rule.Identity] = rule;
            foreach (var rule in configuredRules.Where(r => r.Applies(followUpEvent, patient, DefaultLanguage)).OrderBy(r => r.Specificity))
            {
                byIdentity[rule.Identity] = rule;
            }
            return byIdentity.Values.Where(r => r.IsActive).OrderBy(r => r.Offset).ThenBy(r => r.Type).ToList();
        }

        /// <summary>
        /// The follow-ups for an event. Rules whose risk filter the event does not reach are left out, and so are
        /// reminders (rules due before the event) whose time has passed, and education for which the library holds
        /// no content that fits.
        /// </summary>
        public IReadOnlyList<PlannedFollowUp> Plan(FollowUpEvent followUpEvent, IEnumerable<FollowUpRule> configuredRules, ContactPreferences preferences, DateTime nowUtc,
            EducationLibrary? education = null)
        {
            var plans = new List<PlannedFollowUp>();
            foreach (var rule in RulesFor(followUpEvent, configuredRules, preferences))
            {
                if (rule.MinimumRiskBand.HasValue && (!followUpEvent.RiskBand.HasValue || followUpEvent.RiskBand.Value < rule.MinimumRiskBand.Value)) continue;
                Guid? contentId = null;
                if (rule.Type == FollowUpType.Education)
                {
                    contentId = (education ?? EducationLibrary.Empty).Choose(rule.EducationContentId, followUpEvent.PathwayId, followUpEvent.StageId, preferences.Language, DefaultLanguage)?.Id;
                    if (!contentId.HasValue) continue;
                }
                // A follow-up that would fall outside Dataverse's date range can never come due, so it is not planned.
                var due = DueOn(rule, followUpEvent.AnchorOn);
                if (!due.HasValue || (rule.Offset < TimeSpan.Zero && due.Value < nowUtc)) continue;
                var plan = Deliverable(rule, KeyFor(rule, followUpEvent), due.Value, rule.Offset < TimeSpan.Zero, preferences, nowUtc, contentId, rule.RecurrenceDays.HasValue ? 1 : (int?)null);
                if (plan != null) plans.Add(plan);
            }
            return plans;
        }

        /// <summary>
        /// The next occurrence of a recurring rule after one that fell due on <paramref name="previousDueOn"/>: the rule's
        /// recurrence later, moved out of quiet hours (messages) or into business hours (staff tasks), on the patient's
        /// channels as they are now. Null when the rule does not recur or the next time lies beyond Dataverse's dates.
        /// </summary>
        public PlannedFollowUp? PlanNextOccurrence(FollowUpRule rule, string previousKey, int previousOccurrence, DateTime previousDueOn, ContactPreferences preferences,
            DateTime nowUtc, Guid? educationContentId = null)
        {
            if (!rule.RecurrenceDays.HasValue) return null;
            var due = LocalTime.Add(previousDueOn, TimeSpan.FromDays(rule.RecurrenceDays.Value));
            if (!due.HasValue) return null;
            return Deliverable(rule, FollowUpRecurrence.NextKey(previousKey), due.Value, false, preferences, nowUtc, educationContentId, previousOccurrence + 1);
        }

        // When and how a follow-up due at a time is delivered: staff tasks in business hours (one before its event moves
        // back to the last business moment, one after it forward to the next opening); messages out of quiet hours, on
        // the channel the patient allows, else suppressed.
        private PlannedFollowUp? Deliverable(FollowUpRule rule, string key, DateTime due, bool beforeEvent, ContactPreferences preferences, DateTime nowUtc,
            Guid? educationContentId, int? occurrence)
        {
            if (rule.Kind == FollowUpKind.StaffTask)
            {
                var workable = beforeEvent ? calendar.LastBusinessTimeBefore(due) : calendar.NextBusinessTime(due);
                if (!workable.HasValue || (beforeEvent && workable.Value < nowUtc)) return null;
                return new PlannedFollowUp(key, rule, rule.Channel, workable.Value, FollowUpStatus.Pending, educationContentId, occurrence);
            }
            // A message to the referring provider is not the patient's: their consent and quiet hours do not apply.
            if (!FollowUpRuleCheck.IsForPatient(rule.Type)) return new PlannedFollowUp(key, rule, rule.Channel ?? ContactChannel.Email, due, FollowUpStatus.Pending, educationContentId, occurrence);
            var channel = preferences.ChannelFor(rule.Channel);
            var sendable = (preferences.QuietHours ?? defaultQuietHours).MoveOutOf(due, timeZone);
            if (!sendable.HasValue) return null;
            return new PlannedFollowUp(key, rule, channel, sendable.Value, channel.HasValue ? FollowUpStatus.Pending : FollowUpStatus.Suppressed, educationContentId, occurrence);
        }

        /// <summary>The team that gets a staff task when nobody usable on its journey or referral can (pj_DefaultCareTeam; none by default).</summary>
        public Guid? DefaultCareTeamId { get; set; }

        /// <summary>The built-in rules this planner starts from.</summary>
        public IReadOnlyList<FollowUpRule> Defaults => defaults;

        /// <summary>"trigger:type:offset-minutes:source-id": one follow-up per rule and event source, at most 100 characters.</summary>
        public static string KeyFor(FollowUpRule rule, FollowUpEvent followUpEvent) => $"{rule.Identity}:{followUpEvent.SourceId:N}";

        /// <summary>The identity of the rule a follow-up's idempotency key was made for (the key without its source id).</summary>
        public static string RuleIdentityOf(string idempotencyKey)
        {
            var cut = idempotencyKey.LastIndexOf(':');
            return cut < 0 ? idempotencyKey : idempotencyKey.Substring(0, cut);
        }

        /// <summary>Whether a follow-up's idempotency key says the trigger raised it (keys start with the rule identity, trigger first).</summary>
        public static bool RaisedBy(string idempotencyKey, FollowUpTrigger trigger) =>
            idempotencyKey != null && idempotencyKey.StartsWith(trigger + ":", StringComparison.Ordinal);

        private DateTime? DueOn(FollowUpRule rule, DateTime anchor)
        {
            switch (rule.Basis)
            {
                case OffsetBasis.NextBusinessDay:
                    return calendar.TryStartOfNextBusinessDay(anchor);
                case OffsetBasis.BusinessDays:
                    var businessDay = calendar.ClosesAt - calendar.OpensAt;
                    return calendar.TryAddBusinessTime(anchor, TimeSpan.FromTicks((long)(businessDay.Ticks * rule.Offset.TotalDays)));
                default:
                    return LocalTime.Add(anchor, rule.Offset);
            }
        }
    }
}
