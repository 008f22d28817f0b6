using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.Calendar
{
    /// <summary>
    /// Business time: the opening hours of the working days in the organisation's time zone, less holidays.
    /// Referral SLAs and "next business day" follow-ups are counted in it. All instants in and out are UTC (as
    /// Dataverse stores them); opening hours and holidays are local dates and times.
    /// </summary>
    public sealed class BusinessCalendar
    {
        private readonly TimeZoneInfo timeZone;
        private readonly HashSet<DayOfWeek> workingDays;
        private readonly HashSet<DateTime> holidays;

        public BusinessCalendar(TimeZoneInfo timeZone, TimeSpan opensAt, TimeSpan closesAt, IEnumerable<DayOfWeek> workingDays, IEnumerable<DateTime> holidays)
        {
            if (timeZone == null) throw new ArgumentNullException(nameof(timeZone));
            if (opensAt < TimeSpan.Zero || closesAt > TimeSpan.FromDays(1) || opensAt >= closesAt)
                throw new ArgumentException($"Business hours must open before they close within one day (got {opensAt:hh\\:mm}–{closesAt:hh\\:mm}).");
            this.timeZone = timeZone;
            OpensAt = opensAt;
            ClosesAt = closesAt;
            this.workingDays = new HashSet<DayOfWeek>(workingDays ?? throw new ArgumentNullException(nameof(workingDays)));
            if (this.workingDays.Count == 0) throw new ArgumentException("Business hours need at least one working day.");
            this.holidays = new HashSet<DateTime>((holidays ?? throw new ArgumentNullException(nameof(holidays))).Select(d => d.Date));
        }

        public TimeSpan OpensAt { get; }

        public TimeSpan ClosesAt { get; }

        public bool IsBusinessDay(DateTime localDate) => workingDays.Contains(localDate.DayOfWeek) && !holidays.Contains(localDate.Date);

        public bool IsBusinessTime(DateTime utc)
        {
            var local = ToLocal(utc);
            return IsBusinessDay(local) && local.TimeOfDay >= OpensAt && local.TimeOfDay < ClosesAt;
        }

        /// <summary>
        /// The instant that lies <paramref name="duration"/> of business time after <paramref name="startUtc"/>.
        /// Time outside opening hours does not count, so a clock started on a Saturday begins at Monday's opening.
        /// </summary>
        public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration)
        {
            if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "Business time to add cannot be negative.");
            if (duration == TimeSpan.Zero) return startUtc;
            var local = ToLocal(startUtc);
            var remaining = duration;
            while (true)
            {
                local = ClampToOpenTime(local);
                var closing = local.Date + ClosesAt;
                var available = closing - local;
                if (remaining <= available) return ToUtc(local + remaining);
                remaining -= available;
                local = local.Date.AddDays(1) + OpensAt;
            }
        }

        /// <summary>The business time that elapses between two instants (zero when <paramref name="toUtc"/> is not later).</summary>
        public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
        {
            if (toUtc <= fromUtc) return TimeSpan.Zero;
            var end = ToLocal(toUtc);
            var local = ClampToOpenTime(ToLocal(fromUtc));
            var total = TimeSpan.Zero;
            while (local < end)
            {
                var closing = local.Date + ClosesAt;
                total += (end < closing ? end : closing) - local;
                local = ClampToOpenTime(local.Date.AddDays(1) + OpensAt);
            }
            return total;
        }

        /// <summary>Opening time of the first business day after the local day of <paramref name="utc"/>.</summary>
        public DateTime StartOfNextBusinessDay(DateTime utc) => ToUtc(ClampToOpenTime(ToLocal(utc).Date.AddDays(1)));

        // Moves a local time forward to the next moment the organisation is open (unchanged when already open).
        private DateTime ClampToOpenTime(DateTime local)
        {
            while (true)
            {
                if (IsBusinessDay(local))
                {
                    if (local.TimeOfDay < OpensAt) return local.Date + OpensAt;
                    if (local.TimeOfDay < ClosesAt) return local;
                }
                local = local.Date.AddDays(1) + OpensAt;
            }
        }

        private DateTime ToLocal(DateTime utc) =>
            TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone);

        private DateTime ToUtc(DateTime local) =>
            TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), timeZone);
    }
}
