namespace PatientJourney.Crm.Domain.Referrals
{
    /// <summary>How soon the receiving service must respond (FHIR ServiceRequest.priority codes).</summary>
    public enum ReferralPriority
    {
        Routine,
        Urgent,
        Asap,
        Stat,
    }
}
