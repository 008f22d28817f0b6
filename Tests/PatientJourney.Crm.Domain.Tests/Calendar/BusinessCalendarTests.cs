using System;
using PatientJourney.Crm.Domain.Calendar;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Calendar;

public class BusinessCalendarTests
{
    private static readonly DayOfWeek[] MondayToFriday = { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    // 2026-11-27 is a Friday.
    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static BusinessCalendar OfficeHours(TimeZoneInfo? zone = null, params DateTime[] holidays) =>
        new(zone ?? TimeZoneInfo.Utc, TimeSpan.FromHours(8), TimeSpan.FromHours(18), MondayToFriday, holidays);

    [Fact]
    public void Time_after_closing_carries_over_the_weekend()
    {
        Assert.Equal(Utc(11, 30, 9), OfficeHours().AddBusinessTime(Utc(11, 27, 17), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_clock_started_on_a_weekend_starts_at_the_next_opening()
    {
        Assert.Equal(Utc(11, 30, 9), OfficeHours().AddBusinessTime(Utc(11, 28, 11), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        var calendar = OfficeHours(holidays: new DateTime(2026, 11, 30));

        Assert.Equal(Utc(12, 1, 9), calendar.AddBusinessTime(Utc(11, 27, 17), TimeSpan.FromHours(2)));
        Assert.False(calendar.IsBusinessTime(Utc(11, 30, 10)));
    }

    [Fact]
    public void A_deadline_that_lands_on_closing_time_stays_on_that_day()
    {
        Assert.Equal(Utc(11, 27, 18), OfficeHours().AddBusinessTime(Utc(11, 27, 8), TimeSpan.FromHours(10)));
    }

    [Fact]
    public void Long_allowances_span_many_days()
    {
        // 30 business hours from Monday 08:00 at ten hours a day: Wednesday 18:00.
        Assert.Equal(Utc(12, 2, 18), OfficeHours().AddBusinessTime(Utc(11, 30, 8), TimeSpan.FromHours(30)));
    }

    [Fact]
    public void Opening_hours_are_local_to_the_organisation()
    {
        var utcPlusTwo = TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");

        // Friday 16:00 UTC is 18:00 local, closing time: one hour later is Monday 09:00 local, 07:00 UTC.
        Assert.Equal(Utc(11, 30, 7), OfficeHours(utcPlusTwo).AddBusinessTime(Utc(11, 27, 16), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Next_business_day_starts_at_opening_time()
    {
        Assert.Equal(Utc(11, 30, 8), OfficeHours().StartOfNextBusinessDay(Utc(11, 27, 9)));
        Assert.Equal(Utc(11, 30, 8), OfficeHours().StartOfNextBusinessDay(Utc(11, 28, 23)));
        Assert.Equal(Utc(11, 27, 8), OfficeHours().StartOfNextBusinessDay(Utc(11, 26, 23)));
    }

    [Fact]
    public void Elapsed_business_time_is_the_inverse_of_adding_it()
    {
        var calendar = OfficeHours(holidays: new DateTime(2026, 12, 25));
        var random = new Random(20261126);
        for (var i = 0; i < 500; i++)
        {
            var start = Utc(11, 1, 0).AddMinutes(random.Next(0, 60 * 24 * 60));
            var duration = TimeSpan.FromMinutes(random.Next(1, 60 * 200));

            var end = calendar.AddBusinessTime(start, duration);

            Assert.Equal(duration, calendar.BusinessTimeBetween(start, end));
        }
    }

    [Fact]
    public void Nothing_elapses_outside_opening_hours()
    {
        Assert.Equal(TimeSpan.Zero, OfficeHours().BusinessTimeBetween(Utc(11, 27, 18), Utc(11, 30, 8)));
        Assert.Equal(TimeSpan.FromHours(1), OfficeHours().BusinessTimeBetween(Utc(11, 27, 17), Utc(11, 30, 8, 0)));
    }

    [Theory]
    [InlineData(18, 8)]
    [InlineData(9, 9)]
    public void Business_hours_must_open_before_they_close(int opens, int closes)
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, TimeSpan.FromHours(opens), TimeSpan.FromHours(closes), MondayToFriday, Array.Empty<DateTime>()));
    }

    [Fact]
    public void Business_hours_need_a_working_day()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, TimeSpan.FromHours(8), TimeSpan.FromHours(18), Array.Empty<DayOfWeek>(), Array.Empty<DateTime>()));
    }
}
