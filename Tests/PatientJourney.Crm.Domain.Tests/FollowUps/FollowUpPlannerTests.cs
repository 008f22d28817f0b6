using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class FollowUpPlannerTests
{
    // Thursday 2026-11-26 09:00 UTC.
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
    private static readonly FollowUpRule[] NoConfiguredRules = Array.Empty<FollowUpRule>();

    private readonly FollowUpPlanner planner = new(
        BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", "2026-12-25", TimeZoneInfo.Utc), QuietHours.Parse("21:00-08:00"), TimeZoneInfo.Utc);

    private readonly ContactPreferences smsAndEmail = new(new[] { ContactChannel.Sms, ContactChannel.Email }, ContactChannel.Email, null);

    private static FollowUpEvent Appointment(DateTime start, RiskBand? noShowRisk = null, Guid? id = null) =>
        new(FollowUpTrigger.AppointmentScheduled, id ?? Guid.NewGuid(), start, riskBand: noShowRisk);

    [Fact]
    public void Appointments_get_reminders_72_and_24_hours_before()
    {
        var start = Now.AddDays(7).AddHours(1);

        var plans = planner.Plan(Appointment(start, RiskBand.Low), NoConfiguredRules, smsAndEmail, Now);

        Assert.Equal(new[] { start.AddHours(-72), start.AddHours(-24) }, plans.Select(p => p.DueOn));
        Assert.All(plans, p => Assert.Equal(FollowUpType.AppointmentReminder, p.Rule.Type));
        Assert.All(plans, p => Assert.Equal(ContactChannel.Email, p.Channel));
        Assert.All(plans, p => Assert.Equal(FollowUpStatus.Pending, p.Status));
    }

    [Fact]
    public void High_no_show_risk_adds_a_staff_call()
    {
        var start = Now.AddDays(7).AddHours(1);

        var plans = planner.Plan(Appointment(start, RiskBand.High), NoConfiguredRules, smsAndEmail, Now);

        var call = Assert.Single(plans, p => p.Rule.Kind == FollowUpKind.StaffTask);
        Assert.Equal(FollowUpType.ReminderCall, call.Rule.Type);
        Assert.Equal(start.AddHours(-48), call.DueOn);
        Assert.Equal(3, plans.Count);
    }

    [Fact]
    public void Reminders_whose_time_has_passed_are_not_created()
    {
        var plans = planner.Plan(Appointment(Now.AddHours(30)), NoConfiguredRules, smsAndEmail, Now);

        Assert.Equal(Now.AddHours(6), Assert.Single(plans).DueOn);
    }

    [Fact]
    public void Messages_due_in_quiet_hours_wait_for_the_end_of_them()
    {
        var start = new DateTime(2026, 12, 3, 6, 30, 0, DateTimeKind.Utc);

        var plans = planner.Plan(Appointment(start), NoConfiguredRules, smsAndEmail, Now);

        // 06:30 is inside 21:00-08:00, so both reminders move to 08:00 on their day.
        Assert.Equal(new[] { new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc) }, plans.Select(p => p.DueOn));
    }

    [Fact]
    public void A_patients_own_quiet_hours_win()
    {
        var nightOwl = new ContactPreferences(new[] { ContactChannel.Sms }, ContactChannel.Sms, QuietHours.Parse("12:00-14:00"));
        var start = new DateTime(2026, 12, 3, 13, 0, 0, DateTimeKind.Utc);

        var plans = planner.Plan(Appointment(start), NoConfiguredRules, nightOwl, Now);

        Assert.All(plans, p => Assert.Equal(14, p.DueOn.Hour));
    }

    [Fact]
    public void Without_consent_on_any_channel_messages_are_suppressed_but_staff_tasks_remain()
    {
        var noConsent = new ContactPreferences(Array.Empty<ContactChannel>(), ContactChannel.Sms, null);

        var plans = planner.Plan(Appointment(Now.AddDays(7), RiskBand.High), NoConfiguredRules, noConsent, Now);

        Assert.All(plans.Where(p => p.Rule.Kind == FollowUpKind.AutomatedMessage), p =>
        {
            Assert.Equal(FollowUpStatus.Suppressed, p.Status);
            Assert.Null(p.Channel);
        });
        Assert.Equal(FollowUpStatus.Pending, Assert.Single(plans, p => p.Rule.Kind == FollowUpKind.StaffTask).Status);
    }

    [Fact]
    public void A_preferred_channel_without_consent_falls_back_to_an_allowed_one()
    {
        var preferences = new ContactPreferences(new[] { ContactChannel.Email, ContactChannel.Portal }, ContactChannel.Sms, null);

        Assert.Equal(ContactChannel.Email, preferences.ChannelFor(null));
        Assert.Equal(ContactChannel.Portal, preferences.ChannelFor(ContactChannel.Portal));
        Assert.Equal(ContactChannel.Email, preferences.ChannelFor(ContactChannel.App));
    }

    [Fact]
    public void Discharge_brings_a_call_a_survey_and_an_appointment_check()
    {
        var discharge = new FollowUpEvent(FollowUpTrigger.Discharge, Guid.NewGuid(), Now, riskBand: RiskBand.Moderate);

        var plans = planner.Plan(discharge, NoConfiguredRules, smsAndEmail, Now);

        Assert.Equal(new[] { FollowUpType.CheckInCall, FollowUpType.ExperienceSurvey, FollowUpType.FollowUpAppointmentCheck }, plans.Select(p => p.Rule.Type));
        // The 48 h call falls on Saturday, so it waits for Monday's opening; the survey is a message and keeps its time.
        Assert.Equal(new[] { Monday(11, 30), Now.AddDays(7), Now.AddDays(14) }, plans.Select(p => p.DueOn));
    }

    private static DateTime Monday(int month, int day) => new(2026, month, day, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_staff_task_before_its_event_moves_back_into_business_hours()
    {
        var mondayEarly = new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc);

        var call = Assert.Single(planner.Plan(Appointment(mondayEarly, RiskBand.High), NoConfiguredRules, smsAndEmail, Now), p => p.Rule.Kind == FollowUpKind.StaffTask);

        Assert.Equal(new DateTime(2026, 12, 4, 18, 0, 0, DateTimeKind.Utc), call.DueOn);   // 48 h before is Saturday 07:00: Friday's close
    }

    [Fact]
    public void High_readmission_risk_adds_calls_at_7_and_30_days()
    {
        var discharge = new FollowUpEvent(FollowUpTrigger.Discharge, Guid.NewGuid(), Now, riskBand: RiskBand.High);

        var calls = planner.Plan(discharge, NoConfiguredRules, smsAndEmail, Now).Where(p => p.Rule.Type == FollowUpType.CheckInCall).Select(p => p.DueOn);

        Assert.Equal(new[] { Monday(11, 30), Now.AddDays(7), Monday(12, 28) }, calls);   // Saturdays wait for Monday
    }

    [Fact]
    public void A_no_show_gets_a_recovery_task_on_the_next_business_day()
    {
        var friday = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

        var plan = Assert.Single(planner.Plan(new FollowUpEvent(FollowUpTrigger.NoShow, Guid.NewGuid(), friday), NoConfiguredRules, smsAndEmail, friday));

        Assert.Equal(FollowUpType.NoShowRecovery, plan.Rule.Type);
        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), plan.DueOn);
    }

    [Fact]
    public void A_detractor_gets_service_recovery_within_one_business_day()
    {
        var friday = new DateTime(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc);

        var plan = Assert.Single(planner.Plan(new FollowUpEvent(FollowUpTrigger.SurveyDetractor, Guid.NewGuid(), friday), NoConfiguredRules, smsAndEmail, friday));

        Assert.Equal(FollowUpType.ServiceRecovery, plan.Rule.Type);
        Assert.Equal(new DateTime(2026, 11, 30, 16, 0, 0, DateTimeKind.Utc), plan.DueOn);
    }

    [Fact]
    public void A_configured_rule_overrides_the_default_with_the_same_identity_only_on_its_pathway()
    {
        var hipPathway = Guid.NewGuid();
        var switchOff72h = new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(-72), pathwayId: hipPathway, isActive: false);
        var smsAt24h = new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(-24), channel: ContactChannel.Sms);
        var start = Now.AddDays(7);

        var onHip = planner.Plan(new FollowUpEvent(FollowUpTrigger.AppointmentScheduled, Guid.NewGuid(), start, hipPathway), new[] { switchOff72h, smsAt24h }, smsAndEmail, Now);
        var elsewhere = planner.Plan(Appointment(start), new[] { switchOff72h, smsAt24h }, smsAndEmail, Now);

        var only = Assert.Single(onHip);
        Assert.Equal(start.AddHours(-24), only.DueOn);
        Assert.Equal(ContactChannel.Sms, only.Channel);
        Assert.Equal(2, elsewhere.Count);
    }

    [Fact]
    public void The_most_specific_configured_rule_wins()
    {
        var pathway = Guid.NewGuid();
        var stage = Guid.NewGuid();
        FollowUpRule Survey(ContactChannel channel, Guid? pathwayId, Guid? stageId) =>
            new(FollowUpTrigger.Discharge, FollowUpType.ExperienceSurvey, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(7), channel: channel, pathwayId: pathwayId, stageId: stageId);
        var rules = new[] { Survey(ContactChannel.Portal, pathway, stage), Survey(ContactChannel.Sms, null, null), Survey(ContactChannel.Email, pathway, null) };
        var preferences = new ContactPreferences(new[] { ContactChannel.Sms, ContactChannel.Email, ContactChannel.Portal }, null, null);

        var plans = planner.Plan(new FollowUpEvent(FollowUpTrigger.Discharge, Guid.NewGuid(), Now, pathway, stage), rules, preferences, Now);

        Assert.Equal(ContactChannel.Portal, Assert.Single(plans, p => p.Rule.Type == FollowUpType.ExperienceSurvey).Channel);
    }

    [Fact]
    public void Configured_rules_extend_the_defaults_over_long_horizons()
    {
        var annualScreening = new FollowUpRule(FollowUpTrigger.Periodic, FollowUpType.ScreeningReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(365));

        var plan = Assert.Single(planner.Plan(new FollowUpEvent(FollowUpTrigger.Periodic, Guid.NewGuid(), Now), new[] { annualScreening }, smsAndEmail, Now));

        Assert.Equal(Now.AddDays(365), plan.DueOn);
    }

    [Fact]
    public void Keys_are_stable_for_the_same_source_and_rule_whatever_the_time()
    {
        var appointmentId = Guid.NewGuid();
        var first = planner.Plan(Appointment(Now.AddDays(7), id: appointmentId), NoConfiguredRules, smsAndEmail, Now);
        var rescheduled = planner.Plan(Appointment(Now.AddDays(9), id: appointmentId), NoConfiguredRules, smsAndEmail, Now);
        var other = planner.Plan(Appointment(Now.AddDays(7)), NoConfiguredRules, smsAndEmail, Now);

        Assert.Equal(first.Select(p => p.IdempotencyKey), rescheduled.Select(p => p.IdempotencyKey));
        Assert.Empty(first.Select(p => p.IdempotencyKey).Intersect(other.Select(p => p.IdempotencyKey)));
        Assert.All(first, p => Assert.InRange(p.IdempotencyKey.Length, 1, 100));
        Assert.Equal(2, first.Select(p => p.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public void Business_day_offsets_cannot_fall_before_the_event()
    {
        Assert.Throws<BusinessRuleViolation>(() => new FollowUpRule(FollowUpTrigger.NoShow, FollowUpType.Task, FollowUpKind.StaffTask, TimeSpan.FromDays(-1), OffsetBasis.BusinessDays));
    }

    [Theory]
    [InlineData("22:00-07:00", 23, true)]
    [InlineData("22:00-07:00", 6, true)]
    [InlineData("22:00-07:00", 12, false)]
    [InlineData("01:00-05:00", 3, true)]
    [InlineData("01:00-05:00", 6, false)]
    public void Quiet_hours_may_cross_midnight(string quiet, int hour, bool moved)
    {
        var at = new DateTime(2026, 11, 26, hour, 0, 0, DateTimeKind.Utc);

        Assert.Equal(moved, QuietHours.Parse(quiet).MoveOutOf(at, TimeZoneInfo.Utc) != at);
    }

    [Fact]
    public void Malformed_quiet_hours_say_how_to_write_them()
    {
        Assert.Contains("21:00-08:00", Assert.Throws<BusinessRuleViolation>(() => QuietHours.Parse("late")).Message);
    }
}
