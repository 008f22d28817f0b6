using System;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// The patients a rule is limited to, beyond its pathway, stage and risk band: an age band (whole years at the
    /// event, both ends included) and a language (a BCP-47 range: "es" covers "es-MX"). A patient whose birth date is
    /// not recorded is outside every age band; a patient without a preferred language counts as speaking the
    /// organisation's default language.
    /// </summary>
    public sealed class FollowUpSegment
    {
        public static readonly FollowUpSegment Everyone = new FollowUpSegment(null, null, null);

        public FollowUpSegment(int? minimumAge, int? maximumAge, string? language)
        {
            MinimumAge = minimumAge;
            MaximumAge = maximumAge;
            Language = string.IsNullOrWhiteSpace(language) ? null : language!.Trim();
        }

        public int? MinimumAge { get; }
        public int? MaximumAge { get; }
        public string? Language { get; }

        /// <summary>How many limits the segment sets (a more limited rule overrides a less limited one).</summary>
        public int Limits => (MinimumAge.HasValue ? 1 : 0) + (MaximumAge.HasValue ? 1 : 0) + (Language != null ? 1 : 0);

        /// <summary>The first problem, as a message saying what to fix, or null when the segment is usable.</summary>
        public string? Problem()
        {
            if (MinimumAge < 0 || MaximumAge < 0 || MinimumAge > 130 || MaximumAge > 130)
                return "A follow-up rule's age band must lie between 0 and 130 years; correct the ages.";
            if (MinimumAge.HasValue && MaximumAge.HasValue && MinimumAge.Value > MaximumAge.Value)
                return $"A follow-up rule's age band runs from {MinimumAge} to {MaximumAge} years, so no patient is in it; make the lower age the smaller.";
            if (Language != null && !LanguageTag.IsWellFormed(Language))
                return "A follow-up rule's language must be a BCP-47 code such as \"en\", \"es\" or \"pl-PL\"; correct the language.";
            return null;
        }

        /// <summary>Whether a patient belongs to the segment at the moment of the event.</summary>
        public bool Includes(DateTime? birthDate, string? language, string defaultLanguage, DateTime eventOn)
        {
            if (MinimumAge.HasValue || MaximumAge.HasValue)
            {
                if (!birthDate.HasValue) return false;
                var age = AgeOn(birthDate.Value, eventOn);
                if (age < MinimumAge || age > MaximumAge) return false;
            }
            return Language == null || LanguageTag.Covers(Language, string.IsNullOrWhiteSpace(language) ? defaultLanguage : language);
        }

        /// <summary>Completed years from the birth date to the day of the event (a birthday counts on the day itself).</summary>
        public static int AgeOn(DateTime birthDate, DateTime eventOn)
        {
            var age = eventOn.Year - birthDate.Year;
            if (eventOn.Month < birthDate.Month || (eventOn.Month == birthDate.Month && eventOn.Day < birthDate.Day)) age--;
            return age;
        }
    }
}
