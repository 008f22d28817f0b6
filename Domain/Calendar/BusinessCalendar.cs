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
        public DateTime AddBusinessTime(DateTime startUtc, TimeSpan duration) =>
            TryAddBusinessTime(startUtc, duration) ?? throw new BusinessRuleViolation(LocalTime.BeyondRange);

        /// <summary>As <see cref="AddBusinessTime"/>, or null when the result lies beyond the end of Dataverse's date range.</summary>
        public DateTime? TryAddBusinessTime(DateTime startUtc, TimeSpan duration)
        {
            if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "Business time to add cannot be negative.");
            if (duration == TimeSpan.Zero) return startUtc;
            DateTime? local = ToLocal(startUtc);
            var remaining = duration;
            while (true)
            {
                local = ClampToOpenTime(local!.Value);
                if (!local.HasValue) return null;
                var closing = local.Value.Date + ClosesAt;
                var available = closing - local.Value;
                if (remaining <= available) return ToUtc(local.Value + remaining);
                remaining -= available;
                local = LocalTime.NextDayAt(local.Value, OpensAt);
                if (!local.HasValue) return null;
            }
        }

        /// <summary>The business time that elapses between two instants (zero when <paramref name="toUtc"/> is not later).</summary>
        public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
        {
            if (toUtc <= fromUtc) return TimeSpan.Zero;
            var end = ToLocal(toUtc);
            var local = ClampToOpenTime(ToLocal(fromUtc));
            var total = TimeSpan.Zero;
            while (local.HasValue && local.Value < end)
            {
                var closing = local.Value.Date + ClosesAt;
                total += (end < closing ? end : closing) - local.Value;
                var next = LocalTime.NextDayAt(local.Value, OpensAt);
                local = next.HasValue ? ClampToOpenTime(next.Value) : null;
            }
            return total;
        }

        /// <summary>Opening time of the first business day after the local day of <paramref name="utc"/>.</summary>
        public DateTime StartOfNextBusinessDay(DateTime utc) => TryStartOfNextBusinessDay(utc) ?? throw new BusinessRuleViolation(LocalTime.BeyondRange);

        /// <summary>As <see cref="StartOfNextBusinessDay"/>, or null when that lies beyond the end of Dataverse's date range.</summary>
        public DateTime? TryStartOfNextBusinessDay(DateTime utc)
        {
            var next = LocalTime.NextDayAt(ToLocal(utc), TimeSpan.Zero);
            var open = next.HasValue ? ClampToOpenTime(next.Value) : null;
            return open.HasValue ? ToUtc(open.Value) : (DateTime?)null;
        }

        /// <summary>
        /// The instant itself when the organisation is open, else its next opening (null past the end of the date
        /// range): when a staff task that follows an event can be worked.
        /// </summary>
        public DateTime? NextBusinessTime(DateTime utc)
        {
            var open = ClampToOpenTime(ToLocal(utc));
            return open.HasValue ? ToUtc(open.Value) : (DateTime?)null;
        }

        /// <summary>
        /// The instant itself when the organisation is open, else the close of the last business day before it: when
        /// a staff task that must happen before an event (a call before an appointment) can be worked in time.
        /// </summary>
        public DateTime LastBusinessTimeBefore(DateTime utc)
        {
            var local = ToLocal(utc);
            if (IsBusinessDay(local) && local.TimeOfDay >= OpensAt && local.TimeOfDay < ClosesAt) return utc;
            var day = IsBusinessDay(local) && local.TimeOfDay >= ClosesAt ? local.Date : local.Date.AddDays(-1);
            // Working days exist (checked in the constructor), so a business day lies within the holidays plus a week.
            while (!IsBusinessDay(day)) day = day.AddDays(-1);
            return ToUtc(day + ClosesAt);
        }

        // Moves a local time forward to the next moment the organisation is open (unchanged when already open); null past the end of the range.
        private DateTime? ClampToOpenTime(DateTime local)
        {
            DateTime? day = local;
            while (day.HasValue)
            {
                var current = day.Value;
                if (IsBusinessDay(current))
                {
                    if (current.TimeOfDay < OpensAt) return current.Date + OpensAt;
                    if (current.TimeOfDay < ClosesAt) return current;
                }
                day = LocalTime.NextDayAt(current, OpensAt);
            }
            return null;
        }

        private DateTime ToLocal(DateTime utc) => LocalTime.ToLocal(utc, timeZone);

        private DateTime ToUtc(DateTime local) => LocalTime.ToUtc(local, timeZone);
    }
}
