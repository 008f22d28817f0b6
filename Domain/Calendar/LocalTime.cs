using System;

namespace PatientJourney.Crm.Domain.Calendar
{
    /// <summary>Conversions between UTC and an organisation's local time that hold at the edges: clock changes and the end of Dataverse's date range.</summary>
    public static class LocalTime
    {
        /// <summary>The last instant Dataverse stores (its date and time columns end on 31 December 9999).</summary>
        public static readonly DateTime EndOfRange = new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);

        /// <summary>
        /// The UTC instant of a local time. A local time in the hour skipped when clocks go forward (which does not
        /// exist) becomes the next valid instant: the moment the clocks jump to.
        /// </summary>
        public static DateTime ToUtc(DateTime local, TimeZoneInfo timeZone)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (timeZone.IsInvalidTime(unspecified))
            {
                // Gaps are whole minutes (at most a few hours), so stepping minute by minute reaches the first valid one.
                unspecified = unspecified.AddTicks(-(unspecified.Ticks % TimeSpan.TicksPerMinute));
                while (timeZone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(1);
            }
            try
            {
                return TimeZoneInfo.ConvertTimeToUtc(unspecified, timeZone);
            }
            catch (ArgumentException)
            {
                throw new BusinessRuleViolation(BeyondRange);
            }
        }

        /// <summary>What a user is told when a date would fall outside the range.</summary>
        public const string BeyondRange = "The date falls after 31 December 9999, the last date Dataverse stores; choose an earlier date.";

        public static DateTime ToLocal(DateTime utc, TimeZoneInfo timeZone) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);

        /// <summary>The next local day at a time of day, or null when that lies beyond the end of the date range.</summary>
        public static DateTime? NextDayAt(DateTime local, TimeSpan timeOfDay) =>
            local.Date >= DateTime.MaxValue.Date ? (DateTime?)null : local.Date.AddDays(1) + timeOfDay;

        /// <summary>An instant plus an offset, or null when the result falls outside the date range.</summary>
        public static DateTime? Add(DateTime utc, TimeSpan offset)
        {
            var ticks = utc.Ticks + offset.Ticks;
            if (offset > TimeSpan.Zero ? ticks > EndOfRange.Ticks || ticks < utc.Ticks : ticks < DateTime.MinValue.Ticks) return null;
            return new DateTime(ticks, utc.Kind);
        }
    }
}
