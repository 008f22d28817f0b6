using System;
using System.Linq;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

/// <summary>The seed's pre-visit and post-visit phases, recurring rules and segmented (personalised) rules.</summary>
public class SeedPhasesTests
{
    // Thursday 2026-11-26 09:00 UTC.
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);
    private static readonly FollowUpRule[] None = Array.Empty<FollowUpRule>();
    private static readonly Guid Hip = Guid.NewGuid();
    private static readonly Guid Recovery = Guid.NewGuid();

    private readonly FollowUpPlanner planner = new(
        BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", "", TimeZoneInfo.Utc), QuietHours.Parse("21:00-08:00"), TimeZoneInfo.Utc, defaultLanguage: "en-GB");

    private static ContactPreferences Patient(string? language = null, DateTime? birthDate = null, params ContactChannel[] channels) =>
        new(channels.Length == 0 ? new[] { ContactChannel.Sms } : channels, null, null, language, birthDate);

    [Fact]
    public void A_first_appointment_gets_a_welcome_at_booking_and_pre_registration_and_directions_before_it()
    {
        var appointment = Guid.NewGuid();
        var start = Now.AddDays(10);
        var bookedAt22 = Now.Date.AddHours(22);

        var welcome = planner.Plan(new FollowUpEvent(FollowUpTrigger.FirstAppointmentBooked, appointment, bookedAt22), None, Patient(), Now);
        var before = planner.Plan(new FollowUpEvent(FollowUpTrigger.BeforeFirstAppointment, appointment, start), None, Patient(), Now);

        // Booked at 22:00: the welcome waits for the end of the default quiet hours.
        Assert.Equal(FollowUpType.Welcome, Assert.Single(welcome).Rule.Type);
        Assert.Equal(Now.Date.AddDays(1).AddHours(8), welcome[0].DueOn);
        Assert.Equal(new[] { (FollowUpType.PreRegistration, start.AddDays(-7)), (FollowUpType.Directions, start.AddDays(-2)) },
            before.Select(p => (p.Rule.Type, p.DueOn)));
        Assert.All(welcome.Concat(before), p => Assert.Equal(ContactChannel.Sms, p.Channel));
    }

    [Fact]
    public void Pre_visit_messages_whose_time_has_passed_are_not_planned_and_a_patient_without_channels_gets_them_suppressed()
    {
        var before = planner.Plan(new FollowUpEvent(FollowUpTrigger.BeforeFirstAppointment, Guid.NewGuid(), Now.AddDays(3)), None,
            new ContactPreferences(Array.Empty<ContactChannel>(), null, null), Now);

        var directions = Assert.Single(before);
        Assert.Equal(FollowUpType.Directions, directions.Rule.Type);
        Assert.Equal(FollowUpStatus.Suppressed, directions.Status);
    }

    [Fact]
    public void A_configured_rule_overrides_a_pre_visit_default_by_trigger_type_and_offset()
    {
        var off = new FollowUpRule(FollowUpTrigger.BeforeFirstAppointment, FollowUpType.PreRegistration, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(-7), isActive: false, ruleId: Guid.NewGuid());

        var before = planner.Plan(new FollowUpEvent(FollowUpTrigger.BeforeFirstAppointment, Guid.NewGuid(), Now.AddDays(10)), new[] { off }, Patient(), Now);

        Assert.Equal(FollowUpType.Directions, Assert.Single(before).Rule.Type);
    }

    private static readonly EducationContent HipEnglish = new(Guid.NewGuid(), "Caring for your new hip", "en-GB", Hip, Recovery, "hip-care");
    private static readonly EducationContent HipSpanish = new(Guid.NewGuid(), "Cuidados de su nueva cadera", "es", Hip, Recovery, "hip-care");
    private static readonly EducationContent HipPolishPathway = new(Guid.NewGuid(), "Po operacji biodra", "pl", Hip, null, "hip-general");
    private static readonly EducationContent General = new(Guid.NewGuid(), "After your visit", "fr", null, null, "general");
    private static readonly EducationContent Retired = new(Guid.NewGuid(), "Old leaflet", "es-MX", Hip, Recovery, "hip-care", isActive: false);
    private static readonly EducationLibrary Library = new(new[] { HipEnglish, HipSpanish, HipPolishPathway, General, Retired });

    private Guid? EducationFor(ContactPreferences patient, Guid? pathway = null, Guid? stage = null, FollowUpRule[]? rules = null, EducationLibrary? library = null) =>
        planner.Plan(new FollowUpEvent(FollowUpTrigger.AppointmentAttended, Guid.NewGuid(), Now, pathway, stage), rules ?? None, patient, Now, library ?? Library)
            .SingleOrDefault(p => p.Rule.Type == FollowUpType.Education)?.EducationContentId;

    [Theory]
    [InlineData("es-MX", "es")]       // the patient's primary language (es-MX is inactive)
    [InlineData("es", "es")]
    [InlineData("de", "en")]           // no German: the organisation's default (en-GB) for the stage
    [InlineData(null, "en")]           // no language recorded: the organisation's default
    public void Education_after_a_visit_is_chosen_by_the_patients_language_then_the_organisations_then_any(string? language, string expected)
    {
        var chosen = EducationFor(Patient(language), Hip, Recovery);

        Assert.Equal(expected == "es" ? HipSpanish.Id : HipEnglish.Id, chosen);
    }

    [Fact]
    public void Education_is_tailored_to_the_pathway_and_stage_and_falls_back_to_any_language()
    {
        // Another stage of the hip pathway: the pathway-wide Polish content beats the general French one only on specificity,
        // since neither is in the patient's or the organisation's language.
        Assert.Equal(HipPolishPathway.Id, EducationFor(Patient("de"), Hip, Guid.NewGuid()));
        // Outside the hip pathway only content for every pathway applies.
        Assert.Equal(General.Id, EducationFor(Patient("de"), Guid.NewGuid(), null));
        // No content at all: nothing to send, so no education follow-up.
        Assert.Null(EducationFor(Patient("de"), Hip, Recovery, library: EducationLibrary.Empty));
    }

    [Fact]
    public void A_rule_that_names_content_gets_the_version_of_its_topic_in_the_patients_language()
    {
        var named = new FollowUpRule(FollowUpTrigger.AppointmentAttended, FollowUpType.Education, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(2),
            ruleId: Guid.NewGuid(), educationContentId: HipEnglish.Id);

        Assert.Equal(HipSpanish.Id, EducationFor(Patient("es"), Hip, Recovery, new[] { named }));
        // The named topic has no version for another stage, so nothing is sent there (the pathway-wide Polish content is another topic).
        Assert.Null(EducationFor(Patient("pl"), Hip, Guid.NewGuid(), new[] { named }));
    }

    [Theory]
    [InlineData("es", "es", true)]
    [InlineData("es", "es-MX", true)]
    [InlineData("es-MX", "es", false)]
    [InlineData("ES", "es-mx", true)]
    [InlineData("es", "est", false)]
    public void A_language_range_covers_the_tag_and_its_variants(string range, string tag, bool covers) =>
        Assert.Equal(covers, LanguageTag.Covers(range, tag));

    private static FollowUpRule SpanishOver65Reminder => new(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage,
        TimeSpan.FromHours(-72), channel: ContactChannel.Phone, ruleId: Guid.NewGuid(), segment: new FollowUpSegment(65, null, "es"));

    [Theory]
    [InlineData("es-MX", 1950, true)]
    [InlineData("es", 1990, false)]      // too young
    [InlineData("en", 1950, false)]      // another language
    [InlineData(null, 1950, false)]      // no language: the organisation's (en-GB)
    public void A_segmented_rule_overrides_the_default_only_for_patients_in_its_segment(string? language, int bornIn, bool inSegment)
    {
        var patient = Patient(language, new DateTime(bornIn, 6, 1), ContactChannel.Sms, ContactChannel.Phone);
        var start = Now.AddDays(7);

        var reminder = planner.Plan(new FollowUpEvent(FollowUpTrigger.AppointmentScheduled, Guid.NewGuid(), start), new[] { SpanishOver65Reminder }, patient, Now)
            .Single(p => p.DueOn == start.AddHours(-72));

        Assert.Equal(inSegment ? ContactChannel.Phone : ContactChannel.Sms, reminder.Channel);
        Assert.Equal(inSegment, reminder.Rule.RuleId.HasValue);
    }

    [Fact]
    public void Age_is_counted_in_completed_years_on_the_day_of_the_event_and_an_unknown_birth_date_is_outside_every_band()
    {
        var band = new FollowUpSegment(18, 64, null);
        var eighteenthBirthday = new DateTime(2008, 11, 26);

        Assert.True(band.Includes(eighteenthBirthday, null, "en", Now));
        Assert.False(band.Includes(eighteenthBirthday.AddDays(1), null, "en", Now));
        Assert.False(band.Includes(new DateTime(1961, 11, 25), null, "en", Now));   // 65 yesterday
        Assert.False(band.Includes(null, null, "en", Now));
        Assert.True(FollowUpSegment.Everyone.Includes(null, null, "en", Now));
    }

    [Theory]
    [InlineData(70, 60, null, "no patient is in it")]
    [InlineData(-1, null, null, "between 0 and 130")]
    [InlineData(null, null, "english", "BCP-47")]
    [InlineData(null, null, "e1", "BCP-47")]
    public void A_segment_no_patient_can_be_in_is_refused_on_save(int? minimumAge, int? maximumAge, string? language, string message)
    {
        var problem = FollowUpRuleCheck.ProblemWith(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, -60,
            new FollowUpSegment(minimumAge, maximumAge, language));

        Assert.Contains(message, problem);
    }

    [Fact]
    public void Education_content_only_on_an_education_rule_and_pre_visit_offsets_only_before_the_first_appointment()
    {
        Assert.Contains("Only an Education rule", FollowUpRuleCheck.ProblemWith(FollowUpTrigger.Discharge, FollowUpType.ExperienceSurvey, FollowUpKind.AutomatedMessage, 0, namesEducationContent: true));
        Assert.Null(FollowUpRuleCheck.ProblemWith(FollowUpTrigger.BeforeFirstAppointment, FollowUpType.Directions, FollowUpKind.AutomatedMessage, -2880));
        Assert.Contains("Only appointment rules can fall before", FollowUpRuleCheck.ProblemWith(FollowUpTrigger.FirstAppointmentBooked, FollowUpType.Welcome, FollowUpKind.AutomatedMessage, -60));
        Assert.Contains("Education follows the patient's care", FollowUpRuleCheck.ProblemWith(FollowUpTrigger.SurveyDetractor, FollowUpType.Education, FollowUpKind.AutomatedMessage, 60));
        Assert.Null(FollowUpRuleCheck.ProblemWith(FollowUpTrigger.StageEntered, FollowUpType.Education, FollowUpKind.AutomatedMessage, 60, namesEducationContent: true));
        Assert.Contains("is a automated message", FollowUpRuleCheck.ProblemWith(FollowUpTrigger.AppointmentAttended, FollowUpType.Education, FollowUpKind.StaffTask, 60));
    }

    private static FollowUpRule AnnualScreening(FollowUpKind kind = FollowUpKind.AutomatedMessage) =>
        new(FollowUpTrigger.Discharge, FollowUpType.ScreeningReminder, kind, TimeSpan.FromDays(365), ruleId: Guid.NewGuid(), recurrenceDays: 365);

    [Fact]
    public void A_recurring_rule_plans_its_first_occurrence_as_occurrence_one_and_the_next_a_recurrence_later_with_a_key_derived_from_the_previous()
    {
        var discharge = new FollowUpEvent(FollowUpTrigger.Discharge, Guid.NewGuid(), Now);
        var first = planner.Plan(discharge, new[] { AnnualScreening() }, Patient(), Now).Single(p => p.Rule.Type == FollowUpType.ScreeningReminder);

        var second = planner.PlanNextOccurrence(first.Rule, first.IdempotencyKey, 1, first.DueOn, Patient(), Now.AddDays(365))!;
        var again = planner.PlanNextOccurrence(first.Rule, first.IdempotencyKey, 1, first.DueOn, Patient(), Now.AddDays(366))!;
        var third = planner.PlanNextOccurrence(first.Rule, second.IdempotencyKey, 2, second.DueOn, Patient(), Now)!;

        Assert.Equal(1, first.Occurrence);
        Assert.Equal((2, first.DueOn.AddDays(365)), (second.Occurrence!.Value, second.DueOn));
        Assert.Equal(second.IdempotencyKey, again.IdempotencyKey);
        Assert.Equal(3, third.Occurrence);
        Assert.Equal(3, new[] { first.IdempotencyKey, second.IdempotencyKey, third.IdempotencyKey }.Distinct().Count());
        // Same rule identity (so rule-level checks still see it), a source that is not the event's (so re-planning the event leaves it alone).
        Assert.All(new[] { second, third }, p => Assert.Equal(FollowUpPlanner.RuleIdentityOf(first.IdempotencyKey), FollowUpPlanner.RuleIdentityOf(p.IdempotencyKey)));
        Assert.DoesNotContain(discharge.SourceId.ToString("N"), second.IdempotencyKey);
    }

    [Fact]
    public void The_next_occurrence_of_a_staff_task_falls_in_business_hours_and_a_rule_that_does_not_recur_has_none()
    {
        var saturdayNoon = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);
        var weekly = new FollowUpRule(FollowUpTrigger.Periodic, FollowUpType.Task, FollowUpKind.StaffTask, TimeSpan.Zero, ruleId: Guid.NewGuid(), recurrenceDays: 7);
        var key = $"{weekly.Identity}:{Guid.NewGuid():N}";

        var next = planner.PlanNextOccurrence(weekly, key, 1, saturdayNoon.AddDays(-7), Patient(), Now)!;

        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), next.DueOn);
        var once = new FollowUpRule(FollowUpTrigger.Periodic, FollowUpType.Task, FollowUpKind.StaffTask, TimeSpan.Zero, ruleId: Guid.NewGuid(), recurrenceDays: 0);
        Assert.Null(planner.PlanNextOccurrence(once, key, 1, Now, Patient(), Now));
    }

    [Theory]
    [InlineData(FollowUpStatus.Due, true)]
    [InlineData(FollowUpStatus.Completed, true)]
    [InlineData(FollowUpStatus.Failed, true)]
    [InlineData(FollowUpStatus.Pending, false)]
    [InlineData(FollowUpStatus.Cancelled, false)]
    [InlineData(FollowUpStatus.Suppressed, false)]
    public void The_next_occurrence_comes_when_one_falls_due_completes_or_fails(FollowUpStatus status, bool next) =>
        Assert.Equal(next, FollowUpRecurrence.CallsForNext(status));

    [Fact]
    public void Recurrence_stops_when_the_journey_ends_and_a_completed_journey_cancels_pending_recurrences()
    {
        Assert.True(FollowUpRecurrence.Continues(JourneyStatus.Active));
        Assert.True(FollowUpRecurrence.Continues(JourneyStatus.OnHold));
        Assert.True(FollowUpRecurrence.Continues(null));
        Assert.False(FollowUpRecurrence.Continues(JourneyStatus.Completed));
        Assert.False(FollowUpRecurrence.Continues(JourneyStatus.Dropped));

        var completed = JourneyFollowUpClosure.For(JourneyStatus.Active, JourneyStatus.Completed, true, true);
        var key = $"{AnnualScreening().Identity}:{Guid.NewGuid():N}";
        Assert.False(completed.Closes(key, 1));   // the first post-discharge occurrence stays, like every post-discharge follow-up
        Assert.True(completed.Closes(FollowUpRecurrence.NextKey(key), 2));
    }
}
