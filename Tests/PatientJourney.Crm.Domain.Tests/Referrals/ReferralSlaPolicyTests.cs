using System;
using System.Collections.Generic;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.Referrals;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Referrals;

public class ReferralSlaPolicyTests
{
    private static readonly BusinessCalendar Office = BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", "2026-12-25", TimeZoneInfo.Utc);

    private static DateTime Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static ReferralSlaPolicy Hours(double stat, double asap, double urgent, double routine) => new(Office, new Dictionary<ReferralPriority, TimeSpan>
    {
        [ReferralPriority.Stat] = TimeSpan.FromHours(stat),
        [ReferralPriority.Asap] = TimeSpan.FromHours(asap),
        [ReferralPriority.Urgent] = TimeSpan.FromHours(urgent),
        [ReferralPriority.Routine] = TimeSpan.FromHours(routine),
    });

    [Fact]
    public void Allowances_are_counted_in_business_time()
    {
        var policy = Hours(2, 10, 20, 50);

        // Submitted Friday 2026-11-27 at 17:00.
        Assert.Equal(Utc(11, 30, 9), policy.DueBy(ReferralPriority.Stat, Utc(11, 27, 17)));
        Assert.Equal(Utc(11, 30, 17), policy.DueBy(ReferralPriority.Asap, Utc(11, 27, 17)));
        Assert.Equal(Utc(12, 1, 17), policy.DueBy(ReferralPriority.Urgent, Utc(11, 27, 17)));
        Assert.Equal(Utc(12, 4, 17), policy.DueBy(ReferralPriority.Routine, Utc(11, 27, 17)));
    }

    [Fact]
    public void Holidays_extend_the_due_date()
    {
        var policy = Hours(1, 4, 10, 100);

        // Submitted Thursday 2026-12-24 at 17:00; Friday 25th is a holiday.
        Assert.Equal(Utc(12, 28, 17), policy.DueBy(ReferralPriority.Urgent, Utc(12, 24, 17)));
        Assert.Equal(TimeSpan.FromHours(100), policy.Allowance(ReferralPriority.Routine));
    }

    [Fact]
    public void Every_priority_needs_a_positive_allowance()
    {
        var missing = new Dictionary<ReferralPriority, TimeSpan> { [ReferralPriority.Stat] = TimeSpan.FromHours(1) };

        Assert.Contains("no allowance for priority Routine", Assert.Throws<BusinessRuleViolation>(() => new ReferralSlaPolicy(Office, missing)).Message);
        Assert.Contains("positive", Assert.Throws<BusinessRuleViolation>(() => Hours(1, 0, 1, 1)).Message);
    }

    [Fact]
    public void A_submitted_referral_breaches_once_past_due()
    {
        var due = Utc(11, 30, 9);

        Assert.Null(ReferralSlaPolicy.FindBreach(ReferralStatus.Submitted, due, null, due));
        Assert.Equal("Not accepted by the SLA due time.", ReferralSlaPolicy.FindBreach(ReferralStatus.Submitted, due, null, due.AddMinutes(1))?.Reason);
        Assert.Null(ReferralSlaPolicy.FindBreach(ReferralStatus.Cancelled, due, null, due.AddDays(1)));
        Assert.Null(ReferralSlaPolicy.FindBreach(ReferralStatus.Draft, null, null, due.AddDays(1)));
    }

    [Fact]
    public void Acceptance_is_measured_against_the_due_date()
    {
        var due = Utc(11, 30, 9);

        Assert.Null(ReferralSlaPolicy.FindBreach(ReferralStatus.Accepted, due, due.AddMinutes(-5), due.AddDays(3)));
        Assert.Equal("Accepted after the SLA due time.", ReferralSlaPolicy.FindBreach(ReferralStatus.Scheduled, due, due.AddHours(2), due.AddDays(3))?.Reason);
    }
}
