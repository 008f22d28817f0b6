using System;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CalculateReadmissionRisk;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>pj_CalculateReadmissionRisk tells makers its inputs (keys, units, ranges), and the API refuses what it says it refuses.</summary>
public class ReadmissionInputScenarios : ScenarioTest
{
    [Fact]
    public void The_apis_description_and_the_readme_list_every_input_with_its_unit_and_range()
    {
        var api = ShippedSolution.Definition.CustomApi(Api.MessageName)!;
        var described = api.Description + " " + api.RequestParameters.Single(p => p.UniqueName == Api.InInputsJson).Description;
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var input in new[] { RiskModel.Lace, RiskModel.Hospital }.SelectMany(ReadmissionInputs.Of))
        {
            Assert.Contains(input.Describe(), described);
            Assert.Contains(input.Describe(), readme);
        }
        Assert.Contains(ReadmissionInputs.Describe(RiskModel.Lace), api.Description);
    }

    [Fact]
    public void A_value_beyond_a_listed_range_is_refused_naming_the_input_and_its_range()
    {
        var request = new OrganizationRequest(Api.MessageName)
        {
            [Api.InModel] = new OptionSetValue(RiskAssessmentTable.ModelOptions.HOSPITAL),
            [Api.InInputsJson] = "{\"hemoglobin\": 11, \"oncologyDischarge\": false, \"sodium\": 201, \"procedure\": true, \"nonElectiveAdmission\": true, \"admissionsPrevious12Months\": 1, \"lengthOfStayDays\": 3}",
        };

        var fault = Assert.ThrowsAny<Exception>(() => env.Service.Execute(request));

        Assert.Contains(ReadmissionInputs.Sodium.Label + " must be between 90 and 200", fault.Message);
    }
}
