using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>One piece of instructions or education in one language, for a pathway and stage (none means every one).</summary>
    public sealed class EducationContent
    {
        public EducationContent(Guid id, string title, string language, Guid? pathwayId = null, Guid? stageId = null, string? topic = null, bool isActive = true)
        {
            Id = id;
            Title = title ?? string.Empty;
            Language = language ?? string.Empty;
            PathwayId = pathwayId;
            StageId = stageId;
            Topic = string.IsNullOrWhiteSpace(topic) ? null : topic!.Trim();
            IsActive = isActive;
        }

        public Guid Id { get; }
        public string Title { get; }
        public string Language { get; }
        public Guid? PathwayId { get; }
        public Guid? StageId { get; }
        /// <summary>What the language versions of one piece share.</summary>
        public string? Topic { get; }
        public bool IsActive { get; }

        internal bool AppliesTo(Guid? pathwayId, Guid? stageId) =>
            (!PathwayId.HasValue || PathwayId == pathwayId) && (!StageId.HasValue || StageId == stageId);

        internal int Specificity => StageId.HasValue ? 2 : PathwayId.HasValue ? 1 : 0;
    }

    /// <summary>
    /// The education content an education follow-up sends. A rule that names content gets a version of that content's
    /// topic (the named row itself when it has no topic); a rule that names none gets the content for the event's
    /// pathway and stage. Among active candidates that apply to the event's pathway and stage, the choice goes, in
    /// order: to the patient's language (the same tag before the same primary language: es-MX, then es), then to the
    /// organisation's default language, then to any language; then to the content most specific to the event
    /// (a stage before a pathway before everywhere); then by title, so the choice is the same on every run.
    /// </summary>
    public sealed class EducationLibrary
    {
        public static readonly EducationLibrary Empty = new EducationLibrary(Array.Empty<EducationContent>());

        private readonly IReadOnlyList<EducationContent> contents;

        public EducationLibrary(IEnumerable<EducationContent> contents)
        {
            this.contents = (contents ?? throw new ArgumentNullException(nameof(contents))).ToList();
        }

        /// <summary>The content to send, or null when none fits (the follow-up is then not planned: there is nothing to send).</summary>
        public EducationContent? Choose(Guid? namedContentId, Guid? pathwayId, Guid? stageId, string? patientLanguage, string defaultLanguage)
        {
            IEnumerable<EducationContent> candidates = contents.Where(c => c.IsActive && c.AppliesTo(pathwayId, stageId));
            if (namedContentId.HasValue)
            {
                var named = contents.FirstOrDefault(c => c.Id == namedContentId.Value);
                if (named == null) return null;
                candidates = named.Topic == null
                    ? candidates.Where(c => c.Id == named.Id)
                    : candidates.Where(c => string.Equals(c.Topic, named.Topic, StringComparison.OrdinalIgnoreCase));
            }
            return candidates
                .OrderByDescending(c => LanguageTag.Closeness(c.Language, patientLanguage))
                .ThenByDescending(c => LanguageTag.Closeness(c.Language, defaultLanguage))
                .ThenByDescending(c => c.Specificity)
                .ThenBy(c => c.Title, StringComparer.Ordinal)
                .ThenBy(c => c.Id)
                .FirstOrDefault();
        }
    }
}
