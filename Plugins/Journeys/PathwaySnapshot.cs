using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Plugins.Journeys
{
    /// <summary>
    /// A care pathway as one journey step needs it, read in a single query: the pathway's active stages and
    /// transitions, and optionally another open journey of the same patient on the pathway (one per patient and
    /// pathway) and the journey's open stage visit.
    /// </summary>
    internal sealed class PathwaySnapshot
    {
        private const string TransitionAlias = "transition";
        private const string SiblingAlias = "sibling";
        private const string VisitAlias = "visit";

        private PathwaySnapshot(CarePathway pathway, Guid? otherOpenJourneyId, Guid? openVisitId)
        {
            Pathway = pathway;
            OtherOpenJourneyId = otherOpenJourneyId;
            OpenVisitId = openVisitId;
        }

        public CarePathway Pathway { get; }

        /// <summary>Another active or on-hold journey of the patient on this pathway, if any.</summary>
        public Guid? OtherOpenJourneyId { get; }

        /// <summary>The journey's stage visit that has not been exited, if any.</summary>
        public Guid? OpenVisitId { get; }

        /// <param name="patientId">When given, look for another open journey of this patient on the pathway.</param>
        /// <param name="journeyId">The journey itself (excluded from the sibling check; its open visit is looked up).</param>
        public static PathwaySnapshot Load(IOrganizationService service, Guid pathwayId, Guid? patientId, Guid? journeyId)
        {
            var query = new QueryExpression(PathwayStageTable.LogicalName)
            {
                ColumnSet = new ColumnSet(PathwayStageTable.Name, PathwayStageTable.Sequence, PathwayStageTable.TargetDurationHours, PathwayStageTable.IsTerminal),
            };
            query.Criteria.AddCondition(PathwayStageTable.PathwayId, ConditionOperator.Equal, pathwayId);
            query.Criteria.AddCondition(PathwayStageTable.Statecode, ConditionOperator.Equal, PathwayStageTable.StatecodeOptions.Active);

            var transitions = query.AddLink(PathwayTransitionTable.LogicalName, PathwayStageTable.PrimaryId, PathwayTransitionTable.FromStageId, JoinOperator.LeftOuter);
            transitions.EntityAlias = TransitionAlias;
            transitions.Columns = new ColumnSet(PathwayTransitionTable.ToStageId, PathwayTransitionTable.ReasonRequired);
            transitions.LinkCriteria.AddCondition(PathwayTransitionTable.Statecode, ConditionOperator.Equal, PathwayTransitionTable.StatecodeOptions.Active);

            if (patientId.HasValue)
            {
                var siblings = query.AddLink(JourneyTable.LogicalName, PathwayStageTable.PathwayId, JourneyTable.PathwayId, JoinOperator.LeftOuter);
                siblings.EntityAlias = SiblingAlias;
                siblings.Columns = new ColumnSet(JourneyTable.PrimaryId);
                siblings.LinkCriteria.AddCondition(JourneyTable.PatientId, ConditionOperator.Equal, patientId.Value);
                siblings.LinkCriteria.AddCondition(JourneyTable.Status, ConditionOperator.In, JourneyTable.StatusOptions.Active, JourneyTable.StatusOptions.OnHold);
                if (journeyId.HasValue) siblings.LinkCriteria.AddCondition(JourneyTable.PrimaryId, ConditionOperator.NotEqual, journeyId.Value);
            }

            if (journeyId.HasValue)
            {
                var visits = query.AddLink(JourneyStageHistoryTable.LogicalName, PathwayStageTable.PrimaryId, JourneyStageHistoryTable.StageId, JoinOperator.LeftOuter);
                visits.EntityAlias = VisitAlias;
                visits.Columns = new ColumnSet(JourneyStageHistoryTable.PrimaryId);
                visits.LinkCriteria.AddCondition(JourneyStageHistoryTable.JourneyId, ConditionOperator.Equal, journeyId.Value);
                visits.LinkCriteria.AddCondition(JourneyStageHistoryTable.ExitedOn, ConditionOperator.Null);
            }

            var rows = service.RetrieveMultiple(query).Entities;
            var stages = rows.GroupBy(r => r.Id).Select(g => g.First()).Select(r => new PathwayStage(
                r.Id,
                r.Get<string>(PathwayStageTable.Name) ?? string.Empty,
                r.Get<int>(PathwayStageTable.Sequence),
                r.Contains(PathwayStageTable.TargetDurationHours) ? TimeSpan.FromHours(r.Get<int>(PathwayStageTable.TargetDurationHours)) : (TimeSpan?)null,
                r.Get<bool>(PathwayStageTable.IsTerminal)));
            var allowed = rows
                .Where(r => Aliased<EntityReference>(r, TransitionAlias, PathwayTransitionTable.ToStageId) != null)
                .Select(r => new PathwayTransition(r.Id, Aliased<EntityReference>(r, TransitionAlias, PathwayTransitionTable.ToStageId)!.Id, Aliased<bool?>(r, TransitionAlias, PathwayTransitionTable.ReasonRequired) ?? false))
                .GroupBy(t => new { t.FromStageId, t.ToStageId })
                .Select(g => g.First());

            return new PathwaySnapshot(
                new CarePathway(stages, allowed),
                rows.Select(r => Aliased<Guid?>(r, SiblingAlias, JourneyTable.PrimaryId)).FirstOrDefault(id => id.HasValue),
                rows.Select(r => Aliased<Guid?>(r, VisitAlias, JourneyStageHistoryTable.PrimaryId)).FirstOrDefault(id => id.HasValue));
        }

        private static T? Aliased<T>(Entity row, string alias, string column)
        {
            var key = alias + "." + column;
            return row.Contains(key) && row[key] is AliasedValue aliased && aliased.Value is T value ? value : default;
        }
    }
}
