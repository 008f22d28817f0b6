using System;
using System.Linq;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Risk;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.FollowUps;

public class FollowUpOffsetsTests
{
    [Fact]
    public void Defaults_are_72_and_24_hours_and_48_168_336_hours()
    {
        var offsets = FollowUpOffsets.Parse(null, "");

        Assert.Equal(new[] { 72, 24 }, offsets.ReminderHoursBefore);
        Assert.Equal((48, 168, 336), (offsets.CheckInCallHours, offsets.ExperienceSurveyHours, offsets.FollowUpAppointmentCheckHours));
    }

    [Fact]
    public void The_default_rules_follow_the_configured_offsets()
    {
        var rules = DefaultFollowUpRules.For(FollowUpOffsets.Parse("24, 96, 2", "24,72,720"));

        Assert.Equal(new[] { -96.0, -24, -2 }, rules.Where(r => r.Type == FollowUpType.AppointmentReminder).Select(r => r.Offset.TotalHours));
        Assert.Equal(new[] { 24.0, 168, 720 }, rules.Where(r => r.Type == FollowUpType.CheckInCall).Select(r => r.Offset.TotalHours));
        Assert.Equal(72, rules.Single(r => r.Type == FollowUpType.ExperienceSurvey).Offset.TotalHours);
    }

    [Fact]
    public void A_check_in_call_on_a_high_risk_call_day_is_made_for_everyone_once()
    {
        var rules = DefaultFollowUpRules.For(FollowUpOffsets.Parse("72,24", "168,240,336"));

        var week = Assert.Single(rules, r => r.Type == FollowUpType.CheckInCall && r.Offset == TimeSpan.FromDays(7));
        Assert.Null(week.MinimumRiskBand);
        Assert.Equal(RiskBand.High, rules.Single(r => r.Type == FollowUpType.CheckInCall && r.Offset == TimeSpan.FromDays(30)).MinimumRiskBand);
    }

    [Theory]
    [InlineData("three days", null, "appointment reminder offsets")]
    [InlineData("0", null, "between 1 and 8760")]
    [InlineData(null, "48,168", "must name three hours")]
    [InlineData(null, "48,x,3", "post-discharge offsets")]
    [InlineData(null, "48,-1,3", "between 1 and 87600")]
    public void Bad_settings_are_refused_with_the_expected_form(string? reminders, string? discharge, string message)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => FollowUpOffsets.Parse(reminders, discharge));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_old_json_list_form_is_still_read()
    {
        Assert.Equal(new[] { 72, 24 }, FollowUpOffsets.Parse("[72,24]", null).ReminderHoursBefore);
    }

    [Fact]
    public void Derived_ids_are_stable_and_distinct()
    {
        var id = Guid.NewGuid();
        var at = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(DeterministicId.From(id, at), DeterministicId.From(id, at));
        Assert.NotEqual(DeterministicId.From(id, at), DeterministicId.From(id, at.AddTicks(1)));
        Assert.NotEqual(DeterministicId.From(id, "a"), DeterministicId.From(id, "b"));
        Assert.NotEqual(DeterministicId.From(id, "a"), DeterministicId.From(Guid.NewGuid(), "a"));
    }
}
