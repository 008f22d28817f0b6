namespace PatientJourney.Crm.Domain.Risk
{
    /// <summary>
    /// The HOSPITAL score for potentially avoidable 30-day readmission of medical patients (Donzé et al., JAMA Intern
    /// Med 2013;173(8):632–638): Hemoglobin &lt; 12 g/dL at discharge (1), discharge from Oncology (2), Sodium &lt; 135
    /// mmol/L (1), Procedure during the stay (1), non-elective Index admission Type (1), hospital Admissions in the
    /// previous 12 months 0–1 / 2–5 / more than 5 (0 / 2 / 5), Length of stay of 5 days or more (2).
    /// Range 0–13; bands 0–4 low, 5–6 intermediate (moderate), 7 and above high.
    /// </summary>
    public static class HospitalScore
    {
        public static RiskScore Calculate(decimal hemoglobinGramsPerDecilitre, bool dischargedFromOncology, decimal sodiumMillimolesPerLitre,
            bool procedureDuringStay, bool nonElectiveAdmission, int admissionsPrevious12Months, int lengthOfStayDays)
        {
            ReadmissionInputs.Hemoglobin.Check(hemoglobinGramsPerDecilitre);
            ReadmissionInputs.Sodium.Check(sodiumMillimolesPerLitre);
            ReadmissionInputs.AdmissionsPrevious12Months.Check(admissionsPrevious12Months);
            ReadmissionInputs.HospitalLengthOfStay.Check(lengthOfStayDays);

            var score = (hemoglobinGramsPerDecilitre < 12m ? 1 : 0)
                + (dischargedFromOncology ? 2 : 0)
                + (sodiumMillimolesPerLitre < 135m ? 1 : 0)
                + (procedureDuringStay ? 1 : 0)
                + (nonElectiveAdmission ? 1 : 0)
                + (admissionsPrevious12Months > 5 ? 5 : admissionsPrevious12Months >= 2 ? 2 : 0)
                + (lengthOfStayDays >= 5 ? 2 : 0);
            return new RiskScore(score, score >= 7 ? RiskBand.High : score >= 5 ? RiskBand.Moderate : RiskBand.Low);
        }
    }
}
