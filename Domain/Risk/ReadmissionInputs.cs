using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PatientJourney.Crm.Domain.Risk
{
    public enum RiskInputKind
    {
        WholeNumber,
        Number,
        YesNo,
    }

    /// <summary>One input of a readmission score: its JSON key, what it is, its unit and its plausible range.</summary>
    public sealed class RiskInput
    {
        public RiskInput(string key, string label, RiskInputKind kind, string? unit = null, decimal min = 0, decimal max = 0)
        {
            Key = key;
            Label = label;
            Kind = kind;
            Unit = unit;
            Min = min;
            Max = max;
        }

        /// <summary>The name in the inputs JSON.</summary>
        public string Key { get; }

        /// <summary>What the input is, as error messages name it.</summary>
        public string Label { get; }

        public RiskInputKind Kind { get; }

        public string? Unit { get; }

        public decimal Min { get; }

        public decimal Max { get; }

        /// <summary>Refuses a value outside the input's range, naming the input and the range.</summary>
        public void Check(decimal value) => InputRange.Check(Label, value, Min, Max);

        /// <summary>How a maker reads it in the API's description, e.g. "sodium (mmol/L, 90-200)" or "procedure (true/false)".</summary>
        public string Describe()
        {
            if (Kind == RiskInputKind.YesNo) return Key + " (true/false)";
            var range = Min.ToString(CultureInfo.InvariantCulture) + "-" + Max.ToString(CultureInfo.InvariantCulture);
            var whole = Kind == RiskInputKind.WholeNumber ? "whole " : string.Empty;
            return Key + " (" + (Unit != null ? Unit + ", " : whole + "number, ") + range + ")";
        }
    }

    /// <summary>
    /// The inputs of the readmission scores, in one place: the calculation reads them, checks their ranges and the
    /// custom API's description and the README list them from here.
    /// </summary>
    public static class ReadmissionInputs
    {
        public static readonly RiskInput LaceLengthOfStay = new RiskInput("lengthOfStayDays", "Length of stay (days)", RiskInputKind.WholeNumber, "days", 0, 3650);
        public static readonly RiskInput AcuteAdmission = new RiskInput("acuteAdmission", "Acute (emergent) admission", RiskInputKind.YesNo);
        public static readonly RiskInput CharlsonScore = new RiskInput("charlsonScore", "Charlson comorbidity score", RiskInputKind.WholeNumber, null, 0, 40);
        public static readonly RiskInput EmergencyVisits = new RiskInput("emergencyVisitsPrevious6Months", "Emergency visits in the previous 6 months", RiskInputKind.WholeNumber, null, 0, 365);

        public static readonly RiskInput Hemoglobin = new RiskInput("hemoglobin", "Hemoglobin at discharge (g/dL)", RiskInputKind.Number, "g/dL at discharge", 1, 25);
        public static readonly RiskInput OncologyDischarge = new RiskInput("oncologyDischarge", "Discharged from oncology", RiskInputKind.YesNo);
        public static readonly RiskInput Sodium = new RiskInput("sodium", "Sodium at discharge (mmol/L)", RiskInputKind.Number, "mmol/L at discharge", 90, 200);
        public static readonly RiskInput Procedure = new RiskInput("procedure", "Procedure during the stay", RiskInputKind.YesNo);
        public static readonly RiskInput NonElectiveAdmission = new RiskInput("nonElectiveAdmission", "Non-elective admission", RiskInputKind.YesNo);
        public static readonly RiskInput AdmissionsPrevious12Months = new RiskInput("admissionsPrevious12Months", "Hospital admissions in the previous 12 months", RiskInputKind.WholeNumber, null, 0, 365);
        public static readonly RiskInput HospitalLengthOfStay = LaceLengthOfStay;

        public static IReadOnlyList<RiskInput> Of(RiskModel model) =>
            model == RiskModel.Lace ? new[] { LaceLengthOfStay, AcuteAdmission, CharlsonScore, EmergencyVisits }
            : model == RiskModel.Hospital ? new[] { Hemoglobin, OncologyDischarge, Sodium, Procedure, NonElectiveAdmission, AdmissionsPrevious12Months, HospitalLengthOfStay }
            : new RiskInput[0];

        /// <summary>The model's inputs for a maker: "MODEL keys: key (unit, min-max), …".</summary>
        public static string Describe(RiskModel model) =>
            model.ToString().ToUpperInvariant() + " keys: " + string.Join(", ", Of(model).Select(i => i.Describe()));
    }
}
