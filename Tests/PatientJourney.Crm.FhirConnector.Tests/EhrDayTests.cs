using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using static PatientJourney.Crm.FhirConnector.Tests.FhirBundles;

namespace PatientJourney.Crm.FhirConnector.Tests;

/// <summary>The EHR day (<see cref="EhrDay"/>) and single encounters and surveys, through IOrganizationService.</summary>
public class EhrDayTests : ScenarioTest
{
    private readonly Pathway hip;

    public EhrDayTests()
    {
        hip = EhrDay.HipPathway(env);
    }

    private Hl7.Fhir.Model.Bundle Import(string bundle)
    {
        var response = new BundleImporter(env.Service, Settings).Import(bundle);
        Assert.True(response.Entry.All(e => e.Response!.Outcome == null), Issues(response));
        return response;
    }

    [Fact]
    public void Admission_discharge_and_readmission_from_encounters_drive_the_journey_as_staff_moves_do()
    {
        var outcome = EhrDay.Run(env, hip, env.Service);

        Assert.Equal("Referral,Assessment,Surgery,Recovery,Surgery,Recovery", outcome.StageVisits);
        Assert.Equal(1, outcome.NoShows);
    }

    [Fact]
    public void An_older_encounter_version_does_not_move_the_journey_back()
    {
        var patient = env.CreatePatient("MRN-1");
        Import(Bundle("batch", Patient("p1", "MRN-1")));
        var journey = env.StartJourney(patient, hip, "Surgery");
        Import(Bundle("batch", Encounter("e1", "Patient/p1", "finished", env.Now.AddDays(-2), env.Now, env.Now)));

        var writes = env.Emulator.RowsWritten.Count;
        var response = new BundleImporter(env.Service, Settings).Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now.AddDays(-2), lastUpdated: env.Now.AddDays(-2))));

        Assert.Equal(new[] { "200 OK" }, Statuses(response));
        Assert.Equal(writes, env.Emulator.RowsWritten.Count);
        Assert.Equal(hip.Stages["Recovery"], env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
    }

    [Fact]
    public void An_NPS_questionnaire_response_becomes_a_survey_response_with_its_category()
    {
        var patient = env.CreatePatient("MRN-1");
        Import(Bundle("batch", Patient("p1", "MRN-1"), NpsResponse("q1", "Patient/p1", 9, env.Now)));
        env.Emulator.RunPendingAsyncJobs();

        var survey = Assert.Single(env.Emulator.Rows(SurveyResponseTable.LogicalName));
        Assert.Equal(patient, survey.GetAttributeValue<EntityReference>(SurveyResponseTable.PatientId).Id);
        Assert.Equal(9, survey.GetAttributeValue<int>(SurveyResponseTable.Score));
        Assert.Equal(SurveyResponseTable.CategoryOptions.Promoter, survey.GetAttributeValue<OptionSetValue>(SurveyResponseTable.Category).Value);
        Assert.Equal("q1", survey.GetAttributeValue<string>(SurveyResponseTable.FhirId));
    }

    [Fact]
    public void An_encounter_for_a_patient_without_a_journey_is_refused_with_what_to_do()
    {
        Import(Bundle("batch", Patient("p1", "MRN-1")));

        var response = new BundleImporter(env.Service, Settings).Import(Bundle("batch", Encounter("e1", "Patient/p1", "in-progress", env.Now)));

        Assert.Equal(new[] { "422 Unprocessable Entity" }, Statuses(response));
        Assert.Contains("no open journey", Issues(response), StringComparison.Ordinal);
        Assert.Contains("Encounter.episodeOfCare", Issues(response), StringComparison.Ordinal);
    }
}
