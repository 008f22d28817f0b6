using System;
using PatientJourney.Crm.Domain.Risk;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// One rule: on a trigger, create a follow-up of a type and kind at an offset from the event, optionally only for
    /// one pathway or stage, only when the event's risk band reaches a minimum, and only for a segment of patients
    /// (age band, language: <see cref="FollowUpSegment"/>). A rule may recur every so many days
    /// (<see cref="RecurrenceDays"/>), and an education rule may name the content it sends.
    /// A rule is identified by its trigger, type and offset; a configured rule with the same identity as a built-in
    /// one overrides it (within the configured rule's pathway/stage scope), for example to change its channel or to
    /// switch it off (inactive); any other configured rule adds to the defaults.
    /// </summary>
    public sealed class FollowUpRule
    {
        public FollowUpRule(FollowUpTrigger trigger, FollowUpType type, FollowUpKind kind, TimeSpan offset, OffsetBasis basis = OffsetBasis.ElapsedTime,
            ContactChannel? channel = null, RiskBand? minimumRiskBand = null, Guid? pathwayId = null, Guid? stageId = null, bool isActive = true, Guid? ruleId = null,
            FollowUpSegment? segment = null, int? recurrenceDays = null, Guid? educationContentId = null)
        {
            if (basis != OffsetBasis.ElapsedTime && offset < TimeSpan.Zero)
                throw new BusinessRuleViolation("A follow-up counted in business days cannot fall before its event; use elapsed time for reminders.");
            Trigger = trigger;
            Type = type;
            Kind = kind;
            Offset = offset;
            Basis = basis;
            Channel = channel;
            MinimumRiskBand = minimumRiskBand;
            PathwayId = pathwayId;
            StageId = stageId;
            IsActive = isActive;
            RuleId = ruleId;
            Segment = segment ?? FollowUpSegment.Everyone;
            RecurrenceDays = recurrenceDays > 0 ? recurrenceDays : null;
            EducationContentId = educationContentId;
        }

        public FollowUpTrigger Trigger { get; }
        public FollowUpType Type { get; }
        public FollowUpKind Kind { get; }
        public TimeSpan Offset { get; }
        public OffsetBasis Basis { get; }
        /// <summary>Messages: the channel to use when the patient allows it; none means the patient's preferred channel.</summary>
        public ContactChannel? Channel { get; }
        public RiskBand? MinimumRiskBand { get; }
        public Guid? PathwayId { get; }
        public Guid? StageId { get; }
        public bool IsActive { get; }
        /// <summary>The configured rule record, or null for a built-in default.</summary>
        public Guid? RuleId { get; }
        public FollowUpSegment Segment { get; }
        /// <summary>Days from one occurrence to the next, or null for a rule that happens once.</summary>
        public int? RecurrenceDays { get; }
        /// <summary>Education rules: the content (and through its topic, its language versions) to send; null means the content for the event's pathway and stage.</summary>
        public Guid? EducationContentId { get; }

        /// <summary>Trigger, type and offset: what a configured rule must match to override a built-in one.</summary>
        public string Identity => $"{Trigger}:{Type}:{(long)Offset.TotalMinutes}";

        /// <summary>How specific the rule's scope is: a stage beats a pathway beats everywhere; within a scope, a rule with more segment limits beats one with fewer.</summary>
        internal int Specificity => (StageId.HasValue ? 2 : PathwayId.HasValue ? 1 : 0) * 4 + Segment.Limits;

        internal bool Applies(FollowUpEvent followUpEvent, ContactPreferences? patient, string defaultLanguage) =>
            Trigger == followUpEvent.Trigger
            && (!PathwayId.HasValue || PathwayId == followUpEvent.PathwayId)
            && (!StageId.HasValue || StageId == followUpEvent.StageId)
            && Segment.Includes(patient?.BirthDate, patient?.Language, defaultLanguage, followUpEvent.AnchorOn);
    }
}
