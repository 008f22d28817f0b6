using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// SDK callers can put any .NET value in a column. Every step that reads a caller's values refuses one of the wrong
/// type with a message naming the column and the type it needs, and writes nothing (never "An unexpected error").
/// </summary>
public class InputTypeScenarios : ScenarioTest
{
    private readonly Guid patient;
    private readonly Pathway hip;

    public InputTypeScenarios()
    {
        patient = env.CreatePatient();
        hip = env.CreateHipPathway();
    }

    private EntityReference Patient => new(ContactTable.LogicalName, patient);

    // The platform (type validation of the core operation) or the step (when it reads the value first) refuses it; either way the message names the column and the type.
    private void RefusedNaming(Action request, string column, string type)
    {
        var writesBefore = env.Emulator.RowsWritten.Count;
        var fault = Assert.Throws<PatientJourney.Crm.Emulator.Faults.DataverseFaultException>(request);
        Assert.Contains(column, fault.Message, StringComparison.Ordinal);
        Assert.Contains(type, fault.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", fault.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(writesBefore, env.Emulator.RowsWritten.Count);
    }

    [Fact]
    public void A_journey_created_with_a_text_patient_is_refused_naming_the_column()
    {
        env.Refused(() => env.Service.Create(new Entity(JourneyTable.LogicalName)
        {
            [JourneyTable.Name] = "Hip", [JourneyTable.PatientId] = patient.ToString(), [JourneyTable.PathwayId] = hip.Reference,
        }), "The column pj_patientid of pj_journey must hold a value of type Microsoft.Xrm.Sdk.EntityReference");
    }

    [Fact]
    public void A_journey_moved_with_a_bare_guid_stage_is_refused_naming_the_column()
    {
        var journey = env.StartJourney(patient, hip);

        env.Refused(() => env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.CurrentStageId] = hip.Stages["Assessment"] }),
            "pj_currentstageid of pj_journey must hold a value of type Microsoft.Xrm.Sdk.EntityReference");
    }

    [Fact]
    public void A_touchpoint_with_a_text_time_is_refused_naming_the_column()
    {
        RefusedNaming(() => env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Call", [TouchpointTable.PatientId] = Patient, [TouchpointTable.OccurredOn] = "yesterday",
        }), "pj_occurredon", "DateTime");
    }

    [Fact]
    public void A_survey_score_sent_as_text_or_decimal_is_refused_naming_the_column()
    {
        env.Refused(() => env.Service.Create(new Entity(SurveyResponseTable.LogicalName)
        {
            [SurveyResponseTable.Name] = "NPS", [SurveyResponseTable.PatientId] = Patient, [SurveyResponseTable.Score] = "9",
        }), "pj_score of pj_surveyresponse must hold a value of type System.Int32");
        var response = env.RecordSurvey(patient, 9);
        env.Refused(() => env.Service.Update(new Entity(SurveyResponseTable.LogicalName, response) { [SurveyResponseTable.Score] = 9.5m }),
            "must hold a value of type System.Int32");
    }

    [Fact]
    public void A_referral_priority_or_status_sent_as_a_number_is_refused_naming_the_column()
    {
        env.Refused(() => env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = Patient, [ReferralTable.Priority] = ReferralTable.PriorityOptions.Urgent,
        }), "pj_priority of pj_referral must hold a value of type Microsoft.Xrm.Sdk.OptionSetValue");
        var referral = env.Service.Create(new Entity(ReferralTable.LogicalName) { [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = Patient });
        env.Refused(() => env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = ReferralTable.StatusOptions.Submitted }),
            "pj_status of pj_referral must hold a value of type Microsoft.Xrm.Sdk.OptionSetValue");
    }

    [Fact]
    public void A_risk_model_or_inputs_of_the_wrong_type_are_refused_naming_the_column()
    {
        env.Refused(() => env.Service.Create(new Entity(RiskAssessmentTable.LogicalName)
        {
            [RiskAssessmentTable.Name] = "Risk", [RiskAssessmentTable.PatientId] = Patient, [RiskAssessmentTable.Model] = RiskAssessmentTable.ModelOptions.LACE,
        }), "pj_model of pj_riskassessment must hold a value of type Microsoft.Xrm.Sdk.OptionSetValue");
        env.Refused(() => env.Service.Create(new Entity(RiskAssessmentTable.LogicalName)
        {
            [RiskAssessmentTable.Name] = "Risk", [RiskAssessmentTable.PatientId] = Patient,
            [RiskAssessmentTable.Model] = new OptionSetValue(RiskAssessmentTable.ModelOptions.LACE), [RiskAssessmentTable.Inputs] = 14,
        }), "pj_inputs of pj_riskassessment must hold a value of type System.String");
    }

    [Fact]
    public void An_appointment_with_a_text_start_is_refused_naming_the_column()
    {
        var appointment = FollowUpData.NewAppointment(patient, env.Now.AddDays(7));
        appointment[AppointmentTable.ScheduledStart] = "next week";

        RefusedNaming(() => env.Service.Create(appointment), AppointmentTable.ScheduledStart, "DateTime");
    }
}
