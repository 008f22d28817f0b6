extern alias activities;

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using RiskActivity = activities::PatientJourney.Crm.WorkflowActivities.Risk.CalculateReadmissionRiskActivity;
using RiskApi = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CalculateReadmissionRisk;

namespace PatientJourney.Crm.Scenarios.Tests;

public class SurveyAndRiskScenarios : ScenarioTest
{
    private const string HighLace = "{\"lengthOfStayDays\": 14, \"acuteAdmission\": true, \"charlsonScore\": 1, \"emergencyVisitsPrevious6Months\": 0}";
    private const string MaxLace = "{\"lengthOfStayDays\": 20, \"acuteAdmission\": true, \"charlsonScore\": 6, \"emergencyVisitsPrevious6Months\": 5}";
    private const string ModerateLace = "{\"lengthOfStayDays\": 2, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}";
    private const string MaxHospital = "{\"hemoglobin\": 11.5, \"oncologyDischarge\": true, \"sodium\": 130, \"procedure\": true, \"nonElectiveAdmission\": true, \"admissionsPrevious12Months\": 6, \"lengthOfStayDays\": 5}";
    private const string LowHospital = "{\"hemoglobin\": 13, \"oncologyDischarge\": false, \"sodium\": 140, \"procedure\": false, \"nonElectiveAdmission\": false, \"admissionsPrevious12Months\": 1, \"lengthOfStayDays\": 4}";

    private readonly Pathway hip;
    private readonly Guid patient;

    public SurveyAndRiskScenarios()
    {
        hip = env.CreateHipPathway();
        ActAsStaff("Care coordinator");
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, phone: true);
    }

    [Theory]
    [InlineData(0, SurveyResponseTable.CategoryOptions.Detractor)]
    [InlineData(6, SurveyResponseTable.CategoryOptions.Detractor)]
    [InlineData(7, SurveyResponseTable.CategoryOptions.Passive)]
    [InlineData(8, SurveyResponseTable.CategoryOptions.Passive)]
    [InlineData(9, SurveyResponseTable.CategoryOptions.Promoter)]
    [InlineData(10, SurveyResponseTable.CategoryOptions.Promoter)]
    public void Survey_responses_get_their_NPS_category(int score, int category)
    {
        var id = env.RecordSurvey(patient, score);

        Assert.Equal(category, env.Retrieve(SurveyResponseTable.LogicalName, id).GetAttributeValue<OptionSetValue>(SurveyResponseTable.Category).Value);
    }

    [Fact]
    public void Changing_the_score_recategorises()
    {
        var id = env.RecordSurvey(patient, 10);

        // A recorded response is not staff's to change (no role writes it): a System Administrator corrects a mis-keyed score.
        env.Emulator.CreateOrganizationService().Update(new Entity(SurveyResponseTable.LogicalName, id) { [SurveyResponseTable.Score] = 3 });

        Assert.Equal(SurveyResponseTable.CategoryOptions.Detractor, env.Retrieve(SurveyResponseTable.LogicalName, id).GetAttributeValue<OptionSetValue>(SurveyResponseTable.Category).Value);
    }

    [Fact]
    public void A_detractor_gets_a_service_recovery_task_within_one_business_day_and_the_journey_keeps_count()
    {
        var journey = env.StartJourney(patient, hip);
        env.RecordSurvey(patient, 9, journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(1));

        env.RecordSurvey(patient, 4, journey, comment: CareData.ClinicalMarker);
        env.Emulator.RunPendingAsyncJobs();

        var task = Assert.Single(env.FollowUps(patient));
        Assert.Equal(Choices.FollowUpType.ServiceRecovery, task.Type());
        Assert.Equal(env.Now.AddDays(1), task.Due());   // Friday 10:00: ten business hours after Thursday 10:00
        var row = env.Retrieve(JourneyTable.LogicalName, journey);
        Assert.Equal(2, row.GetAttributeValue<int>(JourneyTable.SurveyCount));
        Assert.Equal(4, row.GetAttributeValue<int>(JourneyTable.LatestSurveyScore));
        Assert.Empty(env.Emulator.FailedAsyncJobs);
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void A_failed_detractor_job_keeps_the_recount_and_names_the_setting_to_correct()
    {
        var journey = env.StartJourney(patient, hip);
        env.SetEnvironmentVariable(EnvironmentVariables.QuietHoursDefault, "late evening");

        env.RecordSurvey(patient, 3, journey, comment: CareData.ClinicalMarker);
        env.Emulator.RunPendingAsyncJobs();

        var failed = Assert.Single(env.Emulator.FailedAsyncJobs);
        Assert.EndsWith("SurveyResponseRecorded", failed.PluginType, StringComparison.Ordinal);
        Assert.Contains("correct the environment variable " + EnvironmentVariables.QuietHoursDefault, failed.Message, StringComparison.Ordinal);
        Assert.Equal(1, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<int>(JourneyTable.SurveyCount));
        Assert.Empty(env.FollowUps(patient));

        env.SetEnvironmentVariable(EnvironmentVariables.QuietHoursDefault, "21:00-08:00");
        env.RecordSurvey(patient, 2, journey);
        env.Emulator.RunPendingAsyncJobs();
        Assert.Single(env.FollowUps(patient));
        Assert.Equal(2, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<int>(JourneyTable.SurveyCount));
    }

    [Fact]
    public void Retrying_the_survey_job_three_times_counts_and_creates_nothing_twice()
    {
        var journey = env.StartJourney(patient, hip);
        env.RecordSurvey(patient, 2, journey);
        env.Emulator.RunPendingAsyncJobs();

        for (var i = 0; i < 3; i++)
        {
            env.Emulator.RequeueSucceededAsyncJobs();
            env.Emulator.RunPendingAsyncJobs();
        }

        Assert.Single(env.FollowUps(patient));
        Assert.Equal(1, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<int>(JourneyTable.SurveyCount));
    }

    [Fact]
    public void A_promoter_gets_no_task()
    {
        env.RecordSurvey(patient, 10);
        env.Emulator.RunPendingAsyncJobs();

        Assert.Empty(env.FollowUps(patient));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    public void Scores_outside_0_to_10_are_refused(int score)
    {
        env.Refused(() => env.RecordSurvey(patient, score), "10");
        Assert.Empty(env.Emulator.Rows(SurveyResponseTable.LogicalName));
    }

    [Fact]
    public void A_response_without_a_score_is_refused()
    {
        env.Refused(() => env.Service.Create(new Entity(SurveyResponseTable.LogicalName)
        {
            [SurveyResponseTable.Name] = "x", [SurveyResponseTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
        }), "needs its score");
    }

    [Theory]
    [InlineData(RiskAssessmentTable.ModelOptions.LACE, HighLace, 11, Choices.RiskBand.High)]
    [InlineData(RiskAssessmentTable.ModelOptions.LACE, MaxLace, 19, Choices.RiskBand.High)]
    [InlineData(RiskAssessmentTable.ModelOptions.LACE, ModerateLace, 5, Choices.RiskBand.Medium)]
    [InlineData(RiskAssessmentTable.ModelOptions.HOSPITAL, MaxHospital, 13, Choices.RiskBand.High)]
    [InlineData(RiskAssessmentTable.ModelOptions.HOSPITAL, LowHospital, 0, Choices.RiskBand.Low)]
    public void Assessments_are_scored_with_the_published_tables_and_become_the_latest_risk(int model, string inputs, int score, int band)
    {
        var journey = env.StartJourney(patient, hip);

        var id = env.RecordRisk(patient, model, inputs, journey);

        var assessment = env.Retrieve(RiskAssessmentTable.LogicalName, id);
        Assert.Equal(score, assessment.GetAttributeValue<decimal>(RiskAssessmentTable.Score));
        Assert.Equal(band, assessment.GetAttributeValue<OptionSetValue>(RiskAssessmentTable.Band).Value);
        var journeyRow = env.Retrieve(JourneyTable.LogicalName, journey);
        Assert.Equal(score, journeyRow.GetAttributeValue<int>(JourneyTable.LatestRiskScore));
        Assert.Equal(band, journeyRow.GetAttributeValue<OptionSetValue>(JourneyTable.LatestRiskBand).Value);
        var contact = env.Retrieve(ContactTable.LogicalName, patient);
        Assert.Equal(score, contact.GetAttributeValue<decimal>(ContactTable.LatestReadmissionRiskScore));
        Assert.Equal(band, contact.GetAttributeValue<OptionSetValue>(ContactTable.LatestReadmissionRiskBand).Value);
    }

    [Theory]
    [InlineData("{\"lengthOfStayDays\": -1, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}", "Length of stay (days) must be between 0 and 3650")]
    [InlineData("{\"lengthOfStayDays\": 3, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}", "\"acuteAdmission\" is missing")]
    [InlineData("{\"lengthOfStayDays\": 3.5, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}", "\"lengthOfStayDays\" must be a whole number")]
    [InlineData("length of stay five days", "not a JSON object")]
    [InlineData("", "risk inputs are missing")]
    public void Bad_risk_inputs_are_refused_naming_the_input_and_nothing_is_written(string inputs, string message)
    {
        var journey = env.StartJourney(patient, hip);
        env.Emulator.ClearLog();

        env.Refused(() => env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE, inputs, journey), message);
        Assert.Empty(env.Emulator.Rows(RiskAssessmentTable.LogicalName));
    }

    [Fact]
    public void A_configured_high_risk_rule_creates_its_follow_up_once()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.RiskBandHigh, Choices.FollowUpType.RiskCall, Choices.FollowUpKind.StaffTask, 60, channel: Choices.Channel.Phone);
        var journey = env.StartJourney(patient, hip);

        env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE, HighLace, journey);
        env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE, ModerateLace, journey);

        var call = Assert.Single(env.FollowUps(patient));
        Assert.Equal(env.Now.AddHours(1), call.Due());
    }

    [Fact]
    public void Repeated_high_risk_assessments_keep_one_open_call_per_journey_and_rule()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.RiskBandHigh, Choices.FollowUpType.RiskCall, Choices.FollowUpKind.StaffTask, 60, channel: Choices.Channel.Phone);
        var journey = env.StartJourney(patient, hip);
        var first = env.Now;

        for (var i = 0; i < 3; i++)
        {
            env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE, HighLace, journey);
            env.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        }

        var call = Assert.Single(env.FollowUps(patient));
        Assert.Equal(first.AddHours(1), call.Due());

        env.Service.Update(new Entity(FollowUpTable.LogicalName, call.Id) { [FollowUpTable.Status] = new OptionSetValue(FollowUpTable.StatusOptions.Completed) });
        env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE, HighLace, journey);
        Assert.Equal(2, env.FollowUps(patient).Count);   // the call was worked; a new high assessment calls for another
    }

    [Theory]
    [InlineData(RiskAssessmentTable.ModelOptions.LACE, HighLace, 11, Choices.RiskBand.High)]
    [InlineData(RiskAssessmentTable.ModelOptions.HOSPITAL, MaxHospital, 13, Choices.RiskBand.High)]
    [InlineData(RiskAssessmentTable.ModelOptions.HOSPITAL, LowHospital, 0, Choices.RiskBand.Low)]
    public void The_custom_api_calculates_without_saving(int model, string inputs, int score, int band)
    {
        var response = env.Service.Execute(new OrganizationRequest(RiskApi.MessageName) { [RiskApi.InModel] = new OptionSetValue(model), [RiskApi.InInputsJson] = inputs });

        Assert.Equal(score, response[RiskApi.OutScore]);
        Assert.Equal(band, ((OptionSetValue)response[RiskApi.OutBand]).Value);
        Assert.Empty(env.Emulator.LastRequest.RowsWritten);
        Assert.Equal(0, env.Emulator.LastRequest.PluginExecutions.Sum(e => e.ServiceCalls));
    }

    [Fact]
    public void The_custom_api_refuses_bad_input()
    {
        OrganizationRequest Request(int model, string? inputs)
        {
            var request = new OrganizationRequest(RiskApi.MessageName) { [RiskApi.InModel] = new OptionSetValue(model) };
            if (inputs != null) request[RiskApi.InInputsJson] = inputs;
            return request;
        }

        env.Refused(() => env.Service.Execute(Request(RiskAssessmentTable.ModelOptions.HOSPITAL, HighLace)), "\"hemoglobin\" is missing");
        env.Refused(() => env.Service.Execute(Request(RiskAssessmentTable.ModelOptions.NoShow, HighLace)), "LACE or HOSPITAL");
        env.Refused(() => env.Service.Execute(Request(42, HighLace)), "not a risk model");
        env.Refused(() => env.Service.Execute(Request(RiskAssessmentTable.ModelOptions.LACE, null)), "risk inputs are missing");
        env.Refused(() => env.Service.Execute(Request(RiskAssessmentTable.ModelOptions.HOSPITAL,
            MaxHospital.Replace("\"sodium\": 130", "\"sodium\": 13", StringComparison.Ordinal))), "Sodium at discharge (mmol/L) must be between 90 and 200");
    }

    [Fact]
    public void The_workflow_activity_does_the_same_calculation()
    {
        var host = new WorkflowHost(env);

        var outputs = host.Run(new RiskActivity(), new Dictionary<string, object?>
        {
            ["Model"] = new OptionSetValue(RiskAssessmentTable.ModelOptions.LACE), ["InputsJson"] = HighLace,
        });

        Assert.Equal(11, outputs["Score"]);
        Assert.Equal(Choices.RiskBand.High, ((OptionSetValue)outputs["Band"]).Value);
        var error = host.Refused(new RiskActivity(), new Dictionary<string, object?>
        {
            ["Model"] = new OptionSetValue(RiskAssessmentTable.ModelOptions.LACE), ["InputsJson"] = HighLace.Replace("14", "4000", StringComparison.Ordinal),
        }, "Length of stay (days) must be between 0 and 3650");
        host.Refused(new RiskActivity(), new Dictionary<string, object?>
        {
            ["Model"] = new OptionSetValue(RiskAssessmentTable.ModelOptions.NoShow), ["InputsJson"] = HighLace,
        }, "LACE or HOSPITAL");
        host.NoPatientDataLeaked(error.Message);
    }
}
