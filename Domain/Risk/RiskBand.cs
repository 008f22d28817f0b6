namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>Risk bands shared by the scores (each score's published cut-offs map onto them).</summary>
    public enum RiskBand
    {
        Low,
        Moderate,
        High,
    }
}
