using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PatientJourney.Crm.Domain.Calendar
{
    /// <summary>
    /// Reads business hours and holidays from their environment-variable text, with messages that tell an
    /// administrator what to correct.
    /// Hours: working days and opening times, e.g. "Mon-Fri 08:00-18:00" or "Mon,Tue,Thu 09:00-17:30".
    /// Holidays: ISO dates separated by commas or semicolons, e.g. "2026-12-25, 2026-12-26".
    /// </summary>
    public static class BusinessCalendarSettings
    {
        public const string DefaultHours = "Mon-Fri 08:00-18:00";

        private static readonly string[] DayNames = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

        public static BusinessCalendar Parse(string? hours, string? holidays, TimeZoneInfo timeZone)
        {
            var text = string.IsNullOrWhiteSpace(hours) ? DefaultHours : hours!.Trim();
            var parts = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2) throw Invalid(text);
            var times = parts[1].Split('-');
            if (times.Length != 2 || !TryTime(times[0], out var opens) || !TryTime(times[1], out var closes) || opens >= closes) throw Invalid(text);
            return new BusinessCalendar(timeZone, opens, closes, Days(parts[0], text), Dates(holidays));
        }

        private static IEnumerable<DayOfWeek> Days(string spec, string text)
        {
            var days = new List<DayOfWeek>();
            foreach (var item in spec.Split(','))
            {
                var range = item.Split('-');
                var first = Day(range[0], text);
                var last = range.Length == 2 ? Day(range[1], text) : first;
                if (range.Length > 2) throw Invalid(text);
                for (var d = (int)first; ; d = (d + 1) % 7)
                {
                    days.Add((DayOfWeek)d);
                    if (d == (int)last) break;
                }
            }
            return days;
        }

        private static DayOfWeek Day(string name, string text)
        {
            var index = Array.FindIndex(DayNames, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw Invalid(text);
            return (DayOfWeek)index;
        }

        private static bool TryTime(string text, out TimeSpan time)
        {
            if (text == "24:00")
            {
                time = TimeSpan.FromDays(1);
                return true;
            }
            return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
        }

        private static IEnumerable<DateTime> Dates(string? holidays)
        {
            if (string.IsNullOrWhiteSpace(holidays)) return Enumerable.Empty<DateTime>();
            return holidays!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(item =>
            {
                if (DateTime.TryParseExact(item.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
                throw new BusinessRuleViolation($"The holiday \"{item.Trim()}\" is not a date in the form 2026-12-25; correct the holidays environment variable.");
            }).ToList();
        }

        private static BusinessRuleViolation Invalid(string text) =>
            new BusinessRuleViolation($"The business hours \"{text}\" are not in the form \"Mon-Fri 08:00-18:00\"; correct the business hours environment variable.");
    }
}
