using System.Collections.Generic;

namespace PatientJourney.Crm.Domain.Referrals
{
    /// <summary>
    /// The moves a referral may make: draft → submitted → accepted → scheduled → completed along the main line;
    /// rejected (with a reason) once submitted or accepted; cancelled from any open state; expired when a submitted
    /// referral is not accepted in time. Closed states (completed, rejected, cancelled, expired) are final.
    /// </summary>
    public static class ReferralLifecycle
    {
        private static readonly Dictionary<ReferralStatus, ReferralStatus[]> AllowedMoves = new Dictionary<ReferralStatus, ReferralStatus[]>
        {
            [ReferralStatus.Draft] = new[] { ReferralStatus.Submitted, ReferralStatus.Cancelled },
            [ReferralStatus.Submitted] = new[] { ReferralStatus.Accepted, ReferralStatus.Rejected, ReferralStatus.Cancelled, ReferralStatus.Expired },
            [ReferralStatus.Accepted] = new[] { ReferralStatus.Scheduled, ReferralStatus.Rejected, ReferralStatus.Cancelled },
            [ReferralStatus.Scheduled] = new[] { ReferralStatus.Completed, ReferralStatus.Cancelled },
        };

        public static bool IsOpen(ReferralStatus status) => AllowedMoves.ContainsKey(status);

        public static bool CanMove(ReferralStatus from, ReferralStatus to) =>
            AllowedMoves.TryGetValue(from, out var targets) && System.Array.IndexOf(targets, to) >= 0;

        /// <summary>Checks a move and the reason it needs; throws a <see cref="BusinessRuleViolation"/> that names both states.</summary>
        public static void EnsureMove(ReferralStatus from, ReferralStatus to, string? reason)
        {
            if (from == to) return;
            if (!CanMove(from, to))
            {
                var hint = IsOpen(from) ? $"From {from} it can move to {string.Join(", ", AllowedMoves[from])}." : $"{from} is a closed state.";
                throw new BusinessRuleViolation($"A referral cannot move from {from} to {to}. {hint}");
            }
            if (to == ReferralStatus.Rejected && string.IsNullOrWhiteSpace(reason))
                throw new BusinessRuleViolation("Give a rejection reason to reject a referral.");
        }
    }
}
