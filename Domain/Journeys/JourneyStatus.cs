namespace PatientJourney.Crm.Domain.Journeys
{
    public enum JourneyStatus
    {
        Active,
        OnHold,
        Completed,
        Dropped,
        Cancelled,
    }
}
