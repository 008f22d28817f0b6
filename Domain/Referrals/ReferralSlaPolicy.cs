using System;
using System.Collections.Generic;
using System.Globalization;
using PatientJourney.Crm.Domain.Calendar;

namespace PatientJourney.Crm.Domain.Referrals
{
    /// <summary>Whether a referral is past its SLA, and why.</summary>
    public sealed class SlaBreach
    {
        public SlaBreach(string reason)
        {
            Reason = reason;
        }

        /// <summary>Operational text for the breach-reason column (no patient data).</summary>
        public string Reason { get; }
    }

    /// <summary>
    /// The referral SLA: how much business time the receiving service has to accept a submitted referral, by priority.
    /// The allowances come from an environment variable such as "stat=2h; asap=1d; urgent=2d; routine=5d", where
    /// h is business hours and d is business days (one day = the length of the opening hours).
    /// </summary>
    public sealed class ReferralSlaPolicy
    {
        public const string DefaultAllowances = "stat=2h; asap=1d; urgent=2d; routine=5d";

        private readonly BusinessCalendar calendar;
        private readonly Dictionary<ReferralPriority, TimeSpan> allowances;

        public ReferralSlaPolicy(BusinessCalendar calendar, IDictionary<ReferralPriority, TimeSpan> allowances)
        {
            this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
            this.allowances = new Dictionary<ReferralPriority, TimeSpan>(allowances);
            foreach (ReferralPriority priority in Enum.GetValues(typeof(ReferralPriority)))
            {
                if (!this.allowances.ContainsKey(priority))
                    throw new BusinessRuleViolation($"The referral SLA has no allowance for priority {priority}; add it to the referral SLA environment variable.");
            }
        }

        public BusinessCalendar Calendar => calendar;

        public TimeSpan Allowance(ReferralPriority priority) => allowances[priority];

        /// <summary>When a referral submitted at <paramref name="submittedOnUtc"/> must be accepted by.</summary>
        public DateTime DueBy(ReferralPriority priority, DateTime submittedOnUtc) => calendar.AddBusinessTime(submittedOnUtc, allowances[priority]);

        /// <summary>
        /// The breach of a referral with this due date, or null. A referral breaches when it is still awaiting acceptance
        /// after its due date, or when it was accepted after it.
        /// </summary>
        public static SlaBreach? FindBreach(ReferralStatus status, DateTime? dueByUtc, DateTime? acceptedOnUtc, DateTime nowUtc)
        {
            if (!dueByUtc.HasValue) return null;
            if (acceptedOnUtc.HasValue)
                return acceptedOnUtc.Value > dueByUtc.Value ? new SlaBreach("Accepted after the SLA due time.") : null;
            if (status == ReferralStatus.Submitted && nowUtc > dueByUtc.Value)
                return new SlaBreach("Not accepted by the SLA due time.");
            return null;
        }

        public static ReferralSlaPolicy Parse(string? text, BusinessCalendar calendar)
        {
            var spec = string.IsNullOrWhiteSpace(text) ? DefaultAllowances : text!;
            var result = new Dictionary<ReferralPriority, TimeSpan>();
            var businessDay = calendar.ClosesAt - calendar.OpensAt;
            foreach (var item in spec.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = item.Split('=');
                if (pair.Length != 2 || !Enum.TryParse(pair[0].Trim(), true, out ReferralPriority priority)) throw Invalid(spec);
                var amount = pair[1].Trim();
                if (amount.Length < 2 || !double.TryParse(amount.Substring(0, amount.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0) throw Invalid(spec);
                var unit = char.ToLowerInvariant(amount[amount.Length - 1]);
                if (unit == 'h') result[priority] = TimeSpan.FromHours(number);
                else if (unit == 'd') result[priority] = TimeSpan.FromTicks((long)(businessDay.Ticks * number));
                else throw Invalid(spec);
            }
            return new ReferralSlaPolicy(calendar, result);
        }

        private static BusinessRuleViolation Invalid(string text) =>
            new BusinessRuleViolation($"The referral SLA \"{text}\" is not in the form \"stat=2h; asap=1d; urgent=2d; routine=5d\"; correct the referral SLA environment variable.");
    }
}
