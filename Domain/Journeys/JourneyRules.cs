using System;
using System.Linq;

namespace PatientJourney.Crm.Domain.Journeys
{
    /// <summary>Entering a stage: when, and when the patient is due to leave it.</summary>
    public sealed class StageEntry
    {
        public StageEntry(PathwayStage stage, DateTime enteredOn)
        {
            Stage = stage;
            EnteredOn = enteredOn;
            DueBy = stage.TargetDuration.HasValue ? enteredOn + stage.TargetDuration.Value : (DateTime?)null;
        }

        public PathwayStage Stage { get; }

        public DateTime EnteredOn { get; }

        public DateTime? DueBy { get; }
    }

    /// <summary>Leaving a stage: how long the visit lasted and whether it overran its due date.</summary>
    public sealed class StageExit
    {
        public StageExit(DateTime enteredOn, DateTime? dueBy, DateTime exitedOn)
        {
            ExitedOn = exitedOn;
            Duration = exitedOn - enteredOn;
            WasOverdue = dueBy.HasValue && exitedOn > dueBy.Value;
        }

        public DateTime ExitedOn { get; }

        public TimeSpan Duration { get; }

        public bool WasOverdue { get; }
    }

    /// <summary>The outcome of a stage change: the visit that closes, the one that opens, and the journey's status after.</summary>
    public sealed class StageChange
    {
        public StageChange(StageExit exit, StageEntry entry, JourneyStatus status)
        {
            Exit = exit;
            Entry = entry;
            Status = status;
        }

        public StageExit Exit { get; }

        public StageEntry Entry { get; }

        public JourneyStatus Status { get; }
    }

    /// <summary>The rules of a patient's journey through a care pathway.</summary>
    public static class JourneyRules
    {
        /// <summary>
        /// Where a new journey starts: the requested stage when it belongs to the pathway, otherwise the pathway's first
        /// stage. The journey is completed at once if that stage is terminal.
        /// </summary>
        public static StageEntry Start(CarePathway pathway, Guid? startStageId, DateTime now) =>
            new StageEntry(startStageId.HasValue ? pathway.Stage(startStageId.Value) : pathway.FirstStage, now);

        public static JourneyStatus StatusAfterEntering(StageEntry entry) => entry.Stage.IsTerminal ? JourneyStatus.Completed : JourneyStatus.Active;

        /// <summary>
        /// A journey is one patient on one pathway: the patient is required and neither changes, since a change would
        /// move the journey's history to someone else and get round "one open journey per pathway". A journey saved
        /// without a patient before this rule may be given one.
        /// </summary>
        public static void EnsureIdentityKept(Guid? patientBefore, Guid? patientAfter, Guid? pathwayBefore, Guid? pathwayAfter)
        {
            if (!patientAfter.HasValue || (patientBefore.HasValue && patientBefore != patientAfter))
                throw new BusinessRuleViolation("A journey's patient is required and cannot change; to follow another patient, close this journey and start one for them.");
            if (pathwayBefore != pathwayAfter)
                throw new BusinessRuleViolation("A journey's care pathway cannot change; close this journey and start one on the other pathway.");
        }

        /// <summary>Moves an open journey to another stage of its pathway along an allowed transition.</summary>
        public static StageChange ChangeStage(CarePathway pathway, JourneyStatus status, Guid currentStageId, DateTime currentEnteredOn, DateTime? currentDueBy, Guid targetStageId, string? reason, DateTime now)
        {
            if (status != JourneyStatus.Active && status != JourneyStatus.OnHold)
                throw new BusinessRuleViolation($"The journey is {status}; reactivate it before changing its stage.");
            var from = pathway.Stage(currentStageId);
            var to = pathway.Stage(targetStageId);
            if (from.Id == to.Id) throw new BusinessRuleViolation($"The journey is already in stage {to.Name}.");
            var transition = pathway.TransitionBetween(from, to)
                ?? throw new BusinessRuleViolation($"The pathway does not allow a move from {from.Name} to {to.Name}. Allowed next stages: {AllowedNext(pathway, from)}.");
            if (transition.ReasonRequired && string.IsNullOrWhiteSpace(reason))
                throw new BusinessRuleViolation($"Moving from {from.Name} to {to.Name} needs a reason.");
            var entry = new StageEntry(to, now);
            return new StageChange(new StageExit(currentEnteredOn, currentDueBy, now), entry, to.IsTerminal ? JourneyStatus.Completed : status);
        }

        /// <summary>
        /// Checks a status change made directly (not by a stage change). Completion comes from entering a terminal
        /// stage; completed and cancelled journeys are closed for good; a dropped journey may be reactivated.
        /// </summary>
        public static void EnsureStatusChange(JourneyStatus from, JourneyStatus to)
        {
            if (from == to) return;
            var allowed = from switch
            {
                JourneyStatus.Active => to == JourneyStatus.OnHold || to == JourneyStatus.Dropped || to == JourneyStatus.Cancelled,
                JourneyStatus.OnHold => to == JourneyStatus.Active || to == JourneyStatus.Dropped || to == JourneyStatus.Cancelled,
                JourneyStatus.Dropped => to == JourneyStatus.Active,
                _ => false,
            };
            if (allowed) return;
            if (to == JourneyStatus.Completed)
                throw new BusinessRuleViolation("A journey completes when it enters a final stage of its pathway; move it to that stage instead.");
            throw new BusinessRuleViolation($"A journey cannot change from {from} to {to}.");
        }

        /// <summary>Reactivating a dropped journey opens a new visit of its current stage.</summary>
        public static bool ReopensCurrentStage(JourneyStatus from, JourneyStatus to) => from == JourneyStatus.Dropped && to == JourneyStatus.Active;

        public static bool IsOpen(JourneyStatus status) => status == JourneyStatus.Active || status == JourneyStatus.OnHold;

        private static string AllowedNext(CarePathway pathway, PathwayStage from)
        {
            var names = pathway.Stages.Where(s => pathway.TransitionBetween(from, s) != null).Select(s => s.Name).ToList();
            return names.Count == 0 ? "none" : string.Join(", ", names);
        }
    }
}
