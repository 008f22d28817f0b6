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
    /// LACE and HOSPITAL as listed in <see cref="ReadmissionInputs"/> (<see cref="LaceIndex"/>, <see cref="HospitalScore"/>);
    /// no-show — appointmentsDue, noShows, scored as a percentage (<see cref="NoShowRisk"/>).
    /// </summary>
    public static class RiskModels
    {
        public static RiskScore Calculate(RiskModel model, RiskInputs inputs)
        {
            switch (model)
            {
                case RiskModel.Lace:
                    return LaceIndex.Calculate(inputs.Integer(ReadmissionInputs.LaceLengthOfStay.Key), inputs.Flag(ReadmissionInputs.AcuteAdmission.Key),
                        inputs.Integer(ReadmissionInputs.CharlsonScore.Key), inputs.Integer(ReadmissionInputs.EmergencyVisits.Key));
                case RiskModel.Hospital:
                    return HospitalScore.Calculate(inputs.Number(ReadmissionInputs.Hemoglobin.Key), inputs.Flag(ReadmissionInputs.OncologyDischarge.Key),
                        inputs.Number(ReadmissionInputs.Sodium.Key), inputs.Flag(ReadmissionInputs.Procedure.Key), inputs.Flag(ReadmissionInputs.NonElectiveAdmission.Key),
                        inputs.Integer(ReadmissionInputs.AdmissionsPrevious12Months.Key), inputs.Integer(ReadmissionInputs.HospitalLengthOfStay.Key));
                default:
                    var estimate = NoShowRisk.Estimate(inputs.Integer("appointmentsDue"), inputs.Integer("noShows"));
                    return new RiskScore(estimate.Value * 100m, estimate.Band);
            }
        }

        /// <summary>Whether the model predicts readmission (and so sets the journey's and patient's latest readmission risk).</summary>
        public static bool IsReadmissionModel(RiskModel model) => model != RiskModel.NoShow;
    }
}
