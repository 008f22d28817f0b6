using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using PatientJourney.Crm.Schema.Source;
using PatientJourney.Crm.Testing;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Counters, the latest risk, the discharge time and the SLA flag are written by the solution's own later updates: a
/// caller's value for them is ignored on create and update, and the solution's updates still land.
/// </summary>
public class ComputedColumnScenarios : ScenarioTest
{
    private readonly Guid patient;
    private readonly Pathway hip;

    public ComputedColumnScenarios()
    {
        patient = env.CreatePatient();
        hip = env.CreateHipPathway();
    }

    [Fact]
    public void Every_read_only_column_of_the_solution_is_in_the_one_list_and_the_list_holds_no_other()
    {
        var solution = SolutionSource.Load(System.IO.Path.Combine(RepoPaths.Root, "Solution"));
        var readOnly = solution.Schema.Tables.SelectMany(t => t.Columns.Where(c => c.IsReadOnly && c.LogicalName.StartsWith("pj_", StringComparison.Ordinal)).Select(c => t.LogicalName + "." + c.LogicalName)).OrderBy(n => n).ToList();
        var listed = ComputedColumns.All.Select(c => c.Table + "." + c.Column).OrderBy(n => n).ToList();
        Assert.Equal(readOnly, listed);
    }

    [Fact]
    public void A_callers_attendance_counters_and_latest_risk_on_a_patient_are_ignored_on_create_and_update()
    {
        var forged = env.Service.Create(new Entity(ContactTable.LogicalName)
        {
            [ContactTable.LastName] = "Forged", [ContactTable.NoShowCount] = 7, [ContactTable.NoShowRiskBand] = new OptionSetValue(Choices.RiskBand.High),
        });
        var created = env.Retrieve(ContactTable.LogicalName, forged);
        Assert.False(created.Contains(ContactTable.NoShowCount));
        Assert.False(created.Contains(ContactTable.NoShowRiskBand));

        var appointment = env.BookAppointment(patient, env.Now.AddDays(1));
        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.NoShow);
        env.Service.Update(new Entity(ContactTable.LogicalName, patient)
        {
            [ContactTable.NoShowCount] = 0, [ContactTable.NoShowRate] = 0m, [ContactTable.NoShowRiskEstimate] = 0m,
            [ContactTable.LatestReadmissionRiskScore] = 99m, [ContactTable.MobilePhone] = "+441234567890",
        });

        var row = env.Retrieve(ContactTable.LogicalName, patient);
        Assert.Equal(1, row.GetAttributeValue<int>(ContactTable.NoShowCount));
        Assert.Equal(1m, row.GetAttributeValue<decimal>(ContactTable.NoShowRate));
        Assert.Equal(0.32m, row.GetAttributeValue<decimal>(ContactTable.NoShowRiskEstimate));   // (1 + 0.15 × 4) ÷ (1 + 4)
        Assert.False(row.Contains(ContactTable.LatestReadmissionRiskScore));
        Assert.Equal("+441234567890", row.GetAttributeValue<string>(ContactTable.MobilePhone));   // the rest of the write is kept
    }

    [Fact]
    public void A_callers_occurrence_on_a_follow_up_is_ignored()
    {
        env.BookAppointment(patient, env.Now.AddDays(5));
        var reminder = env.FollowUps(patient).First();

        env.Service.Update(new Entity(FollowUpTable.LogicalName, reminder.Id) { [FollowUpTable.Occurrence] = 5, [FollowUpTable.Name] = "Renamed" });

        var row = env.Retrieve(FollowUpTable.LogicalName, reminder.Id);
        Assert.Equal(reminder.GetAttributeValue<int?>(FollowUpTable.Occurrence), row.GetAttributeValue<int?>(FollowUpTable.Occurrence));
        Assert.Equal("Renamed", row.GetAttributeValue<string>(FollowUpTable.Name));   // the rest of the write is kept
    }

    [Fact]
    public void A_callers_touchpoint_count_latest_risk_and_discharge_time_on_a_journey_are_ignored_and_the_automation_still_counts()
    {
        var journey = env.StartJourney(patient, hip);
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey)
        {
            [JourneyTable.TouchpointCount] = 500, [JourneyTable.LatestRiskScore] = 90, [JourneyTable.DischargedOn] = env.Now.AddYears(-3), [JourneyTable.SurveyCount] = 4,
        });
        var afterForgery = env.Retrieve(JourneyTable.LogicalName, journey);
        Assert.Equal(0, afterForgery.GetAttributeValue<int?>(JourneyTable.TouchpointCount) ?? 0);
        Assert.False(afterForgery.Contains(JourneyTable.LatestRiskScore));
        Assert.False(afterForgery.Contains(JourneyTable.DischargedOn));
        Assert.False(afterForgery.Contains(JourneyTable.SurveyCount));

        env.Service.Create(new Entity(TouchpointTable.LogicalName)
        {
            [TouchpointTable.Name] = "Call", [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey),
            [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Call), [TouchpointTable.OccurredOn] = env.Now,
        });
        env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE,
            "{\"lengthOfStayDays\": 2, \"acuteAdmission\": true, \"charlsonScore\": 0, \"emergencyVisitsPrevious6Months\": 0}", journey);

        var counted = env.Retrieve(JourneyTable.LogicalName, journey);
        Assert.Equal(1, counted.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(5, counted.GetAttributeValue<int>(JourneyTable.LatestRiskScore));
    }

    [Fact]
    public void A_callers_sla_breach_flag_is_ignored_and_the_scheduled_sla_action_still_sets_it()
    {
        var referral = env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Referral", [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.STAT), [ReferralTable.SlaBreached] = true,
        });
        Assert.False(env.Retrieve(ReferralTable.LogicalName, referral).GetAttributeValue<bool>(ReferralTable.SlaBreached));
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted) });
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.SlaBreached] = true, [ReferralTable.BreachReason] = "forged" });
        Assert.False(env.Retrieve(ReferralTable.LogicalName, referral).Contains(ReferralTable.BreachReason));

        env.Emulator.Clock.Set(env.Now.AddDays(2));
        env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        var flagged = env.Retrieve(ReferralTable.LogicalName, referral);
        Assert.True(flagged.GetAttributeValue<bool>(ReferralTable.SlaBreached));
        Assert.NotEqual("forged", flagged.GetAttributeValue<string>(ReferralTable.BreachReason));
    }
}
