using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Post-discharge and journey follow-ups as the people who trigger them: a north-clinic care coordinator discharges,
/// readmits and ends journeys, the clinic's front desk books appointments; the pathway is the administrator's.
/// </summary>
public class FollowUpScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Pathway hip;
    private readonly Guid careCoordinator;
    private readonly Guid frontDesk;
    private readonly Guid patient;

    public FollowUpScenarios()
    {
        hip = env.CreateHipPathway();
        org = new Organisation(env);
        careCoordinator = org.StaffMember("Care coordinator", org.NorthClinic);
        frontDesk = org.StaffMember("Front desk", org.NorthClinic);
        env.ActAs(careCoordinator);
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, phone: true, preferred: Choices.Channel.SMS);
    }

    private Guid BookAtFrontDesk(DateTime start, Guid? journey = null)
    {
        env.ActAs(frontDesk);
        var appointment = env.BookAppointment(patient, start, journey);
        env.ActAs(careCoordinator);
        return appointment;
    }

    // Monday 2026-11-30 08:00 UTC: the first business time after the weekend following the scenario start.
    private static readonly DateTime MondayOpening = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private Guid Discharge()
    {
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        return journey;
    }

    [Fact]
    public void Entering_post_care_plans_the_check_in_call_survey_and_appointment_check()
    {
        var journey = Discharge();

        var followUps = env.FollowUps(patient);
        Assert.Equal(new[] { Choices.FollowUpType.PostDischargeCheckIn, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpType.FollowUpAppointmentCheck },
            followUps.Select(f => f.Type()));
        // The call 48 h after a Thursday discharge falls on Saturday and waits for Monday's opening (staff work business hours).
        Assert.Equal(new[] { MondayOpening, env.Now.AddDays(7), env.Now.AddDays(14) }, followUps.Select(f => f.Due()));
        Assert.Equal(Choices.Channel.SMS, followUps[1].Channel());
        Assert.All(followUps, f => Assert.Equal(journey, f.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId).Id));
        Assert.Equal(env.Now, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<DateTime>(JourneyTable.DischargedOn));
        Assert.Empty(env.Emulator.FailedAsyncJobs);
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Retrying_the_discharge_job_three_times_creates_no_duplicate()
    {
        Discharge();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(env.Emulator.RequeueSucceededAsyncJobs() > 0);
            env.Emulator.Clock.Advance(TimeSpan.FromHours(1));
            env.Emulator.RunPendingAsyncJobs();
        }

        Assert.Equal(3, env.FollowUps(patient).Count);
        Assert.Equal(MondayOpening, env.FollowUps(patient)[0].Due());
        Assert.Empty(env.Emulator.FailedAsyncJobs);
    }

    [Fact]
    public void Moving_between_post_care_stages_is_not_a_second_discharge()
    {
        var journey = Discharge();
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));

        env.MoveJourney(journey, hip, "Discharged");
        env.Emulator.RunPendingAsyncJobs();

        Assert.Equal(3, env.FollowUps(patient).Count);
    }

    [Fact]
    public void Staff_tasks_belong_to_the_journeys_care_coordinator_and_messages_to_whoever_triggered_them()
    {
        var coordinator = org.StaffMember("Care coordinator", org.NorthClinic, "Casey");
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.CareCoordinatorId] = new EntityReference("systemuser", coordinator) });

        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        var followUps = env.FollowUps(patient);
        Assert.All(followUps.Where(f => f.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind).Value == Choices.FollowUpKind.StaffTask),
            f => Assert.Equal(coordinator, f.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id));
        var survey = Assert.Single(followUps, f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
        Assert.Equal(careCoordinator, survey.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
        Assert.Equal(careCoordinator, survey.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void Without_a_coordinator_a_staff_task_belongs_to_the_journeys_owner()
    {
        var owner = org.StaffMember("Care coordinator", org.NorthClinic, "Olive");
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.OwnerId] = new EntityReference("systemuser", owner) });   // assigned to Olive

        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        var call = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn);
        Assert.Equal(owner, call.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
    }

    [Fact]
    public void A_readmission_cancels_the_first_discharges_follow_ups_so_the_patient_gets_one_survey()
    {
        env.AddTransition(hip, "Surgery", "Recovery");
        env.AddTransition(hip, "Recovery", "Surgery");
        var journey = Discharge();
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));

        env.MoveJourney(journey, hip, "Surgery");   // readmitted
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        var open = env.OpenFollowUps(patient);
        Assert.Single(open, f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
        Assert.Equal(new[] { env.Now.AddHours(48), env.Now.AddDays(7), env.Now.AddDays(14) }, open.Select(f => f.Due()));
        var cancelled = env.FollowUps(patient).Where(f => f.Status() == FollowUpTable.StatusOptions.Cancelled).ToList();
        Assert.Equal(3, cancelled.Count);
        Assert.All(cancelled, f => Assert.Contains("readmitted", f.GetAttributeValue<string>(FollowUpTable.CancellationReason), StringComparison.Ordinal));
        Assert.Empty(env.Emulator.FailedAsyncJobs);
    }

    [Theory]
    [InlineData(JourneyTable.StatusOptions.Dropped, "dropped")]
    [InlineData(JourneyTable.StatusOptions.Cancelled, "cancelled")]
    public void Ending_a_journey_cancels_its_pending_follow_ups_with_the_reason(int status, string reason)
    {
        var journey = Discharge();
        BookAtFrontDesk(env.Now.AddDays(10), journey);

        env.SetJourneyStatus(journey, status);

        Assert.Empty(env.OpenFollowUps(patient));
        // Three post-discharge follow-ups, two reminders and the pre-visit messages of the journey's first appointment.
        Assert.Equal(8, env.FollowUps(patient).Count);
        Assert.All(env.FollowUps(patient), f => Assert.Equal($"The journey was {reason}.", f.GetAttributeValue<string>(FollowUpTable.CancellationReason)));
    }

    [Fact]
    public void Completing_a_journey_keeps_its_post_discharge_follow_ups_and_cancels_the_rest()
    {
        var journey = Discharge();
        BookAtFrontDesk(env.Now.AddDays(10), journey);

        env.MoveJourney(journey, hip, "Discharged");
        env.Emulator.RunPendingAsyncJobs();

        Assert.Equal(JourneyTable.StatusOptions.Completed, env.Retrieve(JourneyTable.LogicalName, journey).GetAttributeValue<OptionSetValue>(JourneyTable.Status).Value);
        Assert.Equal(new[] { Choices.FollowUpType.PostDischargeCheckIn, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpType.FollowUpAppointmentCheck },
            env.OpenFollowUps(patient).Select(f => f.Type()));
        var reminders = env.FollowUps(patient).Where(f => f.Type() == Choices.FollowUpType.AppointmentReminder).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal("The journey was completed.", r.GetAttributeValue<string>(FollowUpTable.CancellationReason)));
    }

    [Fact]
    public void A_high_LACE_after_discharge_adds_calls_at_7_and_30_days()
    {
        var journey = Discharge();
        var dischargedAt = env.Now;
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));

        env.RecordRisk(patient, RiskAssessmentTable.ModelOptions.LACE,
            "{\"lengthOfStayDays\": 14, \"acuteAdmission\": true, \"charlsonScore\": 1, \"emergencyVisitsPrevious6Months\": 0}", journey);
        env.Emulator.RunPendingAsyncJobs();

        var calls = env.FollowUps(patient).Where(f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn).Select(f => f.Due()).ToList();
        Assert.Equal(new[] { MondayOpening, dischargedAt.AddDays(7), new DateTime(2026, 12, 28, 8, 0, 0, DateTimeKind.Utc) }, calls);   // Saturdays wait for Monday
        Assert.Equal(5, env.FollowUps(patient).Count);
    }

    [Fact]
    public void A_configured_rule_overrides_a_default_and_another_extends_them_beyond_90_days()
    {
        // Switch off the survey for the hip pathway, and add an annual review a year after discharge.
        env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpKind.AutomatedMessage, 7 * 24 * 60,
            pathwayId: hip.Id, active: false);
        var annual = env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ScreeningReminder, Choices.FollowUpKind.AutomatedMessage, 365 * 24 * 60,
            channel: Choices.Channel.SMS);

        Discharge();

        var followUps = env.FollowUps(patient);
        Assert.DoesNotContain(followUps, f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
        var review = Assert.Single(followUps, f => f.Type() == Choices.FollowUpType.ScreeningReminder);
        Assert.Equal(ScenarioEnvironment.Start.AddDays(365), review.Due());
        Assert.Equal(annual, review.GetAttributeValue<EntityReference>(FollowUpTable.RuleId).Id);
    }

    [Fact]
    public void A_rule_for_another_pathway_does_not_apply()
    {
        var other = env.CreatePathway("Diabetes", new StageSpec("Screening", 10));
        env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ExperienceSurvey, Choices.FollowUpKind.AutomatedMessage, 7 * 24 * 60,
            pathwayId: other.Id, active: false);

        Discharge();

        Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.ExperienceSurvey);
    }

    [Fact]
    public void A_configured_rule_can_change_a_default_reminder_channel()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.AppointmentScheduled, Choices.FollowUpType.AppointmentReminder, Choices.FollowUpKind.AutomatedMessage, -24 * 60,
            channel: Choices.Channel.Phone);
        var start = env.Now.AddDays(7);

        BookAtFrontDesk(start);

        var reminders = env.Reminders(patient);
        Assert.Equal(Choices.Channel.SMS, reminders[0].Channel());
        Assert.Equal(Choices.Channel.Phone, reminders[1].Channel());
    }

    [Fact]
    public void The_post_discharge_offsets_come_from_the_environment_variable()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.PostDischargeOffsetsHours, "24,72,720");

        Discharge();

        // 720 h is Saturday 26 December: the appointment check (a staff task) waits for Monday's opening.
        Assert.Equal(new[] { env.Now.AddHours(24), env.Now.AddHours(72), new DateTime(2026, 12, 28, 8, 0, 0, DateTimeKind.Utc) }, env.FollowUps(patient).Select(f => f.Due()));
    }

    [Fact]
    public void A_discharge_survey_in_quiet_hours_waits_for_morning_and_a_staff_task_for_business_hours()
    {
        env.Emulator.Clock.Set(ScenarioEnvironment.Start.Date.AddHours(22));   // 22:00

        var journey = env.StartJourney(patient, hip, "Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        var followUps = env.FollowUps(patient);
        Assert.Equal(MondayOpening, followUps.Single(f => f.Type() == Choices.FollowUpType.PostDischargeCheckIn).Due());   // Saturday 22:00
        Assert.Equal(ScenarioEnvironment.Start.Date.AddDays(8).AddHours(8), followUps.Single(f => f.Type() == Choices.FollowUpType.ExperienceSurvey).Due());
    }

    [Fact]
    public void A_rule_without_its_type_is_refused_when_saved_so_discharges_go_on()
    {
        env.Refused(() => env.System.Create(new Entity(FollowUpRuleTable.LogicalName)
        {
            [FollowUpRuleTable.Name] = "Broken",
            [FollowUpRuleTable.Trigger] = new OptionSetValue(Choices.FollowUpTrigger.Discharge),
            [FollowUpRuleTable.Kind] = new OptionSetValue(Choices.FollowUpKind.StaffTask),
        }), "needs its follow-up type");

        Discharge();

        Assert.Empty(env.Emulator.FailedAsyncJobs);
        Assert.Equal(3, env.FollowUps(patient).Count);
    }
}
