using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// The education content education rules may choose from, read in one query as SYSTEM (it is configuration) and
    /// only when an education rule is in force for the triggers at hand: the active rows for the events' pathways or
    /// for every pathway, and the rows rules name (for their topic).
    /// </summary>
    internal static class EducationContentReader
    {
        public static EducationLibrary? Load(LocalPluginContext context, FollowUpPlanner planner, IReadOnlyList<FollowUpRule> configuredRules,
            IEnumerable<FollowUpEvent> events)
        {
            var eventList = events.ToList();
            var triggers = new HashSet<FollowUpTrigger>(eventList.Select(e => e.Trigger));
            var educationRules = planner.Defaults.Concat(configuredRules)
                .Where(r => r.IsActive && r.Type == FollowUpType.Education && triggers.Contains(r.Trigger)).ToList();
            if (educationRules.Count == 0) return null;

            var query = new QueryExpression(EducationContentTable.LogicalName)
            {
                ColumnSet = new ColumnSet(EducationContentTable.Name, EducationContentTable.Topic, EducationContentTable.Language,
                    EducationContentTable.PathwayId, EducationContentTable.StageId, EducationContentTable.IsActive),
            };
            query.Criteria.AddCondition(EducationContentTable.Statecode, ConditionOperator.Equal, EducationContentTable.StatecodeOptions.Active);
            var scope = new FilterExpression(LogicalOperator.Or);
            scope.AddCondition(EducationContentTable.PathwayId, ConditionOperator.Null);
            var pathways = eventList.Where(e => e.PathwayId.HasValue).Select(e => (object)e.PathwayId!.Value).Distinct().ToArray();
            if (pathways.Length > 0) scope.AddCondition(EducationContentTable.PathwayId, ConditionOperator.In, pathways);
            var named = educationRules.Where(r => r.EducationContentId.HasValue).Select(r => (object)r.EducationContentId!.Value).Distinct().ToArray();
            if (named.Length > 0) scope.AddCondition(EducationContentTable.PrimaryId, ConditionOperator.In, named);
            query.Criteria.AddFilter(scope);
            return new EducationLibrary(context.SystemService.RetrieveMultiple(query).Entities.Select(ToContent));
        }

        private static EducationContent ToContent(Entity row) => new EducationContent(
            row.Id,
            row.Get<string>(EducationContentTable.Name) ?? string.Empty,
            row.Get<string>(EducationContentTable.Language) ?? string.Empty,
            row.Get<EntityReference>(EducationContentTable.PathwayId)?.Id,
            row.Get<EntityReference>(EducationContentTable.StageId)?.Id,
            row.Get<string>(EducationContentTable.Topic),
            row.Get<bool?>(EducationContentTable.IsActive) ?? true);
    }
}
