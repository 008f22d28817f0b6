using System;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// BCP-47 language tags as the solution compares them (RFC 5646: a primary language of 2–3 letters, then subtags of
    /// 1–8 letters or digits separated by hyphens; case is not significant).
    /// </summary>
    public static class LanguageTag
    {
        /// <summary>Whether the text is a well-formed tag such as "en", "es-MX" or "zh-Hant-TW".</summary>
        public static bool IsWellFormed(string? tag)
        {
            if (string.IsNullOrWhiteSpace(tag)) return false;
            var parts = tag!.Trim().Split('-');
            if (parts[0].Length < 2 || parts[0].Length > 3 || !parts[0].All(IsAsciiLetter)) return false;
            return parts.Skip(1).All(p => p.Length >= 1 && p.Length <= 8 && p.All(c => IsAsciiLetter(c) || (c >= '0' && c <= '9')));
        }

        /// <summary>
        /// Whether <paramref name="tag"/> is <paramref name="range"/> or a more specific variant of it: "es" covers "es"
        /// and "es-MX", "es-MX" covers only "es-MX" (the basic filtering of RFC 4647 §3.3.1).
        /// </summary>
        public static bool Covers(string range, string? tag)
        {
            if (tag == null) return false;
            var r = range.Trim();
            var t = tag.Trim();
            return string.Equals(r, t, StringComparison.OrdinalIgnoreCase)
                || (t.Length > r.Length && t[r.Length] == '-' && t.StartsWith(r, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>How well content in <paramref name="contentTag"/> serves a reader of <paramref name="readerTag"/>: 2 the same tag, 1 the same primary language, 0 not at all.</summary>
        public static int Closeness(string contentTag, string? readerTag)
        {
            if (readerTag == null) return 0;
            if (string.Equals(contentTag.Trim(), readerTag.Trim(), StringComparison.OrdinalIgnoreCase)) return 2;
            return string.Equals(Primary(contentTag), Primary(readerTag), StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        private static string Primary(string tag)
        {
            var t = tag.Trim();
            var cut = t.IndexOf('-');
            return cut < 0 ? t : t.Substring(0, cut);
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
