using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Referral lifecycle and SLA, worked by a north-clinic referral coordinator (who also runs the scheduled SLA flow's
/// connection). The clock starts on Thursday 2026-11-26 09:00 UTC; default hours Mon–Fri 08:00–18:00.
/// </summary>
public class ReferralScenarios : ScenarioTest
{
    private static readonly int Submitted = ReferralTable.StatusOptions.Submitted;
    private readonly Organisation org;
    private readonly Guid referralCoordinator;
    private readonly Guid patient;

    public ReferralScenarios()
    {
        org = new Organisation(env);
        referralCoordinator = org.StaffMember("Referral coordinator", org.NorthClinic);
        env.ActAs(referralCoordinator);
        patient = env.CreatePatient();
    }

    private Guid CreateReferral(int priority, int? status = null, Pathway? pathway = null)
    {
        var referral = new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Orthopaedic referral",
            [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(priority),
            [ReferralTable.Reason] = CareData.ClinicalMarker,
        };
        if (status.HasValue) referral[ReferralTable.Status] = new OptionSetValue(status.Value);
        if (pathway != null) referral[ReferralTable.PathwayId] = pathway.Reference;
        return env.Service.Create(referral);
    }

    private void Move(Guid referralId, int status, string? rejectionReason = null)
    {
        var update = new Entity(ReferralTable.LogicalName, referralId) { [ReferralTable.Status] = new OptionSetValue(status) };
        if (rejectionReason != null) update[ReferralTable.RejectionReason] = rejectionReason;
        env.Service.Update(update);
    }

    private Entity Referral(Guid id) => env.Retrieve(ReferralTable.LogicalName, id);

    private static DateTime Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_referral_is_a_draft_without_a_due_date()
    {
        var referral = Referral(CreateReferral(ReferralTable.PriorityOptions.Routine));

        Assert.Equal(ReferralTable.StatusOptions.Draft, referral.GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
        Assert.False(referral.Contains(ReferralTable.SlaDueOn));
    }

    [Fact]
    public void Submission_stamps_the_time_sets_the_due_date_in_business_time_and_records_a_touchpoint()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Urgent);

        Move(id, Submitted);

        var referral = Referral(id);
        Assert.Equal(env.Now, referral.GetAttributeValue<DateTime>(ReferralTable.SubmittedOn));
        // 20 business hours from Thursday 09:00: 9 h Thursday, 10 h Friday, 1 h Monday → Monday 09:00.
        Assert.Equal(Utc(11, 30, 9), referral.GetAttributeValue<DateTime>(ReferralTable.SlaDueOn));
        var touchpoint = Assert.Single(env.Touchpoints(patient));
        Assert.Equal(TouchpointTable.TypeOptions.Referral, touchpoint.GetAttributeValue<OptionSetValue>(TouchpointTable.Type).Value);
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void Holidays_and_configured_hours_come_from_the_environment_variables()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.Holidays, "2026-11-27, 2026-11-30");
        env.SetEnvironmentVariable(EnvironmentVariables.ReferralSlaHoursStat, "4");

        var id = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);

        // 4 business hours from Thursday 09:00 fit in Thursday: 13:00.
        Assert.Equal(Utc(11, 26, 13), Referral(id).GetAttributeValue<DateTime>(ReferralTable.SlaDueOn));
        var urgent = CreateReferral(ReferralTable.PriorityOptions.Urgent, Submitted);
        // 20 h: 9 h Thursday, Friday and Monday are holidays, 10 h Tuesday, 1 h Wednesday.
        Assert.Equal(Utc(12, 2, 9), Referral(urgent).GetAttributeValue<DateTime>(ReferralTable.SlaDueOn));
    }

    [Fact]
    public void Submitting_on_a_weekend_starts_the_clock_on_monday()
    {
        env.Emulator.Clock.Set(Utc(11, 28, 14));   // Saturday

        var id = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);

        Assert.Equal(Utc(11, 30, 10), Referral(id).GetAttributeValue<DateTime>(ReferralTable.SlaDueOn));
    }

    [Fact]
    public void Changing_the_priority_of_a_submitted_referral_recomputes_the_due_date()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(1));

        env.Service.Update(new Entity(ReferralTable.LogicalName, id) { [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.STAT) });

        // Counted from submission (Thursday 09:00), not from the change.
        Assert.Equal(Utc(11, 26, 11), Referral(id).GetAttributeValue<DateTime>(ReferralTable.SlaDueOn));
    }

    [Fact]
    public void Acceptance_in_time_is_the_first_response_and_no_breach()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(1));

        Move(id, ReferralTable.StatusOptions.Accepted);

        var referral = Referral(id);
        Assert.Equal(env.Now, referral.GetAttributeValue<DateTime>(ReferralTable.AcceptedOn));
        Assert.Equal(env.Now, referral.GetAttributeValue<DateTime>(ReferralTable.FirstResponseOn));
        Assert.False(referral.GetAttributeValue<bool>(ReferralTable.SlaBreached));
    }

    [Fact]
    public void Acceptance_after_the_due_time_is_flagged_as_a_breach()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));

        Move(id, ReferralTable.StatusOptions.Accepted);

        var referral = Referral(id);
        Assert.True(referral.GetAttributeValue<bool>(ReferralTable.SlaBreached));
        Assert.Equal("Accepted after the SLA due time.", referral.GetAttributeValue<string>(ReferralTable.BreachReason));
    }

    [Fact]
    public void Acceptance_of_a_referral_mapped_to_a_pathway_starts_the_journey()
    {
        var hip = env.CreateHipPathway();
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted, hip);

        Move(id, ReferralTable.StatusOptions.Accepted);

        var journeyRef = Referral(id).GetAttributeValue<EntityReference>(ReferralTable.JourneyId);
        Assert.NotNull(journeyRef);
        var journey = env.Retrieve(journeyRef);
        Assert.Equal(id, journey.GetAttributeValue<EntityReference>(JourneyTable.SourceReferralId).Id);
        Assert.Equal(hip.Stages["Referral"], journey.GetAttributeValue<EntityReference>(JourneyTable.CurrentStageId).Id);
        Assert.Single(env.StageVisits(journeyRef.Id));
    }

    [Fact]
    public void Acceptance_links_the_open_journey_instead_of_starting_another()
    {
        var hip = env.CreateHipPathway();
        env.ActAs(org.StaffMember("Care coordinator", org.NorthClinic));
        var existing = env.StartJourney(patient, hip);
        env.ActAs(referralCoordinator);
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted, hip);

        Move(id, ReferralTable.StatusOptions.Accepted);

        Assert.Equal(existing, Referral(id).GetAttributeValue<EntityReference>(ReferralTable.JourneyId).Id);
        Assert.Single(env.Emulator.Rows(JourneyTable.LogicalName));
    }

    [Fact]
    public void The_main_line_runs_to_completion_stamping_each_step()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted);
        Move(id, ReferralTable.StatusOptions.Accepted);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        Move(id, ReferralTable.StatusOptions.Scheduled);
        env.Emulator.Clock.Advance(TimeSpan.FromDays(1));
        Move(id, ReferralTable.StatusOptions.Completed);

        var referral = Referral(id);
        Assert.Equal(env.Now.AddDays(-1), referral.GetAttributeValue<DateTime>(ReferralTable.ScheduledOn));
        Assert.Equal(env.Now, referral.GetAttributeValue<DateTime>(ReferralTable.CompletedOn));
        Assert.Equal(4, env.Touchpoints(patient).Count);
    }

    [Fact]
    public void Illegal_moves_are_refused_naming_both_states()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine);

        env.Refused(() => Move(id, ReferralTable.StatusOptions.Accepted), "cannot move from Draft to Accepted");
        env.Refused(() => CreateReferral(ReferralTable.PriorityOptions.Routine, ReferralTable.StatusOptions.Completed), "cannot move from Draft to Completed");
    }

    [Fact]
    public void Rejection_needs_a_reason_and_closes_the_referral()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted);

        env.Refused(() => Move(id, ReferralTable.StatusOptions.Rejected), "Give a rejection reason");
        Move(id, ReferralTable.StatusOptions.Rejected, "Outside service scope");

        Assert.Equal(env.Now, Referral(id).GetAttributeValue<DateTime>(ReferralTable.FirstResponseOn));
        env.Refused(() => Move(id, ReferralTable.StatusOptions.Accepted), "Rejected is a closed state");
    }

    [Fact]
    public void A_referral_without_a_patient_is_refused()
    {
        var referral = new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "No patient",
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
            [ReferralTable.Status] = new OptionSetValue(Submitted),
        };

        env.Refused(() => env.Service.Create(referral), "Choose the patient");
    }

    [Fact]
    public void A_malformed_business_hours_variable_is_reported_for_the_administrator_to_fix()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.BusinessHours, "weekdays 9 to 5");

        env.Refused(() => CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted), "correct the business hours environment variable");
    }

    [Fact]
    public void Submission_makes_one_read_beyond_its_writes()
    {
        var id = CreateReferral(ReferralTable.PriorityOptions.Routine);
        env.Emulator.ClearLog();

        Move(id, Submitted);

        var step = env.Emulator.LastRequest.PluginExecutions.Single(e => e.PluginType.EndsWith("ReferralProgress", StringComparison.Ordinal));
        Assert.Equal(2, step.ServiceCalls);   // configuration read + touchpoint
    }

    [Fact]
    public void Evaluating_slas_flags_newly_breached_referrals_once_with_one_escalation_each()
    {
        var late = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);
        var inTime = CreateReferral(ReferralTable.PriorityOptions.Routine, Submitted);
        CreateReferral(ReferralTable.PriorityOptions.STAT);   // a draft has no SLA
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));

        var first = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));
        var second = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        Assert.Equal(1, first.Results[CustomApis.EvaluateReferralSlas.OutBreachedCount]);
        Assert.Equal(0, second.Results[CustomApis.EvaluateReferralSlas.OutBreachedCount]);
        Assert.True(Referral(late).GetAttributeValue<bool>(ReferralTable.SlaBreached));
        Assert.Equal("Not accepted by the SLA due time.", Referral(late).GetAttributeValue<string>(ReferralTable.BreachReason));
        Assert.False(Referral(inTime).GetAttributeValue<bool>(ReferralTable.SlaBreached));
        var escalation = Assert.Single(Escalations());
        Assert.Equal(late, escalation.GetAttributeValue<EntityReference>(FollowUpTable.ReferralId).Id);
        // The breach leaves the submission's status updates to the patient and the referrer as they were.
        Assert.Equal(4, env.Emulator.Rows(FollowUpTable.LogicalName).Count(f => f.GetAttributeValue<OptionSetValue>(FollowUpTable.Status).Value != FollowUpTable.StatusOptions.Cancelled
            && f.GetAttributeValue<OptionSetValue>(FollowUpTable.Type).Value != Choices.FollowUpType.ReferralEscalation));
        env.NoPatientDataLeaked();
    }

    [Fact]
    public void A_breach_cannot_be_cleared_by_a_caller_so_evaluating_again_creates_no_second_escalation()
    {
        var late = CreateReferral(ReferralTable.PriorityOptions.STAT, Submitted);
        env.Emulator.Clock.Advance(TimeSpan.FromHours(3));
        env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));
        env.Service.Update(new Entity(ReferralTable.LogicalName, late) { [ReferralTable.SlaBreached] = false });

        var again = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        Assert.True(env.Retrieve(ReferralTable.LogicalName, late).GetAttributeValue<bool>(ReferralTable.SlaBreached));
        Assert.Equal(0, again.Results[CustomApis.EvaluateReferralSlas.OutBreachedCount]);
        Assert.Single(Escalations());
    }

    private System.Collections.Generic.IEnumerable<Entity> Escalations() =>
        env.Emulator.Rows(FollowUpTable.LogicalName).Where(f => f.GetAttributeValue<OptionSetValue>(FollowUpTable.Type).Value == Choices.FollowUpType.ReferralEscalation);
}
