using System;
using System.Linq;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Calendar;

/// <summary>The edges of time a caller can reach with valid Dataverse values: the end of the date range and the hour skipped when clocks go forward.</summary>
public class DateEdgeTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("GMT Standard Time");
    private static readonly DateTime LastDay = new(9999, 12, 31, 10, 0, 0, DateTimeKind.Utc);
    private static readonly BusinessCalendar Office = BusinessCalendarSettings.Parse("Mon-Fri 08:00-18:00", null, TimeZoneInfo.Utc);

    [Fact]
    public void A_quiet_hours_end_in_the_skipped_hour_moves_to_the_moment_clocks_jump_to()
    {
        // 28 March 2027: 01:00 GMT jumps to 02:00 BST, so 01:30 does not exist that night.
        var quiet = QuietHours.Parse("22:00-01:30");

        var moved = quiet.MoveOutOf(new DateTime(2027, 3, 27, 23, 0, 0, DateTimeKind.Utc), London);

        Assert.Equal(new DateTime(2027, 3, 28, 1, 0, 0, DateTimeKind.Utc), moved);   // 02:00 BST
        Assert.Equal(new DateTime(2027, 3, 27, 1, 30, 0, DateTimeKind.Utc), quiet.MoveOutOf(new DateTime(2027, 3, 26, 23, 0, 0, DateTimeKind.Utc), London));
    }

    [Fact]
    public void A_quiet_period_that_ends_after_the_last_date_leaves_the_message_unsendable()
    {
        Assert.Null(QuietHours.Parse("21:00-08:00").MoveOutOf(new DateTime(9999, 12, 31, 22, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
        Assert.Equal(new DateTime(9999, 12, 31, 8, 0, 0, DateTimeKind.Utc), QuietHours.Parse("21:00-08:00").MoveOutOf(new DateTime(9999, 12, 30, 22, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Business_time_past_the_last_date_is_refused_with_what_to_do()
    {
        Assert.Null(Office.TryStartOfNextBusinessDay(LastDay));
        Assert.Null(Office.TryAddBusinessTime(LastDay, TimeSpan.FromHours(24)));
        var refused = Assert.Throws<BusinessRuleViolation>(() => Office.AddBusinessTime(LastDay, TimeSpan.FromHours(24)));
        Assert.Contains("31 December 9999", refused.Message);
        Assert.Equal(LastDay.AddHours(2), Office.AddBusinessTime(LastDay, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(8 + 10), Office.BusinessTimeBetween(LastDay.AddHours(-24), LastDay.AddHours(13)));   // Thu 30 from 10:00, Fri 31 all day
    }

    [Fact]
    public void Follow_ups_that_would_fall_after_the_last_date_are_not_planned()
    {
        var planner = new FollowUpPlanner(Office, QuietHours.Parse("21:00-08:00"), TimeZoneInfo.Utc);
        var anyone = new ContactPreferences(new[] { ContactChannel.Sms }, ContactChannel.Sms, null);
        var now = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        var reminders = planner.Plan(new FollowUpEvent(FollowUpTrigger.AppointmentScheduled, Guid.NewGuid(), LastDay), Array.Empty<FollowUpRule>(), anyone, now);
        var recovery = planner.Plan(new FollowUpEvent(FollowUpTrigger.NoShow, Guid.NewGuid(), LastDay), Array.Empty<FollowUpRule>(), anyone, now);
        var discharge = planner.Plan(new FollowUpEvent(FollowUpTrigger.Discharge, Guid.NewGuid(), LastDay), Array.Empty<FollowUpRule>(), anyone, now);

        Assert.Equal(new[] { LastDay.AddHours(-72), LastDay.AddHours(-24) }, reminders.Select(p => p.DueOn));
        Assert.Empty(recovery);
        Assert.Empty(discharge);
    }
}
