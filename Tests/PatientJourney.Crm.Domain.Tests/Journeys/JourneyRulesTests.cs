using System;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Journeys;

public class JourneyRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private readonly PathwayStage referral = new(Guid.NewGuid(), "Referral", 10, TimeSpan.FromDays(14), false);
    private readonly PathwayStage assessment = new(Guid.NewGuid(), "Assessment", 20, TimeSpan.FromDays(7), false);
    private readonly PathwayStage surgery = new(Guid.NewGuid(), "Surgery", 30, null, false);
    private readonly PathwayStage discharged = new(Guid.NewGuid(), "Discharged", 40, null, true);

    private CarePathway Sequential() => new(new[] { surgery, referral, discharged, assessment }, Array.Empty<PathwayTransition>());

    private CarePathway WithTransitions() => new(
        new[] { referral, assessment, surgery, discharged },
        new[]
        {
            new PathwayTransition(referral.Id, assessment.Id, false),
            new PathwayTransition(assessment.Id, surgery.Id, false),
            new PathwayTransition(assessment.Id, referral.Id, true),
            new PathwayTransition(surgery.Id, discharged.Id, false),
        });

    [Fact]
    public void A_journey_starts_on_the_lowest_sequence_with_its_due_date()
    {
        var entry = JourneyRules.Start(Sequential(), null, Now);

        Assert.Same(referral, entry.Stage);
        Assert.Equal(Now, entry.EnteredOn);
        Assert.Equal(Now.AddDays(14), entry.DueBy);
        Assert.Equal(JourneyStatus.Active, JourneyRules.StatusAfterEntering(entry));
    }

    [Fact]
    public void A_journey_may_start_on_a_chosen_stage_of_its_pathway()
    {
        Assert.Same(surgery, JourneyRules.Start(Sequential(), surgery.Id, Now).Stage);
        Assert.Null(JourneyRules.Start(Sequential(), surgery.Id, Now).DueBy);
        Assert.Throws<BusinessRuleViolation>(() => JourneyRules.Start(Sequential(), Guid.NewGuid(), Now));
    }

    [Fact]
    public void Without_transitions_only_the_next_stage_by_sequence_is_allowed()
    {
        var change = JourneyRules.ChangeStage(Sequential(), JourneyStatus.Active, referral.Id, Now.AddDays(-20), Now.AddDays(-6), assessment.Id, null, Now);

        Assert.Same(assessment, change.Entry.Stage);
        Assert.Equal(TimeSpan.FromDays(20), change.Exit.Duration);
        Assert.True(change.Exit.WasOverdue);
        Assert.Equal(JourneyStatus.Active, change.Status);
        var skip = Assert.Throws<BusinessRuleViolation>(() => JourneyRules.ChangeStage(Sequential(), JourneyStatus.Active, referral.Id, Now, null, surgery.Id, null, Now));
        Assert.Contains("from Referral to Surgery", skip.Message);
        Assert.Contains("Allowed next stages: Assessment", skip.Message);
    }

    [Fact]
    public void Transitions_decide_the_moves_and_may_require_a_reason()
    {
        var pathway = WithTransitions();

        var back = JourneyRules.ChangeStage(pathway, JourneyStatus.Active, assessment.Id, Now.AddDays(-1), Now.AddDays(6), referral.Id, "Missing test results", Now);
        Assert.Same(referral, back.Entry.Stage);
        Assert.False(back.Exit.WasOverdue);
        Assert.Contains("needs a reason", Assert.Throws<BusinessRuleViolation>(() => JourneyRules.ChangeStage(pathway, JourneyStatus.Active, assessment.Id, Now, null, referral.Id, " ", Now)).Message);
        Assert.Throws<BusinessRuleViolation>(() => JourneyRules.ChangeStage(pathway, JourneyStatus.Active, referral.Id, Now, null, surgery.Id, null, Now));
    }

    [Fact]
    public void Entering_a_terminal_stage_completes_the_journey()
    {
        var change = JourneyRules.ChangeStage(WithTransitions(), JourneyStatus.Active, surgery.Id, Now.AddDays(-2), null, discharged.Id, null, Now);

        Assert.Equal(JourneyStatus.Completed, change.Status);
        Assert.False(change.Exit.WasOverdue);
    }

    [Theory]
    [InlineData(JourneyStatus.Completed)]
    [InlineData(JourneyStatus.Dropped)]
    [InlineData(JourneyStatus.Cancelled)]
    public void Closed_journeys_reject_stage_changes(JourneyStatus status)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => JourneyRules.ChangeStage(Sequential(), status, referral.Id, Now, null, assessment.Id, null, Now));

        Assert.Contains($"The journey is {status}", error.Message);
    }

    [Fact]
    public void Moving_to_the_current_stage_is_refused()
    {
        Assert.Contains("already in stage", Assert.Throws<BusinessRuleViolation>(() => JourneyRules.ChangeStage(Sequential(), JourneyStatus.Active, referral.Id, Now, null, referral.Id, null, Now)).Message);
    }

    [Theory]
    [InlineData(JourneyStatus.Active, JourneyStatus.OnHold)]
    [InlineData(JourneyStatus.OnHold, JourneyStatus.Active)]
    [InlineData(JourneyStatus.Active, JourneyStatus.Dropped)]
    [InlineData(JourneyStatus.OnHold, JourneyStatus.Cancelled)]
    [InlineData(JourneyStatus.Dropped, JourneyStatus.Active)]
    public void Allowed_status_changes(JourneyStatus from, JourneyStatus to)
    {
        JourneyRules.EnsureStatusChange(from, to);
    }

    [Theory]
    [InlineData(JourneyStatus.Completed, JourneyStatus.Active)]
    [InlineData(JourneyStatus.Cancelled, JourneyStatus.Active)]
    [InlineData(JourneyStatus.Dropped, JourneyStatus.OnHold)]
    [InlineData(JourneyStatus.Active, JourneyStatus.Completed)]
    public void Refused_status_changes(JourneyStatus from, JourneyStatus to)
    {
        Assert.Throws<BusinessRuleViolation>(() => JourneyRules.EnsureStatusChange(from, to));
    }

    [Fact]
    public void Reactivating_a_dropped_journey_reopens_its_stage()
    {
        Assert.True(JourneyRules.ReopensCurrentStage(JourneyStatus.Dropped, JourneyStatus.Active));
        Assert.False(JourneyRules.ReopensCurrentStage(JourneyStatus.OnHold, JourneyStatus.Active));
    }

    [Fact]
    public void A_journey_keeps_its_patient_and_pathway()
    {
        Guid patient = Guid.NewGuid(), other = Guid.NewGuid(), pathway = Guid.NewGuid();

        JourneyRules.EnsureIdentityKept(patient, patient, pathway, pathway);
        JourneyRules.EnsureIdentityKept(null, patient, pathway, pathway);   // a journey saved before the rule may be given its patient
        Assert.Contains("patient is required", Assert.Throws<BusinessRuleViolation>(() => JourneyRules.EnsureIdentityKept(patient, null, pathway, pathway)).Message);
        Assert.Contains("cannot change", Assert.Throws<BusinessRuleViolation>(() => JourneyRules.EnsureIdentityKept(patient, other, pathway, pathway)).Message);
        Assert.Contains("care pathway", Assert.Throws<BusinessRuleViolation>(() => JourneyRules.EnsureIdentityKept(patient, patient, pathway, Guid.NewGuid())).Message);
    }

    [Fact]
    public void A_pathway_needs_stages()
    {
        Assert.Throws<BusinessRuleViolation>(() => new CarePathway(Array.Empty<PathwayStage>(), Array.Empty<PathwayTransition>()));
    }
}
