using System;
using System.Globalization;
using PatientJourney.Crm.Domain.FollowUps;

namespace PatientJourney.Crm.Domain.Referrals
{
    /// <summary>
    /// What a referral's status moves raise: submission, acceptance, scheduling and rejection tell the patient and the
    /// referring provider (the built-in rules of those triggers, which configured rules override or switch off);
    /// expiry raises a task for the referral's coordinator to tell the referrer. A referral submitted and not accepted
    /// within the organisation's number of days expires.
    /// </summary>
    public static class ReferralFollowUps
    {
        /// <summary>
        /// Default days a submitted referral may wait for acceptance: 30, about twice the routine acceptance SLA (ten
        /// business days, two calendar weeks), so the breach escalation has had two weeks to act before the referral
        /// is closed and the referrer told to refer again.
        /// </summary>
        public const int DefaultExpiryDays = 30;

        /// <summary>The follow-up trigger a move to this status fires, or null when the status tells nobody.</summary>
        public static FollowUpTrigger? TriggerFor(ReferralStatus status)
        {
            switch (status)
            {
                case ReferralStatus.Submitted: return FollowUpTrigger.ReferralSubmitted;
                case ReferralStatus.Accepted: return FollowUpTrigger.ReferralAccepted;
                case ReferralStatus.Scheduled: return FollowUpTrigger.ReferralScheduled;
                case ReferralStatus.Rejected: return FollowUpTrigger.ReferralRejected;
                case ReferralStatus.Expired: return FollowUpTrigger.ReferralExpired;
                default: return null;
            }
        }

        /// <summary>
        /// Days from the setting (a whole number from 0 to 3650; 0 turns expiry off; empty means the default).
        /// </summary>
        public static int ExpiryDays(string? setting, string settingName)
        {
            if (string.IsNullOrWhiteSpace(setting)) return DefaultExpiryDays;
            if (int.TryParse(setting!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 3650) return days;
            throw new BusinessRuleViolation($"The environment variable {settingName} must be a whole number of days from 0 (never expire) to 3650; set it in the solution's environment variables.");
        }

        /// <summary>Submitted before this instant and still not accepted: expired now (null when expiry is off or the date would fall before Dataverse's range).</summary>
        public static DateTime? SubmittedBefore(DateTime nowUtc, int expiryDays)
        {
            if (expiryDays <= 0) return null;
            return nowUtc.Ticks - DateTime.MinValue.Ticks > TimeSpan.FromDays(expiryDays).Ticks ? nowUtc.AddDays(-expiryDays) : (DateTime?)null;
        }

        /// <summary>Whether a referral in this status, submitted then, has expired by now.</summary>
        public static bool HasExpired(ReferralStatus status, DateTime? submittedOnUtc, DateTime nowUtc, int expiryDays)
        {
            var cutoff = SubmittedBefore(nowUtc, expiryDays);
            return status == ReferralStatus.Submitted && submittedOnUtc.HasValue && cutoff.HasValue && submittedOnUtc.Value < cutoff.Value;
        }
    }
}
