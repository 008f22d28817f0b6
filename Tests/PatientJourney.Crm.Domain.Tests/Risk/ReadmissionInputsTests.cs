using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Risk;

/// <summary>The listed inputs are exactly the ones the scores read, with the ranges the scores check.</summary>
public class ReadmissionInputsTests
{
    public static IEnumerable<object[]> Inputs() =>
        new[] { RiskModel.Lace, RiskModel.Hospital }.SelectMany(m => ReadmissionInputs.Of(m).Select(i => new object[] { m, i.Key }));

    private static Dictionary<string, string> Valid(RiskModel model) =>
        ReadmissionInputs.Of(model).ToDictionary(i => i.Key, i => i.Kind == RiskInputKind.YesNo ? "true" : (i.Min + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Json(Dictionary<string, string> values) => "{" + string.Join(", ", values.Select(p => "\"" + p.Key + "\": " + p.Value)) + "}";

    [Fact]
    public void The_listed_inputs_are_enough_for_each_score()
    {
        Assert.Equal(4, ReadmissionInputs.Of(RiskModel.Lace).Count);
        Assert.Equal(7, ReadmissionInputs.Of(RiskModel.Hospital).Count);
        foreach (var model in new[] { RiskModel.Lace, RiskModel.Hospital }) RiskModels.Calculate(model, RiskInputs.Parse(Json(Valid(model))));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Each_listed_input_is_required_and_named_when_missing(RiskModel model, string key)
    {
        var values = Valid(model);
        values.Remove(key);
        var e = Assert.Throws<BusinessRuleViolation>(() => RiskModels.Calculate(model, RiskInputs.Parse(Json(values))));
        Assert.Contains("\"" + key + "\"", e.Message);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Each_numeric_input_accepts_its_listed_range_and_refuses_beyond_it(RiskModel model, string key)
    {
        var input = ReadmissionInputs.Of(model).Single(i => i.Key == key);
        if (input.Kind == RiskInputKind.YesNo) return;
        var values = Valid(model);
        values[key] = input.Max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RiskModels.Calculate(model, RiskInputs.Parse(Json(values)));
        values[key] = (input.Max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var e = Assert.Throws<BusinessRuleViolation>(() => RiskModels.Calculate(model, RiskInputs.Parse(Json(values))));
        Assert.Contains(input.Label, e.Message);
    }

    [Fact]
    public void A_maker_reads_key_unit_and_range()
    {
        Assert.Equal("LACE keys: lengthOfStayDays (days, 0-3650), acuteAdmission (true/false), charlsonScore (whole number, 0-40), emergencyVisitsPrevious6Months (whole number, 0-365)",
            ReadmissionInputs.Describe(RiskModel.Lace));
        Assert.Contains("sodium (mmol/L at discharge, 90-200)", ReadmissionInputs.Describe(RiskModel.Hospital));
    }
}
