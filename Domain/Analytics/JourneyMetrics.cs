using System;
using System.Collections.Generic;
using PatientJourney.Crm.Domain.Journeys;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>
    /// Which part of the event log the metrics cover: one pathway or all, and a period [From, To) in UTC matched
    /// against each event's own timestamp (metrics-json.md).
    /// </summary>
    public sealed class MetricsFilter
    {
        public const int DefaultTopVariants = 10;

        public Guid? PathwayId { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public int TopVariants { get; set; } = DefaultTopVariants;

        public bool InPeriod(DateTime instant) => (!From.HasValue || instant >= From.Value) && (!To.HasValue || instant < To.Value);

        /// <summary>Refuses a filter no computation can honour, with what to change.</summary>
        public void Check()
        {
            if (From.HasValue && To.HasValue && From.Value >= To.Value)
                throw new BusinessRuleViolation("The period's From must be earlier than its To; swap them or leave one out.");
            if (TopVariants < 1 || TopVariants > JourneyMetricsLimits.MaxTopVariants)
                throw new BusinessRuleViolation($"Top variants must be between 1 and {JourneyMetricsLimits.MaxTopVariants}.");
        }
    }

    /// <summary>A count out of a count, reported with both parts so a reader can check it; no value when nothing was counted.</summary>
    public sealed class Ratio
    {
        public Ratio(int numerator, int denominator)
        {
            Numerator = numerator;
            Denominator = denominator;
        }

        public int Numerator { get; }
        public int Denominator { get; }
        public decimal? Value => Denominator == 0 ? (decimal?)null : (decimal)Numerator / Denominator;
    }

    /// <summary>The journey metrics of journey-analytics.md §2–6, in the shape of metrics-json.md.</summary>
    public sealed class JourneyMetrics
    {
        public const int SchemaVersion = 1;

        public MetricsFilter Filter { get; set; } = new MetricsFilter();
        public MetricsTotals Totals { get; set; } = new MetricsTotals();
        public StageMap StageMap { get; set; } = new StageMap();
        public List<VariantMetric> Variants { get; set; } = new List<VariantMetric>();
        public DurationMetrics Durations { get; set; } = new DurationMetrics();
        public List<FunnelStep> Funnel { get; set; } = new List<FunnelStep>();
        public KpiMetrics Kpis { get; set; } = new KpiMetrics();
    }

    public sealed class MetricsTotals
    {
        public int Journeys { get; set; }
        public int StageVisits { get; set; }
        public int Patients { get; set; }
    }

    public sealed class StageMap
    {
        public List<StageNode> Nodes { get; set; } = new List<StageNode>();
        public List<StageEdge> Edges { get; set; } = new List<StageEdge>();
        public List<StageCount> StartStages { get; set; } = new List<StageCount>();
        public List<EndStageCount> EndStages { get; set; } = new List<EndStageCount>();
    }

    public sealed class StageNode
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public int Sequence { get; set; }
        public int Visits { get; set; }
        public int Journeys { get; set; }
        /// <summary>Back-edges into this stage (moves to it from a stage of higher sequence).</summary>
        public int Rework { get; set; }
        public Ratio DropOff { get; set; } = new Ratio(0, 0);
    }

    public sealed class StageEdge
    {
        public Guid FromStageId { get; set; }
        public string From { get; set; } = "";
        public Guid ToStageId { get; set; }
        public string To { get; set; } = "";
        public int Frequency { get; set; }
        public int CaseFrequency { get; set; }
        public decimal MeanHours { get; set; }
        public decimal MedianHours { get; set; }
        public bool IsRework { get; set; }
    }

    public sealed class StageCount
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public int Journeys { get; set; }
    }

    public sealed class EndStageCount
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public JourneyStatus Status { get; set; }
        public int Journeys { get; set; }
    }

    public sealed class VariantMetric
    {
        public string Sequence { get; set; } = "";
        public int Journeys { get; set; }
        public decimal Share { get; set; }
    }

    public sealed class DurationMetrics
    {
        public List<StageDuration> Stages { get; set; } = new List<StageDuration>();
        public JourneyDurations Journeys { get; set; } = new JourneyDurations();
        public FirstResponseDurations ReferralFirstResponse { get; set; } = new FirstResponseDurations();
    }

    public sealed class StageDuration
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public int Count { get; set; }
        public decimal? MeanHours { get; set; }
        public decimal? MedianHours { get; set; }
        public decimal? P90Hours { get; set; }
        public Ratio Overdue { get; set; } = new Ratio(0, 0);
    }

    public sealed class JourneyDurations
    {
        public int Count { get; set; }
        public decimal? MedianHours { get; set; }
        public decimal? P90Hours { get; set; }
    }

    public sealed class FirstResponseDurations
    {
        public int Count { get; set; }
        public decimal? MedianCalendarHours { get; set; }
        public decimal? MedianBusinessHours { get; set; }
    }

    public sealed class FunnelStep
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public int Sequence { get; set; }
        public int Journeys { get; set; }
        public decimal? Share { get; set; }
    }

    public sealed class KpiMetrics
    {
        public NpsMetric Nps { get; set; } = new NpsMetric();
        public Ratio TopBox { get; set; } = new Ratio(0, 0);
        public Ratio NoShowRate { get; set; } = new Ratio(0, 0);
        public ReferralConversion ReferralConversion { get; set; } = new ReferralConversion();
        public Ratio ReferralSlaAttainment { get; set; } = new Ratio(0, 0);
        public List<ReferralSource> ReferralsBySource { get; set; } = new List<ReferralSource>();
        public Ratio Readmission30Day { get; set; } = new Ratio(0, 0);
        public Ratio FollowUpRetention { get; set; } = new Ratio(0, 0);
        public Ratio FollowUpCompletion { get; set; } = new Ratio(0, 0);
        public Ratio FollowUpSuppressed { get; set; } = new Ratio(0, 0);
        public StageEfficiency StageEfficiency { get; set; } = new StageEfficiency();
        public Engagement Engagement { get; set; } = new Engagement();
        public List<PainPointMetric> PainPoints { get; set; } = new List<PainPointMetric>();
        public int NewPatients { get; set; }
    }

    public sealed class NpsMetric
    {
        public decimal? Score { get; set; }
        public int Responses { get; set; }
        public int Promoters { get; set; }
        public int Passives { get; set; }
        public int Detractors { get; set; }
    }

    public sealed class ReferralConversion
    {
        public int Submitted { get; set; }
        public Ratio Accepted { get; set; } = new Ratio(0, 0);
        public Ratio Scheduled { get; set; } = new Ratio(0, 0);
        public Ratio Completed { get; set; } = new Ratio(0, 0);
        public Ratio Rejected { get; set; } = new Ratio(0, 0);
        public Ratio Cancelled { get; set; } = new Ratio(0, 0);
        public Ratio Expired { get; set; } = new Ratio(0, 0);
    }

    public sealed class ReferralSource
    {
        public string Source { get; set; } = "";
        public int Referrals { get; set; }
    }

    public sealed class StageEfficiency
    {
        public Ratio Overdue { get; set; } = new Ratio(0, 0);
        public List<StageEfficiencyRow> Stages { get; set; } = new List<StageEfficiencyRow>();
    }

    public sealed class StageEfficiencyRow
    {
        public Guid StageId { get; set; }
        public string Stage { get; set; } = "";
        public decimal? MedianHours { get; set; }
        public decimal? TargetHours { get; set; }
        public decimal? MedianToTarget { get; set; }
    }

    public sealed class Engagement
    {
        public Ratio TouchpointsPerJourney { get; set; } = new Ratio(0, 0);
        public List<ChannelCount> ByChannel { get; set; } = new List<ChannelCount>();
    }

    public sealed class ChannelCount
    {
        public TouchpointChannel? Channel { get; set; }
        public TouchpointDirection? Direction { get; set; }
        public int Touchpoints { get; set; }
    }

    public sealed class PainPointMetric
    {
        public Guid? StageId { get; set; }
        public string? Stage { get; set; }
        public PainPointCategory Category { get; set; }
        public int Touchpoints { get; set; }
        public Ratio NegativeSentiment { get; set; } = new Ratio(0, 0);
        public int DetractorResponses { get; set; }
    }
}
