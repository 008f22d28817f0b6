using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>Columns the solution computes ignore a caller's value and keep the solution's own, whoever the caller is.</summary>
public class MaintainedColumnScenarios : ScenarioTest
{
    private static readonly DateTime Forged = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly Guid patient;
    private readonly Pathway hip;

    public MaintainedColumnScenarios()
    {
        patient = env.CreatePatient();
        hip = env.CreateHipPathway();
    }

    [Fact]
    public void A_callers_stage_dates_are_ignored_on_create_and_update()
    {
        var journeyId = env.Service.Create(new Entity(JourneyTable.LogicalName)
        {
            [JourneyTable.Name] = "Hip", [JourneyTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient), [JourneyTable.PathwayId] = hip.Reference,
            [JourneyTable.StageEnteredOn] = Forged, [JourneyTable.CompletedOn] = Forged,
        });

        env.Service.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.StageDueOn] = Forged, [JourneyTable.StageEnteredOn] = Forged });

        var journey = env.Retrieve(JourneyTable.LogicalName, journeyId);
        Assert.Equal(env.Now, journey.GetAttributeValue<DateTime>(JourneyTable.StageEnteredOn));
        Assert.Equal(env.Now.AddDays(14), journey.GetAttributeValue<DateTime>(JourneyTable.StageDueOn));
        Assert.False(journey.Contains(JourneyTable.CompletedOn));
    }

    [Fact]
    public void A_callers_referral_timestamps_are_ignored_and_the_lifecycle_sets_them()
    {
        var referralId = env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.SubmittedOn] = Forged, [ReferralTable.SlaDueOn] = Forged,
        });
        Assert.False(env.Retrieve(ReferralTable.LogicalName, referralId).Contains(ReferralTable.SubmittedOn));

        env.Service.Update(new Entity(ReferralTable.LogicalName, referralId)
        {
            [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted), [ReferralTable.SubmittedOn] = Forged,
        });

        Assert.Equal(env.Now, env.Retrieve(ReferralTable.LogicalName, referralId).GetAttributeValue<DateTime>(ReferralTable.SubmittedOn));
    }

    [Fact]
    public void A_callers_survey_category_and_risk_score_are_ignored()
    {
        var response = env.RecordSurvey(patient, 10);
        env.Service.Update(new Entity(SurveyResponseTable.LogicalName, response) { [SurveyResponseTable.Category] = new OptionSetValue(SurveyResponseTable.CategoryOptions.Detractor) });
        Assert.Equal(SurveyResponseTable.CategoryOptions.Promoter, env.Retrieve(SurveyResponseTable.LogicalName, response).GetAttributeValue<OptionSetValue>(SurveyResponseTable.Category).Value);

        var assessment = env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE,
            "{\"lengthOfStayDays\": 2, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}");
        env.Service.Update(new Entity(RiskAssessmentTable.LogicalName, assessment) { [RiskAssessmentTable.Score] = 19m });
        Assert.Equal(5m, env.Retrieve(RiskAssessmentTable.LogicalName, assessment).GetAttributeValue<decimal>(RiskAssessmentTable.Score));
    }
}
