using System;
using System.Globalization;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// A daily period in which no automated message is sent, such as "21:00-08:00" (it may cross midnight), in the
    /// organisation's time zone. A message due inside it waits until the period ends.
    /// </summary>
    public sealed class QuietHours
    {
        public const string Default = "21:00-08:00";

        public QuietHours(TimeSpan starts, TimeSpan ends)
        {
            if (starts < TimeSpan.Zero || starts >= TimeSpan.FromDays(1) || ends < TimeSpan.Zero || ends >= TimeSpan.FromDays(1) || starts == ends)
                throw new BusinessRuleViolation("Quiet hours need a start and an end between 00:00 and 23:59 that differ.");
            Starts = starts;
            Ends = ends;
        }

        public TimeSpan Starts { get; }

        public TimeSpan Ends { get; }

        public static QuietHours Parse(string? text)
        {
            var spec = string.IsNullOrWhiteSpace(text) ? Default : text!.Trim();
            var parts = spec.Split('-');
            if (parts.Length == 2
                && TimeSpan.TryParseExact(parts[0].Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out var starts)
                && TimeSpan.TryParseExact(parts[1].Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out var ends))
            {
                return new QuietHours(starts, ends);
            }
            throw new BusinessRuleViolation($"The quiet hours \"{spec}\" are not in the form \"21:00-08:00\".");
        }

        /// <summary>The instant itself when outside quiet hours, else the end of the quiet period it falls in.</summary>
        public DateTime MoveOutOf(DateTime utc, TimeZoneInfo timeZone)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);
            var time = local.TimeOfDay;
            DateTime end;
            if (Starts < Ends)
            {
                if (time < Starts || time >= Ends) return utc;
                end = local.Date + Ends;
            }
            else
            {
                if (time >= Ends && time < Starts) return utc;
                end = time >= Starts ? local.Date.AddDays(1) + Ends : local.Date + Ends;
            }
            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(end, DateTimeKind.Unspecified), timeZone);
        }
    }
}
