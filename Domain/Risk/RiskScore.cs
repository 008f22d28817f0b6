namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>A computed score and its band.</summary>
    public sealed class RiskScore
    {
        public RiskScore(decimal value, RiskBand band)
        {
            Value = value;
            Band = band;
        }

        public decimal Value { get; }

        public RiskBand Band { get; }
    }
}
