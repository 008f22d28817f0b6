using System;
using System.Globalization;
using PatientJourney.Crm.Domain.Calendar;

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

        /// <param name="setting">Where the text comes from (e.g. an environment variable), named in the error so the reader knows what to correct.</param>
        public static QuietHours Parse(string? text, string? setting = null)
        {
            var spec = string.IsNullOrWhiteSpace(text) ? Default : text!.Trim();
            var parts = spec.Split('-');
            if (parts.Length == 2
                && TimeSpan.TryParseExact(parts[0].Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out var starts)
                && TimeSpan.TryParseExact(parts[1].Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out var ends))
            {
                return new QuietHours(starts, ends);
            }
            throw new BusinessRuleViolation($"The quiet hours \"{spec}\" are not in the form \"21:00-08:00\"" + (setting == null ? "." : $"; correct {setting}."));
        }

        /// <summary>
        /// The instant itself when outside quiet hours, else the end of the quiet period it falls in (the next valid
        /// instant when that end is in the hour skipped as clocks go forward); null when the period ends after the
        /// last date Dataverse stores, so the message can never be sent.
        /// </summary>
        public DateTime? MoveOutOf(DateTime utc, TimeZoneInfo timeZone)
        {
            var local = LocalTime.ToLocal(utc, timeZone);
            var time = local.TimeOfDay;
            DateTime? end;
            if (Starts < Ends)
            {
                if (time < Starts || time >= Ends) return utc;
                end = local.Date + Ends;
            }
            else
            {
                if (time >= Ends && time < Starts) return utc;
                end = time >= Starts ? LocalTime.NextDayAt(local, Ends) : local.Date + Ends;
            }
            if (!end.HasValue) return null;
            var endUtc = LocalTime.ToUtc(end.Value, timeZone);
            return endUtc > LocalTime.EndOfRange ? (DateTime?)null : endUtc;
        }
    }
}
