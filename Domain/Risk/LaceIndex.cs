namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>
    /// The LACE index for 30-day death or unplanned readmission (van Walraven et al., CMAJ 2010;182(6):551–557):
    /// Length of stay, Acuity of admission, Comorbidity (Charlson score with the LACE paper's weights), and
    /// Emergency department visits in the six months before admission. Range 0–19; bands 0–4 low, 5–9 moderate,
    /// 10 and above high.
    /// </summary>
    public static class LaceIndex
    {
        public static RiskScore Calculate(int lengthOfStayDays, bool acuteAdmission, int charlsonScore, int emergencyVisitsPrevious6Months)
        {
            ReadmissionInputs.LaceLengthOfStay.Check(lengthOfStayDays);
            ReadmissionInputs.CharlsonScore.Check(charlsonScore);
            ReadmissionInputs.EmergencyVisits.Check(emergencyVisitsPrevious6Months);

            var score = LengthPoints(lengthOfStayDays)
                + (acuteAdmission ? 3 : 0)
                + (charlsonScore >= 4 ? 5 : charlsonScore)
                + (emergencyVisitsPrevious6Months >= 4 ? 4 : emergencyVisitsPrevious6Months);
            return new RiskScore(score, score >= 10 ? RiskBand.High : score >= 5 ? RiskBand.Moderate : RiskBand.Low);
        }

        // Length of stay counts the admission and discharge days; under one day scores nothing.
        private static int LengthPoints(int days)
        {
            if (days < 4) return days;
            if (days <= 6) return 4;
            if (days <= 13) return 5;
            return 7;
        }
    }
}
