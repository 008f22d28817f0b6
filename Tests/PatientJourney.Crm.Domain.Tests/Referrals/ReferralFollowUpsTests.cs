using System;
using System.Linq;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Referrals;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Referrals;

public class ReferralFollowUpsTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ReferralStatus.Submitted, FollowUpTrigger.ReferralSubmitted)]
    [InlineData(ReferralStatus.Accepted, FollowUpTrigger.ReferralAccepted)]
    [InlineData(ReferralStatus.Scheduled, FollowUpTrigger.ReferralScheduled)]
    [InlineData(ReferralStatus.Rejected, FollowUpTrigger.ReferralRejected)]
    [InlineData(ReferralStatus.Expired, FollowUpTrigger.ReferralExpired)]
    public void Each_status_the_patient_and_referrer_hear_of_has_its_trigger(ReferralStatus status, FollowUpTrigger trigger) =>
        Assert.Equal(trigger, ReferralFollowUps.TriggerFor(status));

    [Theory]
    [InlineData(ReferralStatus.Draft)]
    [InlineData(ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Cancelled)]
    public void Other_statuses_tell_nobody(ReferralStatus status) => Assert.Null(ReferralFollowUps.TriggerFor(status));

    [Fact]
    public void Each_told_status_has_a_built_in_update_to_the_patient_and_one_by_email_to_the_referrer()
    {
        foreach (var trigger in new[] { FollowUpTrigger.ReferralSubmitted, FollowUpTrigger.ReferralAccepted, FollowUpTrigger.ReferralScheduled, FollowUpTrigger.ReferralRejected })
        {
            var rules = DefaultFollowUpRules.All.Where(r => r.Trigger == trigger).ToList();
            Assert.Equal(2, rules.Count);
            Assert.Contains(rules, r => r.Type == FollowUpType.ReferralStatusToPatient && r.Kind == FollowUpKind.AutomatedMessage);
            Assert.Contains(rules, r => r.Type == FollowUpType.ReferralStatusToReferrer && r.Channel == ContactChannel.Email);
        }
        var expiry = Assert.Single(DefaultFollowUpRules.All, r => r.Trigger == FollowUpTrigger.ReferralExpired);
        Assert.Equal(FollowUpKind.StaffTask, expiry.Kind);
        Assert.Null(FollowUpRuleCheck.ProblemWith(expiry.Trigger, expiry.Type, expiry.Kind, 0));
    }

    [Fact]
    public void The_referrers_update_ignores_the_patients_consent_and_quiet_hours()
    {
        var planner = new FollowUpPlanner(BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", "", TimeZoneInfo.Utc), new QuietHours(TimeSpan.FromHours(0), TimeSpan.FromHours(23)), TimeZoneInfo.Utc);
        var noChannels = new ContactPreferences(new ContactChannel[0], null, null);

        var plans = planner.Plan(new FollowUpEvent(FollowUpTrigger.ReferralAccepted, Guid.NewGuid(), Now.AddHours(-8)), new FollowUpRule[0], noChannels, Now);

        var toReferrer = Assert.Single(plans, p => p.Rule.Type == FollowUpType.ReferralStatusToReferrer);
        Assert.Equal(FollowUpStatus.Pending, toReferrer.Status);
        Assert.Equal(Now.AddHours(-8), toReferrer.DueOn);
        Assert.Equal(FollowUpStatus.Suppressed, Assert.Single(plans, p => p.Rule.Type == FollowUpType.ReferralStatusToPatient).Status);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("", 30)]
    [InlineData(" 45 ", 45)]
    [InlineData("0", 0)]
    public void Expiry_days_come_from_the_setting_with_a_default_of_30(string? setting, int days) =>
        Assert.Equal(days, ReferralFollowUps.ExpiryDays(setting, "pj_ReferralExpiryDays"));

    [Theory]
    [InlineData("a month")]
    [InlineData("-1")]
    [InlineData("2.5")]
    [InlineData("99999")]
    public void An_expiry_setting_that_is_not_a_whole_number_of_days_names_the_setting(string setting)
    {
        var e = Assert.Throws<BusinessRuleViolation>(() => ReferralFollowUps.ExpiryDays(setting, "pj_ReferralExpiryDays"));
        Assert.Contains("pj_ReferralExpiryDays", e.Message);
    }

    [Fact]
    public void Only_a_submitted_referral_older_than_the_expiry_has_expired()
    {
        Assert.True(ReferralFollowUps.HasExpired(ReferralStatus.Submitted, Now.AddDays(-31), Now, 30));
        Assert.False(ReferralFollowUps.HasExpired(ReferralStatus.Submitted, Now.AddDays(-29), Now, 30));
        Assert.False(ReferralFollowUps.HasExpired(ReferralStatus.Accepted, Now.AddDays(-90), Now, 30));
        Assert.False(ReferralFollowUps.HasExpired(ReferralStatus.Submitted, Now.AddDays(-90), Now, 0));
        Assert.Null(ReferralFollowUps.SubmittedBefore(DateTime.MinValue.AddDays(3), 30));
    }
}
