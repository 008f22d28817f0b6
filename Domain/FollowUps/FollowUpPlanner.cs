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
        private readonly BusinessCalendar calendar;
        private readonly QuietHours defaultQuietHours;
        private readonly TimeZoneInfo timeZone;
        private readonly IReadOnlyList<FollowUpRule> defaults;

        /// <param name="defaults">The built-in rules with the organisation's timing; null means <see cref="DefaultFollowUpRules.All"/>.</param>
        public FollowUpPlanner(BusinessCalendar calendar, QuietHours defaultQuietHours, TimeZoneInfo timeZone, IReadOnlyList<FollowUpRule>? defaults = null)
        {
            this.defaults = defaults ?? DefaultFollowUpRules.All;
            this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
            this.defaultQuietHours = defaultQuietHours ?? throw new ArgumentNullException(nameof(defaultQuietHours));
            this.timeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        }

        /// <summary>The rules in force for an event: per identity, the most specific configured rule, else the default.</summary>
        public static IReadOnlyList<FollowUpRule> RulesFor(FollowUpEvent followUpEvent, IEnumerable<FollowUpRule> configuredRules) =>
            RulesFor(followUpEvent, configuredRules, DefaultFollowUpRules.All);

        /// <summary>The rules in force for an event, given the built-in rules to start from.</summary>
        public static IReadOnlyList<FollowUpRule> RulesFor(FollowUpEvent followUpEvent, IEnumerable<FollowUpRule> configuredRules, IEnumerable<FollowUpRule> defaults)
        {
            var byIdentity = new Dictionary<string, FollowUpRule>();
            foreach (var rule in defaults.Where(r => r.Applies(followUpEvent))) byIdentity[rule.Identity] = rule;
            foreach (var rule in configuredRules.Where(r => r.Applies(followUpEvent)).OrderBy(r => r.Specificity))
            {
                byIdentity[rule.Identity] = rule;
            }
            return byIdentity.Values.Where(r => r.IsActive).OrderBy(r => r.Offset).ThenBy(r => r.Type).ToList();
        }

        /// <summary>
        /// The follow-ups for an event. Rules whose risk filter the event does not reach are left out, and so are
        /// reminders (rules due before the event) whose time has already passed.
        /// </summary>
        public IReadOnlyList<PlannedFollowUp> Plan(FollowUpEvent followUpEvent, IEnumerable<FollowUpRule> configuredRules, ContactPreferences preferences, DateTime nowUtc)
        {
            var plans = new List<PlannedFollowUp>();
            foreach (var rule in RulesFor(followUpEvent, configuredRules, defaults))
            {
                if (rule.MinimumRiskBand.HasValue && (!followUpEvent.RiskBand.HasValue || followUpEvent.RiskBand.Value < rule.MinimumRiskBand.Value)) continue;
                // A follow-up that would fall outside Dataverse's date range can never come due, so it is not planned.
                var due = DueOn(rule, followUpEvent.AnchorOn);
                if (!due.HasValue || (rule.Offset < TimeSpan.Zero && due.Value < nowUtc)) continue;
                if (rule.Kind == FollowUpKind.StaffTask)
                {
                    // Staff work in business hours: a task before its event moves back to the last business moment,
                    // one after it forward to the next opening.
                    var workable = rule.Offset < TimeSpan.Zero ? calendar.LastBusinessTimeBefore(due.Value) : calendar.NextBusinessTime(due.Value);
                    if (!workable.HasValue || (rule.Offset < TimeSpan.Zero && workable.Value < nowUtc)) continue;
                    plans.Add(new PlannedFollowUp(KeyFor(rule, followUpEvent), rule, rule.Channel, workable.Value, FollowUpStatus.Pending));
                    continue;
                }
                if (!FollowUpRuleCheck.IsForPatient(rule.Type))
                {
                    // A message to the referring provider is not the patient's: their consent and quiet hours do not apply.
                    plans.Add(new PlannedFollowUp(KeyFor(rule, followUpEvent), rule, rule.Channel ?? ContactChannel.Email, due.Value, FollowUpStatus.Pending));
                    continue;
                }
                var channel = preferences.ChannelFor(rule.Channel);
                var sendable = (preferences.QuietHours ?? defaultQuietHours).MoveOutOf(due.Value, timeZone);
                if (!sendable.HasValue) continue;
                plans.Add(new PlannedFollowUp(KeyFor(rule, followUpEvent), rule, channel, sendable.Value,
                    channel.HasValue ? FollowUpStatus.Pending : FollowUpStatus.Suppressed));
            }
            return plans;
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
