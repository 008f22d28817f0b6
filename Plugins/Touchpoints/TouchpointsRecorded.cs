using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Touchpoints
{
    /// <summary>
    /// Touchpoints arrive one by one from staff and flows and in bulk from other systems, so this runs on
    /// CreateMultiple (the platform also routes single Creates here) and costs one query plus one update per journey
    /// touched, whatever the batch size. A touchpoint without a journey joins the patient's open journey when the
    /// patient has exactly one (and takes its current stage); each journey touched gets its last-touchpoint time and
    /// touchpoint count brought up to date. The journeys are read as the caller (a touchpoint joins only a journey the
    /// caller can see); the count and time are derived figures, written as SYSTEM, so whoever may record a touchpoint
    /// (the front desk recording attendance) needs no right to change the journey itself.
    /// </summary>
    [PluginStep("CreateMultiple", TouchpointTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    public sealed class TouchpointsRecorded : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var touchpoints = context.Targets.Entities;
            foreach (var touchpoint in touchpoints)
            {
                if (touchpoint.Get<EntityReference>(TouchpointTable.PatientId) == null)
                    throw new BusinessRuleViolation("Every touchpoint needs the patient it was with; choose the patient.");
                if (!touchpoint.Contains(TouchpointTable.OccurredOn) || touchpoint[TouchpointTable.OccurredOn] == null)
                    touchpoint[TouchpointTable.OccurredOn] = context.Now;
            }

            var journeys = LoadJourneys(context.UserService, touchpoints);
            AttachToOpenJourneys(touchpoints, journeys);
            UpdateJourneys(context, touchpoints, journeys);
        }

        // One query: the journeys named on the touchpoints, and the open journeys of patients whose touchpoints name none.
        private static List<Entity> LoadJourneys(IOrganizationService service, ICollection<Entity> touchpoints)
        {
            var named = touchpoints.Select(t => t.Get<EntityReference>(TouchpointTable.JourneyId)).Where(j => j != null).Select(j => (object)j!.Id).Distinct().ToArray();
            var patients = touchpoints.Where(t => t.Get<EntityReference>(TouchpointTable.JourneyId) == null)
                .Select(t => (object)t.Get<EntityReference>(TouchpointTable.PatientId).Id).Distinct().ToArray();
            if (named.Length == 0 && patients.Length == 0) return new List<Entity>();

            var query = new QueryExpression(JourneyTable.LogicalName)
            {
                ColumnSet = new ColumnSet(JourneyTable.PatientId, JourneyTable.Status, JourneyTable.CurrentStageId, JourneyTable.TouchpointCount, JourneyTable.LastTouchpointOn),
                Criteria = new FilterExpression(LogicalOperator.Or),
            };
            if (named.Length > 0) query.Criteria.AddCondition(JourneyTable.PrimaryId, ConditionOperator.In, named);
            if (patients.Length > 0)
            {
                var open = query.Criteria.AddFilter(LogicalOperator.And);
                open.AddCondition(JourneyTable.PatientId, ConditionOperator.In, patients);
                open.AddCondition(JourneyTable.Status, ConditionOperator.In, JourneyTable.StatusOptions.Active, JourneyTable.StatusOptions.OnHold);
            }
            return service.RetrieveMultiple(query).Entities.ToList();
        }

        private static void AttachToOpenJourneys(IEnumerable<Entity> touchpoints, List<Entity> journeys)
        {
            var openByPatient = journeys
                .Where(j => IsOpen(j))
                .GroupBy(j => j.Get<EntityReference>(JourneyTable.PatientId).Id)
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single());
            foreach (var touchpoint in touchpoints.Where(t => t.Get<EntityReference>(TouchpointTable.JourneyId) == null))
            {
                if (!openByPatient.TryGetValue(touchpoint.Get<EntityReference>(TouchpointTable.PatientId).Id, out var journey)) continue;
                touchpoint[TouchpointTable.JourneyId] = journey.ToEntityReference();
                if (touchpoint.Get<EntityReference>(TouchpointTable.StageId) == null && journey.Contains(JourneyTable.CurrentStageId))
                    touchpoint[TouchpointTable.StageId] = journey[JourneyTable.CurrentStageId];
            }
        }

        private static void UpdateJourneys(LocalPluginContext context, IEnumerable<Entity> touchpoints, List<Entity> journeys)
        {
            var byId = journeys.ToDictionary(j => j.Id);
            var updated = 0;
            foreach (var group in touchpoints.Where(t => t.Get<EntityReference>(TouchpointTable.JourneyId) != null)
                         .GroupBy(t => t.Get<EntityReference>(TouchpointTable.JourneyId).Id))
            {
                if (!byId.TryGetValue(group.Key, out var journey))
                    throw new BusinessRuleViolation("A touchpoint names a journey that does not exist or that you cannot see; choose another journey.");
                var latest = group.Max(t => t.Get<DateTime>(TouchpointTable.OccurredOn));
                var previous = journey.Get<DateTime?>(JourneyTable.LastTouchpointOn);
                var update = new Entity(JourneyTable.LogicalName, journey.Id)
                {
                    [JourneyTable.TouchpointCount] = journey.Get<int>(JourneyTable.TouchpointCount) + group.Count(),
                    [JourneyTable.LastTouchpointOn] = previous.HasValue && previous.Value > latest ? previous.Value : latest,
                };
                context.SystemService.Update(update);
                updated++;
            }
            context.Trace("Touchpoints: {0} journeys updated", updated);
        }

        private static bool IsOpen(Entity journey)
        {
            var status = journey.Get<OptionSetValue>(JourneyTable.Status)?.Value;
            return status == JourneyTable.StatusOptions.Active || status == JourneyTable.StatusOptions.OnHold;
        }
    }
}
