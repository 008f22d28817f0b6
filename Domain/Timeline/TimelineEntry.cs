using System;
using System.Collections.Generic;

namespace PatientJourney.Crm.Domain.Timeline
{
    /// <summary>The kinds of record a patient timeline shows, in the order they sort when they share an instant.</summary>
    public enum TimelineEntryKind
    {
        Journey,
        StageVisit,
        Referral,
        Appointment,
        Touchpoint,
        Survey,
        FollowUp,
    }

    /// <summary>
    /// One record on a patient's timeline: what it is, when it starts, when it ends (or that it is still open), a title,
    /// and a few further values for the timeline control. Instants are UTC.
    /// </summary>
    public sealed class TimelineEntry
    {
        private readonly List<KeyValuePair<string, object?>> details = new List<KeyValuePair<string, object?>>();

        public TimelineEntry(TimelineEntryKind kind, string table, Guid id, DateTime start)
        {
            if (string.IsNullOrEmpty(table)) throw new ArgumentException("A timeline entry needs the table of its record.", nameof(table));
            Kind = kind;
            Table = table;
            Id = id;
            Start = start;
        }

        public TimelineEntryKind Kind { get; }

        /// <summary>The logical name of the record's table, so the control can open the record.</summary>
        public string Table { get; }

        public Guid Id { get; }

        public DateTime Start { get; }

        /// <summary>When the record's span ended; null for an instant or a span still open.</summary>
        public DateTime? End { get; set; }

        /// <summary>Whether the span is still running (an open journey, stage visit or referral).</summary>
        public bool IsOpen { get; set; }

        public string? Title { get; set; }

        /// <summary>The journey the record belongs to, so the control can group entries by journey.</summary>
        public Guid? JourneyId { get; set; }

        /// <summary>Past its due time: a journey or stage visit over its stage's target, a referral past its SLA.</summary>
        public bool Overdue { get; set; }

        /// <summary>Further values by name, in the order added: text, numbers, yes/no, instants, ids or null.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Details => details;

        /// <summary>Adds a further value; returns the entry so calls can be chained.</summary>
        public TimelineEntry With(string name, object? value)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A detail needs a name.", nameof(name));
            details.Add(new KeyValuePair<string, object?>(name, value));
            return this;
        }

        /// <summary>The end of the span for filtering: its end, forever when open, else its start (an instant).</summary>
        internal DateTime SpanEnd => End ?? (IsOpen ? DateTime.MaxValue : Start);
    }
}
