namespace PatientJourney.Crm.Domain.Referrals
{
    /// <summary>Where a referral is in its lifecycle.</summary>
    public enum ReferralStatus
    {
        Draft,
        Submitted,
        Accepted,
        Scheduled,
        Completed,
        Rejected,
        Cancelled,
        Expired,
    }
}
