using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Touchpoints
{
    /// <summary>
    /// A touchpoint is deleted, moved to another journey or re-dated: the journeys it left and joined get their
    /// touchpoint count and last-touchpoint time recounted from their touchpoints (one aggregate query, one query for
    /// the journeys, one Update per journey whose figures change), so the counts stay true. A journey being deleted
    /// (which cascades to its touchpoints) is not written. The figures are derived, so they are counted and written as
    /// SYSTEM, as <see cref="TouchpointsRecorded"/> writes them: the count covers every touchpoint of the journey, not
    /// only those the caller may read, and moving a touchpoint needs no Write on the journeys it touches.
    /// </summary>
    [PluginStep("Update", TouchpointTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        FilteringAttributes = TouchpointTable.JourneyId + "," + TouchpointTable.OccurredOn,
        PreImageAlias = Before, PreImageAttributes = TouchpointTable.JourneyId, PostImageAlias = After, PostImageAttributes = TouchpointTable.JourneyId)]
    [PluginStep("Delete", TouchpointTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        PreImageAlias = Before, PreImageAttributes = TouchpointTable.JourneyId)]
    public sealed class TouchpointsRecounted : PluginBase
    {
        private const string Before = "before";
        private const string After = "after";

        protected override void Execute(LocalPluginContext context)
        {
            var journeys = new[] { context.PreImage(Before), context.PostImage(After) }
                .Select(row => row?.Get<EntityReference>(TouchpointTable.JourneyId)?.Id)
                .Where(id => id.HasValue).Select(id => id!.Value).Distinct().ToList();
            if (journeys.Count == 0) return;

            var counted = Recount(context.SystemService, journeys);
            var query = new QueryExpression(JourneyTable.LogicalName) { ColumnSet = new ColumnSet(JourneyTable.TouchpointCount, JourneyTable.LastTouchpointOn) };
            query.Criteria.AddCondition(JourneyTable.PrimaryId, ConditionOperator.In, journeys.Cast<object>().ToArray());
            var updated = 0;
            foreach (var journey in context.SystemService.RetrieveMultiple(query).Entities)
            {
                var count = counted.TryGetValue(journey.Id, out var figures) ? figures.Count : 0;
                var last = figures?.Last;
                if (journey.Get<int?>(JourneyTable.TouchpointCount) == count && journey.Get<DateTime?>(JourneyTable.LastTouchpointOn) == last) continue;
                context.SystemService.Update(new Entity(JourneyTable.LogicalName, journey.Id)
                {
                    [JourneyTable.TouchpointCount] = count,
                    [JourneyTable.LastTouchpointOn] = last,
                });
                updated++;
            }
            context.Trace("Touchpoints recounted: {0} journeys updated", updated);
        }

        // One aggregate query: per journey, how many touchpoints it has and when the latest occurred.
        private static Dictionary<Guid, Figures> Recount(IOrganizationService service, IEnumerable<Guid> journeys)
        {
            var fetch = "<fetch aggregate='true'><entity name='" + TouchpointTable.LogicalName + "'>"
                + "<attribute name='" + TouchpointTable.PrimaryId + "' alias='n' aggregate='count' />"
                + "<attribute name='" + TouchpointTable.OccurredOn + "' alias='last' aggregate='max' />"
                + "<attribute name='" + TouchpointTable.JourneyId + "' alias='journey' groupby='true' />"
                + "<filter><condition attribute='" + TouchpointTable.JourneyId + "' operator='in'>"
                + string.Concat(journeys.Select(id => "<value>" + id.ToString("B") + "</value>"))
                + "</condition></filter></entity></fetch>";
            var result = new Dictionary<Guid, Figures>();
            foreach (var row in service.RetrieveMultiple(new FetchExpression(fetch)).Entities)
            {
                var journey = row.Get<AliasedValue>("journey")?.Value;
                var id = journey is EntityReference reference ? reference.Id : journey is Guid guid ? guid : (Guid?)null;
                if (!id.HasValue) continue;
                result[id.Value] = new Figures(Convert.ToInt32(row.Get<AliasedValue>("n")?.Value ?? 0, CultureInfo.InvariantCulture), row.Get<AliasedValue>("last")?.Value as DateTime?);
            }
            return result;
        }

        private sealed class Figures
        {
            public Figures(int count, DateTime? last)
            {
                Count = count;
                Last = last;
            }

            public int Count { get; }
            public DateTime? Last { get; }
        }
    }
}
