using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Appointments as the front desk of the north clinic works them: it registers the patients, books, moves, confirms and
/// cancels their appointments and records attendance, holding Basic User and Front desk only. Journeys are started by
/// a care coordinator of the same clinic; configuration (pathways, rules, environment variables) is the administrator's.
/// </summary>
public class AppointmentScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Guid coordinator;
    private readonly Guid frontDesk;
    private readonly Guid patient;
    // Thursday 2026-12-03 10:00 UTC: a week after the scenario clock starts.
    private readonly DateTime nextWeek = ScenarioEnvironment.Start.AddDays(7).AddHours(1);

    public AppointmentScenarios()
    {
        org = new Organisation(env);
        coordinator = org.StaffMember("Care coordinator", org.NorthClinic, "Carla");
        frontDesk = org.StaffMember("Front desk", org.NorthClinic, "Desmond");
        env.ActAs(frontDesk);
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, email: true, phone: true, preferred: Choices.Channel.SMS);
    }

    /// <summary>The clinic's care coordinator starts the patient's journey on the pathway (and coordinates it); then the front desk carries on.</summary>
    private Guid CoordinatorStartsJourney(Pathway pathway)
    {
        env.ActAs(coordinator);
        var journey = env.StartJourney(patient, pathway);
        env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.CareCoordinatorId] = new EntityReference("systemuser", coordinator) });
        env.ActAs(frontDesk);
        env.Emulator.ClearLog();
        return journey;
    }

    [Fact]
    public void Booking_plans_reminders_72_and_24_hours_before_on_the_preferred_channel()
    {
        var appointment = env.BookAppointment(patient, nextWeek);

        var reminders = env.Reminders(patient);
        Assert.Equal(new[] { nextWeek.AddHours(-72), nextWeek.AddHours(-24) }, reminders.Select(r => r.Due()));
        Assert.All(reminders, r =>
        {
            Assert.Equal(Choices.FollowUpType.AppointmentReminder, r.Type());
            Assert.Equal(Choices.Channel.SMS, r.Channel());
            Assert.Equal(FollowUpTable.StatusOptions.Pending, r.Status());
            Assert.Equal(appointment, r.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id);
            Assert.StartsWith("AppointmentScheduled:AppointmentReminder:", r.GetAttributeValue<string>(FollowUpTable.IdempotencyKey));
        });
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Saving_the_same_appointment_again_three_times_creates_no_duplicate()
    {
        var appointment = env.BookAppointment(patient, nextWeek);

        for (var i = 0; i < 3; i++) env.Reschedule(appointment, nextWeek);
        for (var i = 0; i < 3; i++) env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Confirmed);

        Assert.Equal(2, env.Reminders(patient).Count);
    }

    [Fact]
    public void A_reminder_already_due_survives_the_patient_confirming()
    {
        var appointment = env.BookAppointment(patient, nextWeek);
        env.Emulator.Clock.Set(nextWeek.AddHours(-71));   // the 72 h reminder is due and not yet sent
        env.Emulator.ClearLog();

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Confirmed);
        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Rescheduled);

        Assert.Equal(new[] { nextWeek.AddHours(-72), nextWeek.AddHours(-24) }, env.OpenReminders(patient).Select(r => r.Due()));
        Assert.DoesNotContain(env.Emulator.Requests.SelectMany(r => r.RowsWritten), w => w.Table == FollowUpTable.LogicalName);
    }

    [Fact]
    public void A_reminder_already_due_is_cancelled_when_the_start_really_moves_closer()
    {
        var appointment = env.BookAppointment(patient, nextWeek);
        env.Emulator.Clock.Set(nextWeek.AddHours(-71));

        env.Reschedule(appointment, nextWeek.AddDays(-1));

        var open = Assert.Single(env.OpenReminders(patient));
        Assert.Equal(nextWeek.AddDays(-2), open.Due());
        Assert.Single(env.Reminders(patient), f => f.Status() == FollowUpTable.StatusOptions.Cancelled);
    }

    [Fact]
    public void Rescheduling_moves_pending_reminders_and_drops_those_whose_time_has_passed()
    {
        var appointment = env.BookAppointment(patient, nextWeek);
        var later = nextWeek.AddDays(7);

        env.Reschedule(appointment, later);
        Assert.Equal(new[] { later.AddHours(-72), later.AddHours(-24) }, env.OpenReminders(patient).Select(r => r.Due()));
        Assert.Equal(2, env.Reminders(patient).Count);

        var soon = env.Now.AddHours(30);
        env.Reschedule(appointment, soon);
        var open = Assert.Single(env.OpenReminders(patient));
        Assert.Equal(soon.AddHours(-24), open.Due());
        Assert.Single(env.Reminders(patient), f => f.Status() == FollowUpTable.StatusOptions.Cancelled);
    }

    [Fact]
    public void A_booking_whose_reminder_times_have_passed_gets_none()
    {
        env.BookAppointment(patient, env.Now.AddHours(12));

        Assert.Empty(env.Reminders(patient));
    }

    [Fact]
    public void Cancelling_cancels_the_reminders_and_rebooking_reopens_them()
    {
        var appointment = env.BookAppointment(patient, nextWeek);

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.CancelledByPatient);
        Assert.All(env.Reminders(patient), f => Assert.Equal(FollowUpTable.StatusOptions.Cancelled, f.Status()));

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Scheduled);
        Assert.Equal(2, env.OpenReminders(patient).Count);
        Assert.Equal(2, env.Reminders(patient).Count);
    }

    [Fact]
    public void Without_consent_messages_are_created_suppressed_with_the_reason()
    {
        var other = env.CreatePatient();

        env.BookAppointment(other, nextWeek);

        var reminders = env.Reminders(other);
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r =>
        {
            Assert.Equal(FollowUpTable.StatusOptions.Suppressed, r.Status());
            Assert.Null(r.Channel());
            Assert.Contains("allows no channel", r.GetAttributeValue<string>(FollowUpTable.SuppressionReason));
        });
    }

    [Fact]
    public void A_message_uses_an_allowed_channel_when_the_preferred_one_is_not_allowed()
    {
        var other = env.CreatePatient();
        env.SetConsent(other, email: true, preferred: Choices.Channel.SMS);

        env.BookAppointment(other, nextWeek);

        Assert.All(env.Reminders(other), r => Assert.Equal(Choices.Channel.Email, r.Channel()));
    }

    [Fact]
    public void Reminders_due_in_quiet_hours_move_to_their_end()
    {
        var early = nextWeek.Date.AddHours(6);   // 06:00, inside the default 21:00-08:00

        env.BookAppointment(patient, early);

        Assert.All(env.Reminders(patient), r => Assert.Equal(8, r.Due().Hour));

        var own = env.CreatePatient();
        env.SetConsent(own, sms: true, quietStartMinute: 22 * 60, quietEndMinute: 5 * 60);
        env.BookAppointment(own, early);
        Assert.All(env.Reminders(own), r => Assert.Equal(6, r.Due().Hour));
    }

    [Fact]
    public void The_reminder_offsets_come_from_the_environment_variable()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.AppointmentReminderOffsetsHours, "48, 2");

        env.BookAppointment(patient, nextWeek);

        Assert.Equal(new[] { nextWeek.AddHours(-48), nextWeek.AddHours(-2) }, env.Reminders(patient).Select(r => r.Due()));
    }

    [Fact]
    public void A_malformed_offsets_variable_is_refused_naming_the_setting_and_nothing_is_written()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.AppointmentReminderOffsetsHours, "three days");

        env.Refused(() => env.BookAppointment(patient, nextWeek), "appointment reminder offsets");
        Assert.Empty(env.Emulator.Rows(AppointmentTable.LogicalName));
    }

    [Fact]
    public void An_appointment_on_the_last_day_Dataverse_stores_can_be_booked_and_missed()
    {
        var lastDay = new DateTime(9999, 12, 31, 10, 0, 0, DateTimeKind.Utc);
        var appointment = env.BookAppointment(patient, lastDay);

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.NoShow);

        Assert.True(env.Emulator.LastRequest.Succeeded);
        Assert.Equal(1, env.Retrieve(ContactTable.LogicalName, patient).GetAttributeValue<int>(ContactTable.NoShowCount));
        // The recovery call would fall after 31 December 9999, so it is not planned; the reminders were cancelled by the no-show.
        Assert.DoesNotContain(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.NoShowRecovery);
        Assert.Empty(env.OpenFollowUps(patient));
    }

    [Fact]
    public void A_reminder_whose_quiet_hours_end_in_the_skipped_hour_is_due_when_the_clocks_jump()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.TimeZone, "GMT Standard Time");
        var own = env.CreatePatient();
        env.SetConsent(own, sms: true, quietStartMinute: 22 * 60, quietEndMinute: 90);   // 22:00-01:30

        // 24 h before is 23:00 GMT on 27 March 2027; 01:30 on the 28th does not exist (01:00 GMT jumps to 02:00 BST).
        env.BookAppointment(own, new DateTime(2027, 3, 28, 23, 0, 0, DateTimeKind.Utc));

        Assert.Contains(env.FollowUps(own), f => f.Due() == new DateTime(2027, 3, 28, 1, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_patient_appointment_without_a_start_is_refused()
    {
        var appointment = FollowUpData.NewAppointment(patient, nextWeek);
        appointment.Attributes.Remove(AppointmentTable.ScheduledStart);
        appointment.Attributes.Remove(AppointmentTable.ScheduledEnd);

        env.Refused(() => env.Service.Create(appointment), "needs its start time");
    }

    [Fact]
    public void Appointments_without_a_patient_are_left_alone()
    {
        env.Service.Create(new Entity(AppointmentTable.LogicalName) { [AppointmentTable.Subject] = "Team meeting", [AppointmentTable.ScheduledStart] = nextWeek });

        Assert.Empty(env.Emulator.Rows(FollowUpTable.LogicalName));
    }

    [Fact]
    public void A_no_show_counts_updates_the_rate_and_risk_and_creates_a_recovery_task_for_the_next_business_day()
    {
        var friday = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
        var attended = env.BookAppointment(patient, ScenarioEnvironment.Start.AddHours(1));
        var missed = env.BookAppointment(patient, friday);
        env.Emulator.Clock.Set(ScenarioEnvironment.Start.AddHours(2));
        env.SetAttendance(attended, AppointmentTable.AttendanceOptions.Fulfilled);
        env.Emulator.Clock.Set(friday.AddHours(1));

        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);

        var contact = env.Retrieve(ContactTable.LogicalName, patient);
        Assert.Equal(2, contact.GetAttributeValue<int>(ContactTable.AppointmentCount));
        Assert.Equal(1, contact.GetAttributeValue<int>(ContactTable.NoShowCount));
        Assert.Equal(0.5m, contact.GetAttributeValue<decimal>(ContactTable.NoShowRate));
        // (1 + 0.15 × 4) / (2 + 4) = 0.2667: high.
        Assert.Equal(Choices.RiskBand.High, contact.GetAttributeValue<OptionSetValue>(ContactTable.NoShowRiskBand).Value);
        var recovery = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.NoShowRecovery);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), recovery.Due());   // Monday opening
        Assert.Equal(Choices.FollowUpKind.StaffTask, recovery.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind).Value);
        var risk = Assert.Single(env.Emulator.Rows(RiskAssessmentTable.LogicalName));
        Assert.Equal(RiskAssessmentTable.ModelOptions.NoShow, risk.GetAttributeValue<OptionSetValue>(RiskAssessmentTable.Model).Value);
        Assert.Equal(26.67m, risk.GetAttributeValue<decimal>(RiskAssessmentTable.Score));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Recording_the_same_no_show_three_times_counts_it_once()
    {
        var missed = env.BookAppointment(patient, env.Now.AddHours(1));
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        for (var i = 0; i < 3; i++) env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);

        Assert.Equal(1, env.Retrieve(ContactTable.LogicalName, patient).GetAttributeValue<int>(ContactTable.NoShowCount));
        Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.NoShowRecovery);
        Assert.Single(env.Emulator.Rows(RiskAssessmentTable.LogicalName));
    }

    [Fact]
    public void Patients_at_high_no_show_risk_also_get_a_staff_call_48_hours_before()
    {
        var missed = env.BookAppointment(patient, env.Now.AddHours(1));
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);

        env.BookAppointment(patient, nextWeek);

        var call = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.RiskCall);
        Assert.Equal(nextWeek.AddHours(-48), call.Due());
        Assert.Equal(Choices.Channel.Phone, call.Channel());
    }

    [Fact]
    public void An_attended_appointment_is_a_touchpoint_on_the_journey_once()
    {
        var journey = CoordinatorStartsJourney(env.CreateHipPathway());
        var appointment = env.BookAppointment(patient, env.Now.AddHours(1), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Fulfilled);
        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Fulfilled);

        var touchpoint = Assert.Single(env.Touchpoints(patient), t => t.GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value == TouchpointTable.TypeOptions.Appointment);
        Assert.Equal(journey, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.JourneyId).Id);
        Assert.Empty(env.OpenFollowUps(patient));
    }

    [Fact]
    public void The_attended_touchpoint_is_the_front_desks_and_the_journeys_touchpoint_figures_are_kept_by_the_platform()
    {
        var journey = CoordinatorStartsJourney(env.CreateHipPathway());
        var appointment = env.BookAppointment(patient, env.Now.AddHours(1), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.Fulfilled);

        // The touchpoint is the desk's record of the visit; the journey's count and last-touchpoint time are derived
        // figures written as SYSTEM, so recording attendance needs no right to change the journey.
        var touchpoint = Assert.Single(env.Touchpoints(patient), t => t.GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value == TouchpointTable.TypeOptions.Appointment);
        Assert.Equal(frontDesk, touchpoint.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(frontDesk, touchpoint.GetAttributeValue<EntityReference>(TouchpointTable.OwnerId).Id);
        var figures = env.Retrieve(JourneyTable.LogicalName, journey);
        Assert.Equal(env.Touchpoints(patient).Count, figures.GetAttributeValue<int>(JourneyTable.TouchpointCount));
        Assert.Equal(env.Emulator.SystemUserId, figures.GetAttributeValue<EntityReference>("modifiedby").Id);
        Assert.Equal(coordinator, figures.GetAttributeValue<EntityReference>(JourneyTable.OwnerId).Id);
        Assert.Throws<DataverseFaultException>(() => env.Service.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.TouchpointCount] = 0 }));
    }

    [Fact]
    public void A_colleague_at_the_desk_moves_and_cancels_an_appointment_another_booked_without_duplicating_its_follow_ups()
    {
        var journey = CoordinatorStartsJourney(env.CreateHipPathway());
        var missed = env.BookAppointment(patient, env.Now.AddHours(1), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);   // the patient is now at high no-show risk
        var booked = env.BookAppointment(patient, nextWeek, journey);
        var colleague = org.StaffMember("Front desk", org.NorthClinic, "Dana");
        env.ActAs(colleague);

        var later = nextWeek.AddDays(2);
        env.Reschedule(booked, later);

        var open = env.OpenFollowUps(patient).Where(f => f.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id == booked).ToList();
        Assert.Equal(new[] { (Choices.FollowUpType.AppointmentReminder, later.AddHours(-72)), (Choices.FollowUpType.RiskCall, later.AddHours(-48)), (Choices.FollowUpType.AppointmentReminder, later.AddHours(-24)) },
            open.Select(f => (f.Type(), f.Due())));
        Assert.Equal(3, env.FollowUps(patient).Count(f => f.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id == booked));
        // The reminder call is the care coordinator's task; the messages stay the booking desk's.
        var call = Assert.Single(open, f => f.Type() == Choices.FollowUpType.RiskCall);
        Assert.Equal(coordinator, call.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
        Assert.All(open.Where(f => f.Type() == Choices.FollowUpType.AppointmentReminder), r => Assert.Equal(frontDesk, r.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id));

        env.SetAttendance(booked, AppointmentTable.AttendanceOptions.CancelledByPatient);

        Assert.DoesNotContain(env.OpenFollowUps(patient), f => f.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id == booked);
        Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.RiskCall);
    }

    [Fact]
    public void An_appointment_rule_the_administrator_configured_applies_to_the_front_desks_bookings()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.AppointmentScheduled, Choices.FollowUpType.AppointmentReminder, Choices.FollowUpKind.AutomatedMessage, -7 * 24 * 60);

        env.BookAppointment(patient, nextWeek.AddDays(7));

        var weekBefore = Assert.Single(env.Reminders(patient), r => r.Due() == nextWeek);
        Assert.NotNull(weekBefore.GetAttributeValue<EntityReference>(FollowUpTable.RuleId));
    }

    [Fact]
    public void A_no_show_on_a_journey_gives_its_recovery_task_and_risk_assessment_to_the_care_coordinator()
    {
        var journey = CoordinatorStartsJourney(env.CreateHipPathway());
        var missed = env.BookAppointment(patient, env.Now.AddHours(1), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);

        var recovery = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.NoShowRecovery);
        Assert.Equal(coordinator, recovery.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
        // A staff task is work handed to someone else: written as SYSTEM for its owner, whatever the desk may create.
        Assert.Equal(env.Emulator.SystemUserId, recovery.GetAttributeValue<EntityReference>("createdby").Id);
        // The assessment is clinical: written as SYSTEM, owned by the coordinator, closed to the desk that caused it.
        var risk = Assert.Single(env.Emulator.Rows(RiskAssessmentTable.LogicalName));
        Assert.Equal(coordinator, risk.GetAttributeValue<EntityReference>(RiskAssessmentTable.OwnerId).Id);
        Assert.Equal(env.Emulator.SystemUserId, risk.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.Equal(ErrorCodes.PrivilegeDenied, Assert.Throws<DataverseFaultException>(() => env.Service.Retrieve(RiskAssessmentTable.LogicalName, risk.Id, new ColumnSet(RiskAssessmentTable.Score))).ErrorCode);
        env.ActAs(coordinator);
        Assert.Equal(32m, env.Service.Retrieve(RiskAssessmentTable.LogicalName, risk.Id, new ColumnSet(RiskAssessmentTable.Score)).GetAttributeValue<decimal>(RiskAssessmentTable.Score));
    }

    [Fact]
    public void The_no_show_risk_assessment_skips_a_disabled_coordinator_as_staff_tasks_do()
    {
        var journey = CoordinatorStartsJourney(env.CreateHipPathway());
        var colleague = org.StaffMember("Care coordinator", org.NorthClinic, "Colin");
        env.System.Update(new Entity(JourneyTable.LogicalName, journey) { [JourneyTable.OwnerId] = new EntityReference("systemuser", colleague) });
        env.System.Update(new Entity("systemuser", coordinator) { ["isdisabled"] = true });
        var missed = env.BookAppointment(patient, env.Now.AddHours(1), journey);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);

        Assert.Equal(colleague, Assert.Single(env.Emulator.Rows(RiskAssessmentTable.LogicalName)).GetAttributeValue<EntityReference>(RiskAssessmentTable.OwnerId).Id);
        Assert.Equal(colleague, Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.NoShowRecovery).GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
    }

    [Fact]
    public void Without_a_journey_the_no_show_risk_assessment_goes_to_the_default_care_team_when_the_patients_owner_has_left()
    {
        var team = env.System.Create(new Entity("team") { ["name"] = "North clinic care team", ["businessunitid"] = new EntityReference("businessunit", org.NorthClinic) });
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultCareTeam, "North clinic care team");
        var missed = env.BookAppointment(patient, env.Now.AddHours(1));
        var leaver = org.StaffMember("Front desk", org.NorthClinic, "Lee");
        env.ActAs(leaver);
        var other = env.CreatePatient();
        var otherMissed = env.BookAppointment(other, env.Now.AddHours(1));
        env.System.Update(new Entity("systemuser", leaver) { ["isdisabled"] = true });
        env.ActAs(frontDesk);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(2));

        env.SetAttendance(missed, AppointmentTable.AttendanceOptions.NoShow);
        env.SetAttendance(otherMissed, AppointmentTable.AttendanceOptions.NoShow);

        EntityReference OwnerOf(Guid p) => env.Emulator.Rows(RiskAssessmentTable.LogicalName)
            .Single(r => r.GetAttributeValue<EntityReference>(RiskAssessmentTable.PatientId).Id == p).GetAttributeValue<EntityReference>(RiskAssessmentTable.OwnerId);
        Assert.Equal(frontDesk, OwnerOf(patient).Id);   // the patient's owner, who registered them
        Assert.Equal(("team", team), (OwnerOf(other).LogicalName, OwnerOf(other).Id));
    }

    private const string Step = "PatientJourney.Crm.Plugins.Appointments.AppointmentChanged";

    [Fact]
    public void A_bulk_import_through_ExecuteMultiple_runs_the_step_once_per_row_at_the_same_cost_per_row()
    {
        var patients = Enumerable.Range(0, 40).Select(_ => env.CreatePatient()).ToList();
        env.Emulator.ClearLog();

        env.ImportAppointments(patients.Select((p, i) => FollowUpData.NewAppointment(p, nextWeek.AddHours(i), attendance: AppointmentTable.AttendanceOptions.Scheduled)));

        var executions = env.Emulator.LastRequest.PluginExecutions.Where(e => e.PluginType == Step).ToList();
        Assert.Equal(40, executions.Count);
        Assert.All(executions, e => Assert.Equal("Create", e.MessageName));
        // Per row: the appointment with its patient and journey, settings, rules, whether it is a first appointment, existing
        // follow-ups, two reminder Creates and (a first appointment) the welcome, pre-registration and directions Creates.
        Assert.All(executions, e => Assert.Equal(10, e.ServiceCalls));
        Assert.Equal(5 * 40, env.Emulator.Rows(FollowUpTable.LogicalName).Count);
    }

    [Fact]
    public void Recording_attendance_in_bulk_costs_the_same_per_row_whatever_the_batch_size()
    {
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        List<int> CallsFor(int count)
        {
            var patients = Enumerable.Range(0, count).Select(_ => env.CreatePatient()).ToList();
            var ids = env.ImportAppointments(patients.Select(p => FollowUpData.NewAppointment(p, env.Now.AddHours(1), attendance: AppointmentTable.AttendanceOptions.Scheduled)));
            env.Emulator.ClearLog();
            env.ExecuteInBatches(ids.Select((id, i) => (OrganizationRequest)new Microsoft.Xrm.Sdk.Messages.UpdateRequest
            {
                Target = new Entity(AppointmentTable.LogicalName, id)
                {
                    [AppointmentTable.Attendance] = new OptionSetValue(i % 2 == 0 ? AppointmentTable.AttendanceOptions.NoShow : AppointmentTable.AttendanceOptions.Fulfilled),
                },
            }));
            return env.Emulator.LastRequest.PluginExecutions.Where(e => e.PluginType == Step).Select(e => e.ServiceCalls).ToList();
        }

        var small = CallsFor(2);
        var large = CallsFor(30);

        Assert.Equal(30, large.Count);
        // No-show: recount, patient update, appointment, risk lookup + its owner (the journey's coordinator, else the patient's owner) + Create,
        // settings, rules, existing follow-ups, recovery task Create,
        // and the Update that cancels the unsent welcome of this first appointment.
        // Fulfilled: recount, patient update, appointment, touchpoint lookup + Create, settings, rules, education content, existing
        // follow-ups, the welcome's cancellation (no education content is configured, so no education message).
        Assert.Equal(new[] { 11, 10 }, small);
        Assert.Equal(Enumerable.Range(0, 15).SelectMany(_ => small), large);
        Assert.Equal(16, env.Emulator.Rows(RiskAssessmentTable.LogicalName).Count);
    }

    [Fact]
    public void Importing_a_thousand_appointments_through_ExecuteMultiple_gives_the_same_follow_ups_as_a_thousand_single_creates()
    {
        // Both imports run as a front-desk user of the north clinic, each in its own environment and organisation.
        var single = new ScenarioEnvironment();
        var singleOrganisation = new Organisation(single);
        single.ActAs(singleOrganisation.StaffMember("Front desk", singleOrganisation.NorthClinic));
        var bulkRows = Import(env, (e, rows) => e.ImportAppointments(rows));
        var singleRows = Import(single, (e, rows) => rows.Select(r => e.Service.Create(r)).ToArray());

        // 500 booked × 2 reminders, 150 recovery calls (3 no-shows a patient), 450 risk calls: every booking after the
        // patient's first no-show (blocks 3, 5 … 19) finds the patient at high risk.
        Assert.Equal(1_000 + 150 + 450, bulkRows.FollowUps.Count);
        Assert.Equal(singleRows.FollowUps, bulkRows.FollowUps);
        Assert.Equal(singleRows.Patients, bulkRows.Patients);
        Assert.Equal(singleRows.Assessments, bulkRows.Assessments);
        Assert.Equal(singleRows.Touchpoints, bulkRows.Touchpoints);
        single.NoPatientDataLeaked();
    }

    private sealed record ImportOutcome(List<string> FollowUps, List<string> Patients, int Assessments, int Touchpoints);

    // 50 patients with 20 appointments each: ten past ones fulfilled, missed, cancelled or arrived, ten future ones booked.
    private static ImportOutcome Import(ScenarioEnvironment target, Func<ScenarioEnvironment, List<Entity>, Guid[]> import)
    {
        var patients = Enumerable.Range(0, 50).Select(_ => target.CreatePatient()).ToList();
        foreach (var p in patients) target.SetConsent(p, sms: true, phone: true);
        int[] past = { AppointmentTable.AttendanceOptions.Fulfilled, AppointmentTable.AttendanceOptions.NoShow, AppointmentTable.AttendanceOptions.CancelledByPatient, AppointmentTable.AttendanceOptions.Arrived };
        var rows = Enumerable.Range(0, 1000).Select(i =>
        {
            // Rows come in blocks of 50 (one per patient), alternately past and future, so risk bands change during the import.
            var block = i / 50;
            var isPast = block % 2 == 0;
            var start = ScenarioEnvironment.Start.AddHours(isPast ? -24 - i : 96 + i);
            return FollowUpData.NewAppointment(patients[i % 50], start, attendance: isPast ? past[block / 2 % 4] : AppointmentTable.AttendanceOptions.Scheduled);
        }).ToList();
        var ids = import(target, rows);
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var patientIndex = patients.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var followUps = target.Emulator.Rows(FollowUpTable.LogicalName)
            .Select(f => $"{index[f.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id]} {f.Type()} {f.Status()} {f.Channel()} {f.Due():O}")
            .OrderBy(x => x, StringComparer.Ordinal).ToList();
        var counters = patients.Select(p => target.Retrieve(ContactTable.LogicalName, p)).Select(c =>
            $"{patientIndex[c.Id]} {c.GetAttributeValue<int?>(ContactTable.AppointmentCount)} {c.GetAttributeValue<int?>(ContactTable.NoShowCount)} "
            + $"{c.GetAttributeValue<decimal?>(ContactTable.NoShowRate)} {c.GetAttributeValue<OptionSetValue>(ContactTable.NoShowRiskBand)?.Value}").ToList();
        return new ImportOutcome(followUps, counters, target.Count(RiskAssessmentTable.LogicalName), target.Count(TouchpointTable.LogicalName));
    }
}
