namespace PatientJourney.Crm.Domain.Risk
{
    public enum RiskModel
    {
        Lace,
        Hospital,
        NoShow,
    }

    /// <summary>
    /// Computes a risk assessment from its model and inputs (<see cref="RiskInputs"/>):
    /// LACE — lengthOfStayDays, acuteAdmission, charlsonScore, emergencyVisitsPrevious6Months (<see cref="LaceIndex"/>);
    /// HOSPITAL — hemoglobin (g/dL), oncologyDischarge, sodium (mmol/L), procedure, nonElectiveAdmission,
    /// admissionsPrevious12Months, lengthOfStayDays (<see cref="HospitalScore"/>);
    /// no-show — appointmentsDue, noShows, scored as a percentage (<see cref="NoShowRisk"/>).
    /// </summary>
    public static class RiskModels
    {
        public static RiskScore Calculate(RiskModel model, RiskInputs inputs)
        {
            switch (model)
            {
                case RiskModel.Lace:
                    return LaceIndex.Calculate(inputs.Integer("lengthOfStayDays"), inputs.Flag("acuteAdmission"), inputs.Integer("charlsonScore"),
                        inputs.Integer("emergencyVisitsPrevious6Months"));
                case RiskModel.Hospital:
                    return HospitalScore.Calculate(inputs.Number("hemoglobin"), inputs.Flag("oncologyDischarge"), inputs.Number("sodium"),
                        inputs.Flag("procedure"), inputs.Flag("nonElectiveAdmission"), inputs.Integer("admissionsPrevious12Months"), inputs.Integer("lengthOfStayDays"));
                default:
                    var estimate = NoShowRisk.Estimate(inputs.Integer("appointmentsDue"), inputs.Integer("noShows"));
                    return new RiskScore(estimate.Value * 100m, estimate.Band);
            }
        }

        /// <summary>Whether the model predicts readmission (and so sets the journey's and patient's latest readmission risk).</summary>
        public static bool IsReadmissionModel(RiskModel model) => model != RiskModel.NoShow;
    }
}
