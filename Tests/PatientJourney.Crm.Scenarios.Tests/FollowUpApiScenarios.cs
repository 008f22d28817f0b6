using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;
using Complete = PatientJourney.Crm.Domain.LogicalNames.CustomApis.CompleteFollowUp;
using Due = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetDueFollowUps;
using Schedule = PatientJourney.Crm.Domain.LogicalNames.CustomApis.ScheduleFollowUps;

namespace PatientJourney.Crm.Scenarios.Tests;

public class FollowUpApiScenarios : ScenarioTest
{
    private readonly Pathway hip;
    private readonly Guid patient;

    public FollowUpApiScenarios()
    {
        hip = env.CreateHipPathway();
        ActAsStaff("Care coordinator");
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true, email: true, phone: true, preferred: Choices.Channel.SMS);
    }

    private OrganizationResponse GetDue(int? channel = null, int? pageSize = null, int? pageNumber = null)
    {
        var request = new OrganizationRequest(Due.MessageName);
        if (channel.HasValue) request[Due.InChannel] = new OptionSetValue(channel.Value);
        if (pageSize.HasValue) request[Due.InPageSize] = pageSize.Value;
        if (pageNumber.HasValue) request[Due.InPageNumber] = pageNumber.Value;
        return env.Service.Execute(request);
    }

    private OrganizationResponse CompleteFollowUp(Guid id, bool? succeeded, string? outcome = null)
    {
        var request = new OrganizationRequest(Complete.MessageName) { [Complete.InFollowUp] = new EntityReference(FollowUpTable.LogicalName, id) };
        if (succeeded.HasValue) request[Complete.InSucceeded] = succeeded.Value;
        if (outcome != null) request[Complete.InOutcome] = outcome;
        return env.Service.Execute(request);
    }

    private int ScheduleFor(Guid journey, int trigger) =>
        (int)env.Service.Execute(new OrganizationRequest(Schedule.MessageName)
        {
            [Schedule.InJourney] = new EntityReference(JourneyTable.LogicalName, journey), [Schedule.InTrigger] = new OptionSetValue(trigger),
        })[Schedule.OutCreatedCount];

    [Fact]
    public void Scheduling_follow_ups_for_a_record_that_is_not_a_journey_says_so()
    {
        env.Refused(() => env.Service.Execute(new OrganizationRequest(Schedule.MessageName)
        {
            [Schedule.InJourney] = new EntityReference(ContactTable.LogicalName, patient), [Schedule.InTrigger] = new OptionSetValue(Choices.FollowUpTrigger.Discharge),
        }), "must be a journey (pj_journey), not a contact record");
    }

    [Fact]
    public void An_outcome_longer_than_its_column_is_refused_naming_the_parameter_and_limit()
    {
        env.BookAppointment(patient, env.Now.AddDays(7));
        var reminder = env.FollowUps(patient)[0];

        env.Refused(() => CompleteFollowUp(reminder.Id, true, new string('x', 2001)), "The Outcome parameter is 2001 characters long; it may hold at most 2000");
        Assert.Equal(FollowUpTable.StatusOptions.Pending, env.Retrieve(FollowUpTable.LogicalName, reminder.Id).GetAttributeValue<OptionSetValue>(FollowUpTable.Status).Value);
    }

    [Fact]
    public void Due_messages_are_returned_by_channel_page_by_page_and_a_flow_closes_them()
    {
        var emailPatient = env.CreatePatient();
        env.SetConsent(emailPatient, email: true);
        for (var i = 0; i < 3; i++) env.BookAppointment(patient, env.Now.AddDays(4).AddHours(i));
        env.BookAppointment(emailPatient, env.Now.AddDays(4));
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromHours(3)));   // the 72 h reminders are due

        // Per patient, the 72 h reminders and the welcome sent at the booking of the first appointment.
        var first = GetDue(Choices.Channel.SMS, pageSize: 2);
        var page1 = (EntityCollection)first[Due.OutFollowUps];
        Assert.Equal(2, page1.Entities.Count);
        Assert.True((bool)first[Due.OutMoreRecords]);
        var page2 = (EntityCollection)GetDue(Choices.Channel.SMS, pageSize: 2, pageNumber: 2)[Due.OutFollowUps];
        Assert.Equal(2, page2.Entities.Count);
        Assert.False((bool)GetDue(Choices.Channel.SMS, pageSize: 2, pageNumber: 2)[Due.OutMoreRecords]);
        Assert.Equal(2, ((EntityCollection)GetDue(Choices.Channel.Email)[Due.OutFollowUps]).Entities.Count);
        Assert.Equal(6, ((EntityCollection)GetDue()[Due.OutFollowUps]).Entities.Count);

        var delivered = page1.Entities[0].Id;
        var completed = CompleteFollowUp(delivered, true, "Delivered");
        var retried = CompleteFollowUp(delivered, true, "Delivered");
        var failed = page1.Entities[1].Id;
        var failedOnce = CompleteFollowUp(failed, false, "Number unreachable");

        Assert.False((bool)completed[Complete.OutAlreadyClosed]);
        Assert.True((bool)retried[Complete.OutAlreadyClosed]);
        Assert.False((bool)failedOnce[Complete.OutAlreadyClosed]);

        var row = env.Retrieve(FollowUpTable.LogicalName, delivered);
        Assert.Equal(FollowUpTable.StatusOptions.Completed, row.Status());
        Assert.Equal(env.Now, row.GetAttributeValue<DateTime>(FollowUpTable.CompletedOn));
        Assert.Equal(FollowUpTable.StatusOptions.Failed, env.Retrieve(FollowUpTable.LogicalName, failed).Status());
        Assert.Equal(2, ((EntityCollection)GetDue(Choices.Channel.SMS)[Due.OutFollowUps]).Entities.Count);
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Suppressed_and_future_follow_ups_are_not_due()
    {
        var silent = env.CreatePatient();
        env.BookAppointment(silent, env.Now.AddDays(4));
        env.BookAppointment(patient, env.Now.AddDays(10));
        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));

        // Only the welcome sent at the booking is due; the silent patient's messages are suppressed, the reminders lie ahead.
        var due = ((EntityCollection)GetDue()[Due.OutFollowUps]).Entities;
        Assert.Equal(Choices.FollowUpType.Welcome, Assert.Single(due).GetAttributeValue<OptionSetValue>(FollowUpTable.Type).Value);
    }

    [Fact]
    public void Bad_paging_and_bad_completions_are_refused()
    {
        env.Refused(() => GetDue(pageSize: 0), "page size must be between 1 and 500");
        env.Refused(() => GetDue(pageSize: 501), "page size must be between 1 and 500");
        env.Refused(() => GetDue(pageNumber: 0), "page number starts at 1");

        var silent = env.CreatePatient();
        env.BookAppointment(silent, env.Now.AddDays(4));
        var suppressed = env.FollowUps(silent)[0].Id;
        env.Refused(() => CompleteFollowUp(suppressed, true), "suppressed");
        env.Refused(() => CompleteFollowUp(Guid.NewGuid(), true), "The follow-up does not exist");
        var appointment = env.BookAppointment(patient, env.Now.AddDays(5));
        var pending = env.FollowUps(patient)[0].Id;
        env.Refused(() => CompleteFollowUp(pending, null), "Succeeded");
        env.SetAttendance(appointment, AppointmentTable.AttendanceOptions.CancelledByProvider);
        env.Refused(() => CompleteFollowUp(pending, true), "was cancelled");
    }

    [Fact]
    public void Scheduling_a_discharge_by_api_matches_the_step_and_repeated_calls_create_nothing()
    {
        var journey = env.StartJourney(patient, hip, "Surgery");
        env.MoveJourney(journey, hip, "Recovery");
        env.Emulator.RunPendingAsyncJobs();

        Assert.Equal(0, ScheduleFor(journey, Choices.FollowUpTrigger.Discharge));
        Assert.Equal(3, env.FollowUps(patient).Count);
    }

    [Fact]
    public void A_makers_periodic_rule_is_scheduled_a_year_ahead_once()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.Periodic, Choices.FollowUpType.ScreeningReminder, Choices.FollowUpKind.AutomatedMessage, 365 * 24 * 60);
        var journey = env.StartJourney(patient, hip);

        Assert.Equal(1, ScheduleFor(journey, Choices.FollowUpTrigger.Periodic));
        env.Emulator.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, ScheduleFor(journey, Choices.FollowUpTrigger.Periodic));
        Assert.Equal(0, ScheduleFor(journey, Choices.FollowUpTrigger.Periodic));

        var reminder = Assert.Single(env.FollowUps(patient));
        Assert.Equal(ScenarioEnvironment.Start.AddDays(365), reminder.Due());
    }

    [Fact]
    public void Scheduling_refuses_triggers_that_belong_to_other_records_and_unknown_journeys()
    {
        var journey = env.StartJourney(patient, hip);

        env.Refused(() => ScheduleFor(journey, Choices.FollowUpTrigger.AppointmentScheduled), "scheduled by those records");
        env.Refused(() => ScheduleFor(journey, 1), "not a follow-up trigger");
        env.Refused(() => ScheduleFor(Guid.NewGuid(), Choices.FollowUpTrigger.Periodic), "The journey does not exist");
    }
}
