using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.Journeys
{
    /// <summary>A stage of a care pathway, as configured.</summary>
    public sealed class PathwayStage
    {
        public PathwayStage(Guid id, string name, int sequence, TimeSpan? targetDuration, bool isTerminal)
        {
            Id = id;
            Name = name;
            Sequence = sequence;
            TargetDuration = targetDuration;
            IsTerminal = isTerminal;
        }

        public Guid Id { get; }

        /// <summary>Configuration text (e.g. "Pre-op assessment"), never patient data, so it may appear in messages.</summary>
        public string Name { get; }

        public int Sequence { get; }

        /// <summary>How long a patient is expected to stay in the stage; none means no due date.</summary>
        public TimeSpan? TargetDuration { get; }

        /// <summary>Entering a terminal stage completes the journey.</summary>
        public bool IsTerminal { get; }
    }

    /// <summary>An allowed move between two stages of a pathway.</summary>
    public sealed class PathwayTransition
    {
        public PathwayTransition(Guid fromStageId, Guid toStageId, bool reasonRequired)
        {
            FromStageId = fromStageId;
            ToStageId = toStageId;
            ReasonRequired = reasonRequired;
        }

        public Guid FromStageId { get; }

        public Guid ToStageId { get; }

        public bool ReasonRequired { get; }
    }

    /// <summary>
    /// A care pathway's stages and transitions. When the pathway defines no transitions at all, a journey moves to the
    /// next stage by sequence only.
    /// </summary>
    public sealed class CarePathway
    {
        public CarePathway(IEnumerable<PathwayStage> stages, IEnumerable<PathwayTransition> transitions)
        {
            Stages = stages.OrderBy(s => s.Sequence).ToList();
            Transitions = transitions.ToList();
            if (Stages.Count == 0) throw new BusinessRuleViolation("The care pathway has no stages; add its stages before starting journeys on it.");
        }

        public IReadOnlyList<PathwayStage> Stages { get; }

        public IReadOnlyList<PathwayTransition> Transitions { get; }

        public PathwayStage FirstStage => Stages[0];

        public PathwayStage Stage(Guid stageId) =>
            Stages.FirstOrDefault(s => s.Id == stageId)
            ?? throw new BusinessRuleViolation("The stage does not belong to the journey's care pathway; choose one of the pathway's stages.");

        /// <summary>The transition that allows the move, or null when the move is not allowed.</summary>
        public PathwayTransition? TransitionBetween(PathwayStage from, PathwayStage to)
        {
            if (Transitions.Count > 0) return Transitions.FirstOrDefault(t => t.FromStageId == from.Id && t.ToStageId == to.Id);
            var next = Stages.FirstOrDefault(s => s.Sequence > from.Sequence);
            return next != null && next.Id == to.Id ? new PathwayTransition(from.Id, to.Id, reasonRequired: false) : null;
        }
    }
}
