using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PatientJourney.Crm.Domain.Timeline
{
    /// <summary>
    /// A patient's timeline: entries of every kind in time order, limited to a window, written as JSON for a timeline
    /// control.
    /// </summary>
    /// <remarks>
    /// The JSON is an array of objects, one per entry, in time order (start, then kind in the order of
    /// <see cref="TimelineEntryKind"/>, then title, then id, so the order never depends on random ids when titles differ):
    /// <code>
    /// { "kind": "journey" | "stageVisit" | "referral" | "appointment" | "touchpoint" | "survey" | "followUp",
    ///   "table": "pj_journey", "id": "guid", "start": "2026-11-26T09:00:00Z", "end": "…Z" | null,
    ///   "open": bool, "title": string | null, "journeyId": "guid" | null, "overdue": bool,
    ///   …details: further name/value pairs of the entry's kind }
    /// </code>
    /// Instants are UTC in ISO 8601 to the second; ids are lower-case GUIDs with hyphens; whole numbers are JSON
    /// numbers; text is escaped so that the JSON is safe to place in HTML as well.
    /// </remarks>
    public static class PatientTimeline
    {
        /// <summary>
        /// The entries whose span touches the window [<paramref name="from"/>, <paramref name="to"/>] (either end may be
        /// open), in time order. An open span runs on to the present; an instant is a span of no length.
        /// </summary>
        public static IReadOnlyList<TimelineEntry> Arrange(IEnumerable<TimelineEntry> entries, DateTime? from, DateTime? to)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            CheckWindow(from, to);
            return entries
                .Where(e => (!from.HasValue || e.SpanEnd >= from.Value) && (!to.HasValue || e.Start <= to.Value))
                .OrderBy(e => e.Start)
                .ThenBy(e => e.Kind)
                .ThenBy(e => e.Title, StringComparer.Ordinal)
                .ThenBy(e => e.Id)
                .ToList();
        }

        /// <summary>Refuses a window whose start lies after its end.</summary>
        public static void CheckWindow(DateTime? from, DateTime? to)
        {
            if (from.HasValue && to.HasValue && from.Value > to.Value)
                throw new BusinessRuleViolation("The timeline's From must not be later than its To; swap them or leave one out.");
        }

        /// <summary>The entries as a JSON array, in the order given (see the class remarks for the shape).</summary>
        public static string ToJson(IEnumerable<TimelineEntry> entries)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            var json = new StringBuilder();
            json.Append('[');
            var first = true;
            foreach (var entry in entries)
            {
                if (!first) json.Append(',');
                first = false;
                WriteEntry(json, entry);
            }
            return json.Append(']').ToString();
        }

        private static void WriteEntry(StringBuilder json, TimelineEntry entry)
        {
            json.Append('{');
            Property(json, "kind", KindName(entry.Kind), first: true);
            Property(json, "table", entry.Table);
            Property(json, "id", entry.Id);
            Property(json, "start", entry.Start);
            Property(json, "end", entry.End);
            Property(json, "open", entry.IsOpen);
            Property(json, "title", entry.Title);
            Property(json, "journeyId", entry.JourneyId);
            Property(json, "overdue", entry.Overdue);
            foreach (var detail in entry.Details) Property(json, detail.Key, detail.Value);
            json.Append('}');
        }

        private static string KindName(TimelineEntryKind kind)
        {
            switch (kind)
            {
                case TimelineEntryKind.Journey: return "journey";
                case TimelineEntryKind.StageVisit: return "stageVisit";
                case TimelineEntryKind.Referral: return "referral";
                case TimelineEntryKind.Appointment: return "appointment";
                case TimelineEntryKind.Touchpoint: return "touchpoint";
                case TimelineEntryKind.Survey: return "survey";
                case TimelineEntryKind.FollowUp: return "followUp";
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown timeline entry kind.");
            }
        }

        private static void Property(StringBuilder json, string name, object? value, bool first = false)
        {
            if (!first) json.Append(',');
            JsonText.WriteString(json, name);
            json.Append(':');
            JsonText.WriteValue(json, value);
        }
    }

    /// <summary>The JSON text of single values (RFC 8259), with the escaping a browser needs as well.</summary>
    public static class JsonText
    {
        /// <summary>Writes text, a whole or decimal number, yes/no, an instant (UTC, ISO 8601), a GUID or null.</summary>
        public static void WriteValue(StringBuilder json, object? value)
        {
            switch (value)
            {
                case null: json.Append("null"); break;
                case string text: WriteString(json, text); break;
                case bool flag: json.Append(flag ? "true" : "false"); break;
                case int number: json.Append(number.ToString(CultureInfo.InvariantCulture)); break;
                case long number: json.Append(number.ToString(CultureInfo.InvariantCulture)); break;
                case decimal number: json.Append(number.ToString(CultureInfo.InvariantCulture)); break;
                case double number:
                    if (double.IsNaN(number) || double.IsInfinity(number)) json.Append("null");
                    else json.Append(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case DateTime instant: WriteString(json, FormatInstant(instant)); break;
                case Guid id: WriteString(json, id.ToString("D")); break;
                default: throw new ArgumentException($"A timeline value of type {value.GetType().Name} cannot be written as JSON.", nameof(value));
            }
        }

        /// <summary>An instant in UTC as ISO 8601 to the second; an instant of unspecified kind is taken as UTC (as Dataverse stores it).</summary>
        public static string FormatInstant(DateTime instant)
        {
            var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Writes a JSON string: quote, backslash and control characters escaped; &lt;, &gt;, &amp;, ' and the line
        /// separators U+2028/U+2029 escaped too so the text is safe inside HTML and JavaScript; an unpaired surrogate
        /// escaped so the text stays valid once encoded as UTF-8.
        /// </summary>
        public static void WriteString(StringBuilder json, string text)
        {
            json.Append('"');
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    case '\b': json.Append("\\b"); break;
                    case '\f': json.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '\u2028' || c == '\u2029') Escape(json, c);
                        else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            json.Append(c).Append(text[i + 1]);
                            i++;
                        }
                        else if (char.IsSurrogate(c)) Escape(json, c);
                        else json.Append(c);
                        break;
                }
            }
            json.Append('"');
        }

        private static void Escape(StringBuilder json, char c) => json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
