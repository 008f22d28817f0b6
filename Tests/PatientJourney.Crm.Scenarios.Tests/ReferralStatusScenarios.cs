using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>
/// Referral status moves tell the patient and the referrer; referrals not accepted in time expire with a task. Worked by
/// a north-clinic referral coordinator, whose account also runs the scheduled SLA flow.
/// </summary>
public class ReferralStatusScenarios : ScenarioTest
{
    private readonly Organisation org;
    private readonly Guid referralCoordinator;
    private readonly Guid patient;

    public ReferralStatusScenarios()
    {
        org = new Organisation(env);
        referralCoordinator = org.StaffMember("Referral coordinator", org.NorthClinic);
        env.ActAs(referralCoordinator);
        patient = env.CreatePatient();
        env.SetConsent(patient, sms: true);
    }

    private Guid Submit()
    {
        return env.Service.Create(new Entity(ReferralTable.LogicalName)
        {
            [ReferralTable.Name] = "Orthopaedic referral",
            [ReferralTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient),
            [ReferralTable.Priority] = new OptionSetValue(ReferralTable.PriorityOptions.Routine),
            [ReferralTable.Status] = new OptionSetValue(ReferralTable.StatusOptions.Submitted),
            [ReferralTable.ReferringProvider] = CareData.ClinicalMarker,
        });
    }

    private void Move(Guid referral, int status) =>
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(status) });

    [Fact]
    public void Submission_sends_the_status_to_the_patient_on_their_channel_and_to_the_referrer_by_email()
    {
        var referral = Submit();

        var updates = env.FollowUps(patient);
        Assert.Equal(2, updates.Count);
        var toPatient = Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToPatient);
        var toReferrer = Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToReferrer);
        Assert.Equal(Choices.Channel.SMS, toPatient.Channel());
        Assert.Equal(Choices.Channel.Email, toReferrer.Channel());
        Assert.All(updates, f => Assert.Equal(referral, f.GetAttributeValue<EntityReference>(FollowUpTable.ReferralId).Id));
        Assert.All(updates, f => Assert.Equal(FollowUpTable.StatusOptions.Pending, f.Status()));
    }

    [Fact]
    public void The_referrers_update_goes_out_even_when_the_patient_allows_no_channel()
    {
        env.SetConsent(patient);
        Submit();

        var updates = env.FollowUps(patient);
        Assert.Equal(FollowUpTable.StatusOptions.Suppressed, Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToPatient).Status());
        Assert.Equal(FollowUpTable.StatusOptions.Pending, Assert.Single(updates, f => f.Type() == Choices.FollowUpType.ReferralStatusToReferrer).Status());
    }

    [Theory]
    [InlineData(ReferralTable.StatusOptions.Accepted)]
    [InlineData(ReferralTable.StatusOptions.Rejected)]
    public void Acceptance_or_rejection_sends_its_status_and_supersedes_the_unsent_submission_updates(int status)
    {
        var referral = Submit();
        if (status == ReferralTable.StatusOptions.Rejected)
            env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.Status] = new OptionSetValue(status), [ReferralTable.RejectionReason] = "Not indicated" });
        else Move(referral, status);

        var updates = env.FollowUps(patient);
        Assert.Equal(4, updates.Count);
        Assert.Equal(2, updates.Count(f => f.Status() == FollowUpTable.StatusOptions.Cancelled && f.GetAttributeValue<string>(FollowUpTable.CancellationReason) != null));
        Assert.Equal(2, updates.Count(f => f.Status() == FollowUpTable.StatusOptions.Pending));
    }

    [Fact]
    public void Scheduling_sends_its_status_too()
    {
        var referral = Submit();
        Move(referral, ReferralTable.StatusOptions.Accepted);
        Move(referral, ReferralTable.StatusOptions.Scheduled);

        Assert.Equal(6, env.FollowUps(patient).Count);
        Assert.Equal(2, env.OpenFollowUps(patient).Count);
    }

    [Fact]
    public void A_configured_inactive_rule_turns_the_referrers_update_off()
    {
        env.AddFollowUpRule(Choices.FollowUpTrigger.ReferralSubmitted, Choices.FollowUpType.ReferralStatusToReferrer, Choices.FollowUpKind.AutomatedMessage, 0, active: false);

        Submit();

        Assert.Equal(Choices.FollowUpType.ReferralStatusToPatient, Assert.Single(env.FollowUps(patient)).Type());
    }

    [Fact]
    public void A_configured_rule_sends_the_referrers_update_by_phone_written_as_the_referral_coordinator_and_linked_to_the_rule()
    {
        var rule = env.AddFollowUpRule(Choices.FollowUpTrigger.ReferralSubmitted, Choices.FollowUpType.ReferralStatusToReferrer, Choices.FollowUpKind.AutomatedMessage, 0,
            channel: Choices.Channel.Phone);

        Submit();

        var toReferrer = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.ReferralStatusToReferrer);
        Assert.Equal(Choices.Channel.Phone, toReferrer.Channel());
        Assert.Equal(rule, toReferrer.GetAttributeValue<EntityReference>(FollowUpTable.RuleId).Id);
        Assert.Equal(referralCoordinator, toReferrer.GetAttributeValue<EntityReference>("createdby").Id);
    }

    [Fact]
    public void A_referral_not_accepted_within_the_expiry_days_is_expired_with_a_task_for_its_owner_once()
    {
        var coordinator = org.StaffMember("Referral coordinator", org.NorthClinic, "Rita");
        var referral = Submit();
        env.Service.Update(new Entity(ReferralTable.LogicalName, referral) { [ReferralTable.OwnerId] = new EntityReference("systemuser", coordinator) });
        env.Emulator.Clock.Advance(TimeSpan.FromDays(29));
        var early = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));
        Assert.Equal(0, early.Results[CustomApis.EvaluateReferralSlas.OutExpiredCount]);

        env.Emulator.Clock.Advance(TimeSpan.FromDays(2));
        var run = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));
        var again = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        Assert.Equal(1, run.Results[CustomApis.EvaluateReferralSlas.OutExpiredCount]);
        Assert.Equal(0, again.Results[CustomApis.EvaluateReferralSlas.OutExpiredCount]);
        Assert.Equal(ReferralTable.StatusOptions.Expired, env.Retrieve(ReferralTable.LogicalName, referral).GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
        var task = Assert.Single(env.FollowUps(patient), f => f.Type() == Choices.FollowUpType.ExpiredReferral);
        Assert.Equal(Choices.FollowUpKind.StaffTask, task.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind).Value);
        Assert.Equal(coordinator, task.GetAttributeValue<EntityReference>(FollowUpTable.OwnerId).Id);
    }

    [Fact]
    public void Zero_expiry_days_never_expire_a_referral()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.ReferralExpiryDays, "0");
        var referral = Submit();
        env.Emulator.Clock.Advance(TimeSpan.FromDays(400));

        var run = env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName));

        Assert.Equal(0, run.Results[CustomApis.EvaluateReferralSlas.OutExpiredCount]);
        Assert.Equal(ReferralTable.StatusOptions.Submitted, env.Retrieve(ReferralTable.LogicalName, referral).GetAttributeValue<OptionSetValue>(ReferralTable.Status).Value);
    }

    [Fact]
    public void An_expiry_setting_that_is_not_a_number_of_days_says_which_setting_to_fix()
    {
        env.SetEnvironmentVariable(EnvironmentVariables.ReferralExpiryDays, "a month");

        var fault = Assert.ThrowsAny<Exception>(() => env.Service.Execute(new OrganizationRequest(CustomApis.EvaluateReferralSlas.MessageName)));

        Assert.Contains(EnvironmentVariables.ReferralExpiryDays, fault.Message);
    }
}
