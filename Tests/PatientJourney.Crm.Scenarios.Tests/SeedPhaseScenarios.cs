using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Complete = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CompleteFollowUp;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// The seed's phases through the shipped zip: pre-visit messages before a first appointment, post-visit and discharge
/// education chosen by the patient's language, recurring rules until the journey ends, and rules limited to a segment.
/// The north clinic's front desk registers patients, books appointments and records visits; its care coordinator
/// starts, discharges and ends journeys and completes follow-ups; rules and content are the administrator's.
/// </summary>
public class SeedPhaseScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Guid frontDesk;
    private readonly Guid careCoordinator;
    private readonly Pathway hip;
    private readonly Guid patient;

    public SeedPhaseScenarios()
    {
        hip = env.CreateHipPathway();
        org = new Organisation(env);
        frontDesk = org.StaffMember("Front desk", org.NorthClinic);
        careCoordinator = org.StaffMember("Care coordinator", org.NorthClinic);
        env.ActAs(frontDesk);
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, email: true, preferred: Choices.Channel.Email);
    }

    /// <summary>The care coordinator starts the patient's journey; the front desk carries on.</summary>
    private Guid StartJourney(Guid patientId, string stage)
    {
        env.ActAs(careCoordinator);
        var journey = env.StartJourney(patientId, hip, stage);
        env.ActAs(frontDesk);
        return journey;
    }

    /// <summary>From here on the care coordinator works the journey (discharge, completion, follow-ups).</summary>
    private Guid StartJourneyAsCareCoordinator(string stage)
    {
        env.ActAs(careCoordinator);
        return env.StartJourney(patient, hip, stage);
    }

    private static int[] PreVisit => new[] { Choices.FollowUpType.Welcome, Choices.FollowUpType.PreRegistration, Choices.FollowUpType.Directions };

    private IReadOnlyList<Entity> PreVisitMessages(Guid patientId) => env.FollowUps(patientId).Where(f => PreVisit.Contains(f.Type())).ToList();

    private void SetLanguage(Guid patientId, string language, DateTime? birthDate = null)
    {
        var update = new Entity(ContactTable.LogicalName, patientId) { [ContactTable.PreferredLanguage] = language };
        if (birthDate.HasValue) update[ContactTable.BirthDate] = birthDate.Value;
        env.Service.Update(update);
        env.Emulator.ClearLog();
    }

    private void SetRule(Guid rule, params (string Column, object? Value)[] values)
    {
        var update = new Entity(FollowUpRuleTable.LogicalName, rule);
        foreach (var (column, value) in values) update[column] = value;
        env.System.Update(update);
        env.Emulator.ClearLog();
    }

    [Fact]
    public void The_first_appointment_of_a_journey_gets_a_welcome_pre_registration_and_directions_and_later_ones_do_not()
    {
        var journey = StartJourney(patient, "Assessment");
        var start = env.Now.AddDays(10);

        var first = env.BookAppointment(patient, start, journey);
        env.BookAppointment(patient, start.AddDays(10), journey);

        var messages = PreVisitMessages(patient);
        Assert.Equal(new[] { (Choices.FollowUpType.Welcome, env.Now), (Choices.FollowUpType.PreRegistration, start.AddDays(-7)), (Choices.FollowUpType.Directions, start.AddDays(-2)) },
            messages.Select(m => (m.Type(), m.Due())));
        Assert.All(messages, m =>
        {
            Assert.Equal(Choices.Channel.Email, m.Channel());   // the patient's preferred channel
            Assert.Equal(first, m.GetAttributeValue<EntityReference>(FollowUpTable.AppointmentId).Id);
            Assert.Equal(journey, m.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId).Id);
        });
        Assert.Equal(4, env.Reminders(patient).Count);   // both appointments keep their reminders
    }

    [Fact]
    public void Moving_the_first_appointment_moves_pre_registration_and_directions_but_not_the_welcome_and_cancelling_it_cancels_them()
    {
        var start = env.Now.AddDays(10);
        var appointment = env.BookAppointment(patient, start);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(1));

        env.Reschedule(appointment, start.AddDays(5));
        env.Reschedule(appointment, start.AddDays(5));

        Assert.Equal(new[] { ScenarioEnvironment.Start, start.AddDays(-2), start.AddDays(3) }, PreVisitMessages(patient).Select(m => m.Due()));
        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.CancelledByPatient);
        Assert.All(PreVisitMessages(patient), m => Assert.Equal("The appointment was cancelled.", m.GetAttributeValue<string>(FollowUpTable.CancellationReason)));
        Assert.Equal(3, PreVisitMessages(patient).Count);
    }

    [Fact]
    public void A_welcome_booked_in_quiet_hours_waits_for_their_end_and_a_patient_without_channels_gets_it_suppressed()
    {
        env.Emulator.Clock.Set(ScenarioEnvironment.Start.Date.AddHours(22));
        var silent = env.CreatePatient();

        env.BookAppointment(patient, env.Now.AddDays(1));
        env.BookAppointment(silent, env.Now.AddDays(1));

        var welcome = Assert.Single(PreVisitMessages(patient));   // pre-registration and directions fell before the booking
        Assert.Equal(ScenarioEnvironment.Start.Date.AddDays(1).AddHours(8), welcome.Due());
        Assert.Equal(FollowUpTable.StatusOptions.Suppressed, Assert.Single(PreVisitMessages(silent)).Status());
    }

    [Fact]
    public void An_appointment_in_the_past_or_after_an_earlier_one_of_the_patient_outside_journeys_gets_no_pre_visit_messages()
    {
        env.BookAppointment(patient, env.Now.AddDays(3));
        env.BookAppointment(patient, env.Now.AddDays(6));
        var other = env.CreatePatient();
        env.BookAppointment(other, env.Now.AddDays(-1));

        Assert.Equal(2, PreVisitMessages(patient).Count);   // welcome and directions of the first; pre-registration fell before the booking
        Assert.Empty(PreVisitMessages(other));
    }

    [Fact]
    public void A_maker_switches_a_pre_visit_message_off_and_sends_a_segment_its_own_welcome()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.BeforeFirstAppointment, Choices.FollowUpType.Directions, Choices.FollowUpKind.AutomatedMessage, -2 * 24 * 60, active: false);
        var spanish = env.AddFollowUpRule(Choices.FollowUpTrigger.FirstAppointmentBooked, Choices.FollowUpType.Welcome, Choices.FollowUpKind.AutomatedMessage, 0, channel: Choices.Channel.SMS);
        SetRule(spanish, (FollowUpRuleTable.Language, "es"));
        var hablante = env.CreatePatient();
        env.SetConsent(hablante, sms: true, email: true, preferred: Choices.Channel.Email);
        SetLanguage(hablante, "es-MX");

        env.BookAppointment(patient, env.Now.AddDays(10));
        env.BookAppointment(hablante, env.Now.AddDays(10));

        Assert.DoesNotContain(env.Emulator.Rows(FollowUpTable.LogicalName), f => f.Type() == Choices.FollowUpType.Directions);
        var welcomes = env.Emulator.Rows(FollowUpTable.LogicalName).Where(f => f.Type() == Choices.FollowUpType.Welcome).ToList();
        Assert.Equal(Choices.Channel.Email, Assert.Single(welcomes, w => w.GetAttributeValue<EntityReference>(FollowUpTable.PatientId).Id == patient).Channel());
        var own = Assert.Single(welcomes, w => w.GetAttributeValue<EntityReference>(FollowUpTable.PatientId).Id == hablante);
        Assert.Equal(Choices.Channel.SMS, own.Channel());
        Assert.Equal(spanish, own.GetAttributeValue<EntityReference>(FollowUpTable.RuleId).Id);
    }

    [Fact]
    public void An_age_banded_rule_applies_to_patients_of_that_age_at_the_event()
    {
        var call = env.AddFollowUpRule(Choices.FollowUpTrigger.AppointmentScheduled, Choices.FollowUpType.AppointmentReminder, Choices.FollowUpKind.AutomatedMessage, -5 * 24 * 60);
        SetRule(call, (FollowUpRuleTable.MinimumAge, 75));
        var older = env.CreatePatient();
        env.SetConsent(older, sms: true);
        SetLanguage(older, "en", new DateTime(1950, 1, 1));
        SetLanguage(patient, "en", new DateTime(1990, 1, 1));

        env.BookAppointment(older, env.Now.AddDays(10));
        env.BookAppointment(patient, env.Now.AddDays(10));

        Assert.Equal(3, env.Reminders(older).Count);
        Assert.Equal(2, env.Reminders(patient).Count);
    }

    [Theory]
    [InlineData(80, 70, null, "no patient is in it")]
    [InlineData(null, null, "Spanish", "BCP-47 code")]
    public void A_segment_no_patient_can_be_in_is_refused_on_save(int? minimumAge, int? maximumAge, string? language, string message)
    {
        var rule = new Entity(FollowUpRuleTable.LogicalName)
        {
            [FollowUpRuleTable.Name] = "Older patients",
            [FollowUpRuleTable.Trigger] = new OptionSetValue(Choices.FollowUpTrigger.AppointmentScheduled),
            [FollowUpRuleTable.Type] = new OptionSetValue(Choices.FollowUpType.AppointmentReminder),
            [FollowUpRuleTable.Kind] = new OptionSetValue(Choices.FollowUpKind.AutomatedMessage),
            [FollowUpRuleTable.OffsetMinutes] = -60,
            [FollowUpRuleTable.MinimumAge] = minimumAge,
            [FollowUpRuleTable.MaximumAge] = maximumAge,
            [FollowUpRuleTable.Language] = language,
        };

        env.Refused(() => env.System.Create(rule), message);
    }

    [Fact]
    public void A_stage_of_another_pathway_and_education_content_on_a_reminder_are_refused_on_save()
    {
        var knee = env.CreatePathway("Knee", new StageSpec("Physio", 10));
        var rule = env.AddFollowUpRule(Choices.FollowUpTrigger.StageEntered, Choices.FollowUpType.ScreeningReminder, Choices.FollowUpKind.AutomatedMessage, 60, pathwayId: hip.Id);
        var content = AddContent("Wound care", "en");

        env.Refused(() => env.System.Update(new Entity(FollowUpRuleTable.LogicalName, rule) { [FollowUpRuleTable.StageId] = knee.Stage("Physio") }), "belongs to another pathway");
        env.Refused(() => env.System.Update(new Entity(FollowUpRuleTable.LogicalName, rule)
        {
            [FollowUpRuleTable.EducationContentId] = new EntityReference(EducationContentTable.LogicalName, content),
        }), "Only an Education rule sends education content");
    }

    private Guid AddContent(string title, string language, string? stage = null, string? topic = null, bool pathway = true)
    {
        var row = new Entity(EducationContentTable.LogicalName)
        {
            [EducationContentTable.Name] = title,
            [EducationContentTable.Language] = language,
            [EducationContentTable.Link] = "https://example.org/leaflets/" + Uri.EscapeDataString(title),
            [EducationContentTable.IsActive] = true,
        };
        if (pathway) row[EducationContentTable.PathwayId] = hip.Reference;
        if (stage != null) row[EducationContentTable.StageId] = hip.Stage(stage);
        if (topic != null) row[EducationContentTable.Topic] = topic;
        var id = env.System.Create(row);
        env.Emulator.ClearLog();
        return id;
    }

    private Entity? EducationOf(Guid patientId) => env.FollowUps(patientId).SingleOrDefault(f => f.Type() == Choices.FollowUpType.Education);

    [Fact]
    public void After_a_visit_the_patient_gets_the_pathway_and_stages_education_in_their_language_else_the_organisations()
    {
        var english = AddContent("After your assessment", "en-GB", "Assessment", "assessment");
        var spanish = AddContent("Después de su evaluación", "es", "Assessment", "assessment");
        AddContent("Hip pathway overview", "es");   // for the whole pathway: less specific than the stage's content
        var hablante = env.CreatePatient();
        env.SetConsent(hablante, sms: true);
        SetLanguage(hablante, "es-MX");
        var start = env.Now.AddHours(2);
        var visits = new[] { patient, hablante }
            .Select(p => env.BookAppointment(p, start, StartJourney(p, "Assessment"))).ToList();
        env.Emulator.Clock.Set(start.AddMinutes(40));

        // The front desk records attendance of journey visits too: the journey's touchpoint figures are written as SYSTEM.
        foreach (var visit in visits) env.SetAttendance(visit, AppointmentTable.AttendanceOptions.Fulfilled);

        var forEnglish = EducationOf(patient)!;
        Assert.Equal(english, forEnglish.GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.Equal(start.AddMinutes(30).AddHours(2), forEnglish.Due());   // 2 h after the appointment's end
        Assert.Equal(Choices.Channel.Email, forEnglish.Channel());
        Assert.Equal(spanish, EducationOf(hablante)!.GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.Equal(Choices.Channel.SMS, EducationOf(hablante)!.Channel());
    }

    [Fact]
    public void The_organisations_default_language_decides_for_patients_without_one_and_without_content_no_education_is_planned()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.DefaultLanguage, "es");
        var spanish = AddContent("Después de su evaluación", "es", "Assessment");
        AddContent("After your assessment", "en", "Assessment");
        var start = env.Now.AddHours(2);
        var visit = env.BookAppointment(patient, start, StartJourney(patient, "Assessment"));
        var elsewhere = env.CreatePatient();
        var noContent = env.BookAppointment(elsewhere, start, StartJourney(elsewhere, "Referral"));
        env.Emulator.Clock.Set(start.AddHours(1));

        env.SetAttendance(visit, AppointmentTable.AttendanceOptions.Fulfilled);
        env.SetAttendance(noContent, AppointmentTable.AttendanceOptions.Fulfilled);

        Assert.Equal(spanish, EducationOf(patient)!.GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.Null(EducationOf(elsewhere));
    }

    [Fact]
    public void A_rule_that_names_content_sends_the_version_of_its_topic_in_the_patients_language_at_discharge()
    {
        var named = AddContent("Caring for your new hip", "en", "Recovery", "hip-care");
        var polish = AddContent("Opieka nad nowym biodrem", "pl", "Recovery", "hip-care");
        var exercises = AddContent("Exercises after surgery", "pl", "Recovery", "exercises");
        var rule = env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.Education, Choices.FollowUpKind.AutomatedMessage, 24 * 60);
        SetRule(rule, (FollowUpRuleTable.EducationContentId, new EntityReference(EducationContentTable.LogicalName, named)));
        SetLanguage(patient, "pl");
        var journey = StartJourneyAsCareCoordinator("Surgery");

        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        var education = env.FollowUps(patient).Where(f => f.Type() == Choices.FollowUpType.Education).ToList();
        // The built-in discharge education (any Polish content for the stage, by title) and the configured rule's topic, a day later.
        Assert.Equal(2, education.Count);
        Assert.Equal(exercises, education[0].GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.Equal(polish, education[1].GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.Equal(rule, education[1].GetAttributeValue<EntityReference>(FollowUpTable.RuleId).Id);
        Assert.All(education, e => Assert.Equal(journey, e.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId).Id));
    }

    [Fact]
    public void Front_desk_records_a_visit_and_its_education_is_written_and_only_the_administrator_maintains_content()
    {
        var content = AddContent("After your visit", "en", pathway: false);
        var visitor = env.CreatePatient();
        env.SetConsent(visitor, sms: true);
        var start = env.Now.AddHours(1);
        var visit = env.BookAppointment(visitor, start);
        env.Emulator.Clock.Set(start.AddHours(1));

        env.SetAttendance(visit, AppointmentTable.AttendanceOptions.Fulfilled);

        Assert.Equal(content, EducationOf(visitor)!.GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id);
        Assert.NotNull(env.Service.Retrieve(EducationContentTable.LogicalName, content, new Microsoft.Xrm.Sdk.Query.ColumnSet(EducationContentTable.Name)));
        var denied = Assert.Throws<PatientJourney.Crm.Emulator.Faults.DataverseFaultException>(() =>
            env.Service.Update(new Entity(EducationContentTable.LogicalName, content) { [EducationContentTable.Name] = "Changed" }));
        Assert.Equal(PatientJourney.Crm.Emulator.Faults.ErrorCodes.PrivilegeDenied, denied.ErrorCode);
        env.ActAs(org.StaffMember("Patient Journey administrator", org.NorthClinic));
        env.Service.Update(new Entity(EducationContentTable.LogicalName, content) { [EducationContentTable.IsActive] = false });
    }

    [Fact]
    public void Scheduling_a_discharge_again_through_the_api_keeps_its_education_and_a_maker_fires_stage_education()
    {
        var recovery = AddContent("Caring for your new hip", "en", "Recovery");
        var stageRule = env.AddFollowUpRule(Choices.FollowUpTrigger.StageEntered, Choices.FollowUpType.Education, Choices.FollowUpKind.AutomatedMessage, 60);
        var journey = StartJourneyAsCareCoordinator("Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        foreach (var trigger in new[] { Choices.FollowUpTrigger.Discharge, Choices.FollowUpTrigger.StageEntered })
        {
            env.Service.Execute(new OrganizationRequest(PatientJourney.Crm.Domain.LogicalNames.CustomApis.ScheduleFollowUps.MessageName)
            {
                [PatientJourney.Crm.Domain.LogicalNames.CustomApis.ScheduleFollowUps.InJourney] = new EntityReference(JourneyTable.LogicalName, journey),
                [PatientJourney.Crm.Domain.LogicalNames.CustomApis.ScheduleFollowUps.InTrigger] = new OptionSetValue(trigger),
            });
        }

        var education = env.OpenFollowUps(patient).Where(f => f.Type() == Choices.FollowUpType.Education).ToList();
        Assert.Equal(2, education.Count);   // the discharge's (still open) and the stage rule's
        Assert.All(education, e => Assert.Equal(recovery, e.GetAttributeValue<EntityReference>(FollowUpTable.EducationContentId).Id));
        Assert.Single(education, e => e.GetAttributeValue<EntityReference>(FollowUpTable.RuleId)?.Id == stageRule);
    }

    private OrganizationResponse CompleteFollowUp(Guid id) => env.Service.Execute(new OrganizationRequest(Complete.MessageName)
    {
        [Complete.InFollowUp] = new EntityReference(FollowUpTable.LogicalName, id),
        [Complete.InSucceeded] = true,
    });

    private Guid MonthlyMedicationReminder()
    {
        var rule = env.AddFollowUpRule(Choices.FollowUpTrigger.Discharge, Choices.FollowUpType.ScreeningReminder, Choices.FollowUpKind.AutomatedMessage, 30 * 24 * 60);
        SetRule(rule, (FollowUpRuleTable.RecurrenceDays, 30));
        return rule;
    }

    private IReadOnlyList<Entity> Occurrences() =>
        env.FollowUps(patient).Where(f => f.Type() == Choices.FollowUpType.ScreeningReminder).OrderBy(f => f.GetAttributeValue<int?>(FollowUpTable.Occurrence)).ToList();

    [Fact]
    public void A_recurring_rule_plans_the_next_occurrence_when_one_completes_or_falls_due_once_only()
    {
        var rule = MonthlyMedicationReminder();
        var journey = StartJourneyAsCareCoordinator("Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        var first = Assert.Single(Occurrences());
        Assert.Equal(1, first.GetAttributeValue<int?>(FollowUpTable.Occurrence));

        env.Emulator.Clock.Set(first.Due());
        CompleteFollowUp(first.Id);
        CompleteFollowUp(first.Id);
        env.Emulator.RunPendingAsyncJobs();
        var second = Occurrences()[1];
        // A flow marks the second due, then completes it: one third occurrence, not two.
        env.Service.Update(new Entity(FollowUpTable.LogicalName, second.Id) { [FollowUpTable.Status] = new OptionSetValue(FollowUpTable.StatusOptions.Due) });
        env.Emulator.RunPendingAsyncJobs();
        CompleteFollowUp(second.Id);
        env.Emulator.RunPendingAsyncJobs();

        var occurrences = Occurrences();
        Assert.Equal(new int?[] { 1, 2, 3 }, occurrences.Select(o => o.GetAttributeValue<int?>(FollowUpTable.Occurrence)));
        Assert.Equal(new[] { first.Due(), first.Due().AddDays(30), first.Due().AddDays(60) }, occurrences.Select(o => o.Due()));
        Assert.All(occurrences, o => Assert.Equal(rule, o.GetAttributeValue<EntityReference>(FollowUpTable.RuleId).Id));
        Assert.All(occurrences, o => Assert.Equal(journey, o.GetAttributeValue<EntityReference>(FollowUpTable.JourneyId).Id));
        Assert.Equal(3, occurrences.Select(o => o.GetAttributeValue<string>(FollowUpTable.IdempotencyKey)).Distinct().Count());
        Assert.Equal(FollowUpTable.StatusOptions.Pending, occurrences[2].Status());
    }

    [Theory]
    [InlineData(JourneyTable.StatusOptions.Dropped, "The journey was dropped.")]
    [InlineData(JourneyTable.StatusOptions.Completed, "The journey was completed.")]
    public void An_ended_journey_cancels_the_pending_recurrence_and_plans_no_more(int status, string reason)
    {
        MonthlyMedicationReminder();
        var journey = StartJourneyAsCareCoordinator("Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        CompleteFollowUp(Occurrences()[0].Id);
        env.Emulator.RunPendingAsyncJobs();
        var second = Occurrences()[1];

        // A journey completes by entering its terminal stage; it is dropped by its status.
        if (status == JourneyTable.StatusOptions.Completed) env.MoveJourney(journey, hip, "Discharged");
        else env.SetJourneyStatus(journey, status);
        env.Emulator.RunPendingAsyncJobs();

        Assert.Equal(FollowUpTable.StatusOptions.Cancelled, env.Retrieve(FollowUpTable.LogicalName, second.Id).Status());
        Assert.Equal(reason, env.Retrieve(FollowUpTable.LogicalName, second.Id).GetAttributeValue<string>(FollowUpTable.CancellationReason));
        Assert.Equal(2, Occurrences().Count);
    }

    [Fact]
    public void A_recurrence_due_when_the_journey_has_ended_plans_nothing_more()
    {
        MonthlyMedicationReminder();
        var journey = StartJourneyAsCareCoordinator("Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();
        var first = Occurrences()[0];
        env.MoveJourney(journey, hip, "Discharged");   // the terminal stage completes the journey; the first occurrence is post-discharge and stays
        env.Emulator.RunPendingAsyncJobs();

        CompleteFollowUp(first.Id);
        env.Emulator.RunPendingAsyncJobs();

        Assert.Single(Occurrences());
        Assert.Contains(env.Emulator.TraceLines, l => l.Contains("the journey has ended", StringComparison.Ordinal));
    }
}
