using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Analytics;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetJourneyMetrics;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_GetJourneyMetrics (function): the journey map and KPIs of journey-analytics.md for one pathway or all, over a
    /// period [From, To), as the JSON of <see cref="JourneyMetricsJson"/> (shape in the README, "Journey metrics").
    /// Reads as the caller, so the metrics cover only rows the caller may read; the business calendar (configuration) is
    /// read as the system. Above <see cref="JourneyMetricsLimits.MaxStageVisitsPerCall"/> stage visits it refuses and
    /// points to the offline journey map.
    /// </summary>
    public sealed class GetJourneyMetrics : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var pathway = context.OptionalInput<EntityReference>(Api.InPathway);
            if (pathway != null && pathway.LogicalName != CarePathwayTable.LogicalName)
                throw new BusinessRuleViolation("The Pathway parameter must be a care pathway (pj_carepathway).");
            var filter = new MetricsFilter
            {
                PathwayId = pathway?.Id,
                From = Utc(context.OptionalValue<DateTime>(Api.InFrom)),
                To = Utc(context.OptionalValue<DateTime>(Api.InTo)),
                TopVariants = context.OptionalValue<int>(Api.InTopVariants) ?? MetricsFilter.DefaultTopVariants,
            };
            filter.Check();
            if (pathway != null) Records.EnsureExists(context.UserService, pathway, "care pathway");

            var calendar = OrganisationSettings.Load(context.SystemService).Calendar;
            var reader = new JourneyEventLogReader(context.UserService, filter, JourneyMetricsLimits.MaxStageVisitsPerCall);
            var log = reader.Read();
            var metrics = JourneyMetricsCalculator.Compute(log, filter, context.Now, calendar);

            context.Trace("GetJourneyMetrics: {0} queries, {1} rows read, {2} stage visits, {3} journeys in the selection",
                reader.Queries, reader.RowsRead, log.StageVisits.Count, metrics.Totals.Journeys);
            context.ExecutionContext.OutputParameters[Api.OutMetricsJson] = JourneyMetricsJson.Write(metrics);
        }

        private static DateTime? Utc(DateTime? instant) =>
            instant.HasValue ? (instant.Value.Kind == DateTimeKind.Local ? instant.Value.ToUniversalTime() : DateTime.SpecifyKind(instant.Value, DateTimeKind.Utc)) : (DateTime?)null;
    }
}
