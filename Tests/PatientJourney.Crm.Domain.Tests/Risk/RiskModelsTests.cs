using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Risk;

public class RiskModelsTests
{
    [Theory]
    [InlineData("{\"lengthOfStayDays\": 14, \"acuteAdmission\": true, \"charlsonScore\": 1, \"emergencyVisitsPrevious6Months\": 0}", 11, RiskBand.High)]
    [InlineData("{ \"LengthOfStayDays\":0,\"acuteAdmission\":false,\"charlsonScore\":0,\"emergencyVisitsPrevious6Months\":0 }", 0, RiskBand.Low)]
    [InlineData("{\"lengthOfStayDays\": 20, \"acuteAdmission\": true, \"charlsonScore\": 6, \"emergencyVisitsPrevious6Months\": 5}", 19, RiskBand.High)]
    public void Lace_from_json_inputs(string json, int score, RiskBand band)
    {
        var result = RiskModels.Calculate(RiskModel.Lace, RiskInputs.Parse(json));

        Assert.Equal(score, result.Value);
        Assert.Equal(band, result.Band);
    }

    [Fact]
    public void Hospital_from_json_inputs()
    {
        var result = RiskModels.Calculate(RiskModel.Hospital, RiskInputs.Parse(
            "{\"hemoglobin\": 11.9, \"oncologyDischarge\": false, \"sodium\": 134, \"procedure\": true, \"nonElectiveAdmission\": true, \"admissionsPrevious12Months\": 2, \"lengthOfStayDays\": 5}"));

        Assert.Equal(8m, result.Value);   // 1 + 1 + 1 + 1 + 2 + 2
        Assert.Equal(RiskBand.High, result.Band);
    }

    [Fact]
    public void No_show_is_scored_as_a_percentage()
    {
        var result = RiskModels.Calculate(RiskModel.NoShow, RiskInputs.Parse("{\"appointmentsDue\": 2, \"noShows\": 1}"));

        Assert.Equal(26.67m, result.Value);
        Assert.Equal(RiskBand.High, result.Band);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"a\": 1,}", "not a JSON object")]
    [InlineData("{\"a\": 1} trailing", "not a JSON object")]
    [InlineData("{\"a\": \"text\"}", "not a JSON object")]
    public void Malformed_inputs_are_refused(string? json, string message)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => RiskInputs.Parse(json));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Wrong_types_name_the_input()
    {
        var inputs = RiskInputs.Parse("{\"flag\": 1, \"number\": true, \"whole\": 1.5, \"empty\": null}");

        Assert.Contains("\"flag\" must be true or false", Assert.Throws<BusinessRuleViolation>(() => inputs.Flag("flag")).Message);
        Assert.Contains("\"number\" must be a number", Assert.Throws<BusinessRuleViolation>(() => inputs.Number("number")).Message);
        Assert.Contains("\"whole\" must be a whole number", Assert.Throws<BusinessRuleViolation>(() => inputs.Integer("whole")).Message);
        Assert.Contains("\"empty\" is missing", Assert.Throws<BusinessRuleViolation>(() => inputs.Integer("empty")).Message);
    }

    [Fact]
    public void Attendance_history_counts_due_appointments_and_smooths_the_risk()
    {
        var none = new AttendanceHistory(0, 0);
        Assert.Null(none.NoShowRate);
        Assert.Equal(RiskBand.Moderate, none.Risk.Band);   // the base rate, 15 %

        var history = new AttendanceHistory(9, 1);
        Assert.Equal(10, history.AppointmentsDue);
        Assert.Equal(0.1m, history.NoShowRate);
        Assert.Equal(0.1143m, history.Risk.Value);          // (1 + 0.6) / 14
        Assert.Equal(RiskBand.Moderate, history.Risk.Band);
        Assert.Equal(RiskBand.Low, new AttendanceHistory(20, 0).Risk.Band);
    }
}
