using System;
using PatientJourney.Crm.Domain.Calendar;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Calendar;

public class BusinessCalendarSettingsTests
{
    [Fact]
    public void Reads_day_ranges_opening_times_and_holidays()
    {
        var calendar = BusinessCalendarSettings.Parse("Mon-Thu 09:00-17:30", "2026-12-24; 2026-12-31", TimeZoneInfo.Utc);

        Assert.Equal(TimeSpan.FromHours(9), calendar.OpensAt);
        Assert.Equal(new TimeSpan(17, 30, 0), calendar.ClosesAt);
        Assert.True(calendar.IsBusinessDay(new DateTime(2026, 11, 26)));   // Thursday
        Assert.False(calendar.IsBusinessDay(new DateTime(2026, 11, 27)));  // Friday
        Assert.False(calendar.IsBusinessDay(new DateTime(2026, 12, 24)));  // holiday
    }

    [Fact]
    public void Day_ranges_may_wrap_over_the_week_end()
    {
        var calendar = BusinessCalendarSettings.Parse("Sat-Mon 00:00-24:00", null, TimeZoneInfo.Utc);

        Assert.True(calendar.IsBusinessDay(new DateTime(2026, 11, 29)));   // Sunday
        Assert.False(calendar.IsBusinessDay(new DateTime(2026, 11, 25)));  // Wednesday
        Assert.Equal(TimeSpan.FromDays(1), calendar.ClosesAt);
    }

    [Fact]
    public void Empty_settings_mean_the_documented_default()
    {
        var calendar = BusinessCalendarSettings.Parse(" ", "", TimeZoneInfo.Utc);

        Assert.Equal(TimeSpan.FromHours(8), calendar.OpensAt);
        Assert.Equal(TimeSpan.FromHours(18), calendar.ClosesAt);
        Assert.False(calendar.IsBusinessDay(new DateTime(2026, 11, 28)));
    }

    [Theory]
    [InlineData("Mon-Fri")]
    [InlineData("Mon-Fri 8-18")]
    [InlineData("Mon-Fryday 08:00-18:00")]
    [InlineData("Mon-Fri 18:00-08:00")]
    public void Malformed_hours_say_how_to_write_them(string hours)
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => BusinessCalendarSettings.Parse(hours, null, TimeZoneInfo.Utc));

        Assert.Contains("Mon-Fri 08:00-18:00", error.Message);
    }

    [Fact]
    public void Malformed_holidays_name_the_entry()
    {
        var error = Assert.Throws<BusinessRuleViolation>(() => BusinessCalendarSettings.Parse(null, "2026-12-25, 25/12/2026", TimeZoneInfo.Utc));

        Assert.Contains("25/12/2026", error.Message);
    }
}
