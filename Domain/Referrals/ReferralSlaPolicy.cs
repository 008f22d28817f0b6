using System;
using System.Collections.Generic;
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
    /// The referral SLA: how much business time the receiving service has to accept a submitted referral, by priority
    /// (environment variables pj_ReferralSlaHours*, in business hours).
    /// </summary>
    public sealed class ReferralSlaPolicy
    {
        private readonly BusinessCalendar calendar;
        private readonly Dictionary<ReferralPriority, TimeSpan> allowances;

        public ReferralSlaPolicy(BusinessCalendar calendar, IDictionary<ReferralPriority, TimeSpan> allowances)
        {
            this.calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
            this.allowances = new Dictionary<ReferralPriority, TimeSpan>(allowances);
            foreach (ReferralPriority priority in Enum.GetValues(typeof(ReferralPriority)))
            {
                if (!this.allowances.ContainsKey(priority))
                    throw new BusinessRuleViolation($"The referral SLA has no allowance for priority {priority}; set its environment variable.");
                if (this.allowances[priority] <= TimeSpan.Zero)
                    throw new BusinessRuleViolation($"The referral SLA for priority {priority} must be a positive number of business hours; correct its environment variable.");
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
    }
}
