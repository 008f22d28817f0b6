using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Surveys;

namespace PatientJourney.Crm.JourneyMap.Engine;

/// <summary>
/// Maps the metric SQL files' result sets, whatever engine ran them, into Domain/Analytics' result model, so
/// metrics.json is written by the one JSON writer (JourneyMetricsJson) the in-app custom API uses.
/// </summary>
public static class MetricsMapper
{
    /// <summary>Choice values are the option value less the publisher's option prefix, in the Domain enums' order.</summary>
    private const int OptionBase = 827410000;

    public static JourneyMetrics Map(ResultSets results, MetricsFilter filter)
    {
        var totals = results.Single("totals");
        var stageDurations = results["stageDurations"];
        var variants = results["variants"];
        return new JourneyMetrics
        {
            Filter = filter,
            Totals = new MetricsTotals { Journeys = totals.Int("journeys"), StageVisits = totals.Int("stage_visits"), Patients = totals.Int("patients") },
            StageMap = new StageMap
            {
                Nodes = results["nodes"].Select(r => new StageNode
                {
                    StageId = r.Id("stage_id")!.Value,
                    Stage = r.Text("stage"),
                    Sequence = r.Int("sequence"),
                    Visits = r.Int("visits"),
                    Journeys = r.Int("journeys"),
                    Rework = r.Int("rework"),
                    DropOff = new Ratio(r.Int("dropped"), r.Int("journeys")),
                }).ToList(),
                Edges = results["edges"].Select(r => new StageEdge
                {
                    FromStageId = r.Id("from_stage_id")!.Value,
                    From = r.Text("from_stage"),
                    ToStageId = r.Id("to_stage_id")!.Value,
                    To = r.Text("to_stage"),
                    Frequency = r.Int("frequency"),
                    CaseFrequency = r.Int("case_frequency"),
                    MeanHours = r.Decimal("mean_hours")!.Value,
                    MedianHours = r.Decimal("median_hours")!.Value,
                    IsRework = r.Bool("is_rework"),
                }).ToList(),
                StartStages = results["startStages"].Select(r => new StageCount { StageId = r.Id("stage_id")!.Value, Stage = r.Text("stage"), Journeys = r.Int("journeys") }).ToList(),
                EndStages = results["endStages"].Select(r => new EndStageCount
                {
                    StageId = r.Id("stage_id")!.Value,
                    Stage = r.Text("stage"),
                    Status = Choice<JourneyStatus>(r.Int("journey_status")),
                    Journeys = r.Int("journeys"),
                }).ToList(),
            },
            Variants = variants.Take(filter.TopVariants).Select(r => new VariantMetric
            {
                Sequence = r.Text("sequence"),
                Journeys = r.Int("journeys"),
                Share = (decimal)r.Int("journeys") / r.Int("all_journeys"),
            }).ToList(),
            Durations = Durations(results, stageDurations),
            Funnel = results["funnel"].Select(r => new FunnelStep
            {
                StageId = r.Id("stage_id")!.Value,
                Stage = r.Text("stage"),
                Sequence = r.Int("sequence"),
                Journeys = r.Int("journeys"),
                Share = new Ratio(r.Int("journeys"), r.Int("started")).Value,
            }).ToList(),
            Kpis = Kpis(results, stageDurations),
        };
    }

    private static DurationMetrics Durations(ResultSets results, IReadOnlyList<ResultRow> stageDurations)
    {
        var journeys = results.Single("journeyDurations");
        var referrals = results.Single("referralFirstResponse");
        return new DurationMetrics
        {
            Stages = stageDurations.Select(r => new StageDuration
            {
                StageId = r.Id("stage_id")!.Value,
                Stage = r.Text("stage"),
                Count = r.Int("closed"),
                MeanHours = r.Decimal("mean_hours"),
                MedianHours = r.Decimal("median_hours"),
                P90Hours = r.Decimal("p90_hours"),
                Overdue = new Ratio(r.Int("overdue"), r.Int("closed")),
            }).ToList(),
            Journeys = new JourneyDurations { Count = journeys.Int("journeys"), MedianHours = journeys.Decimal("median_hours"), P90Hours = journeys.Decimal("p90_hours") },
            ReferralFirstResponse = new FirstResponseDurations
            {
                Count = referrals.Int("referrals"),
                MedianCalendarHours = referrals.Decimal("median_calendar_hours"),
                MedianBusinessHours = referrals.Decimal("median_business_hours"),
            },
        };
    }

    private static KpiMetrics Kpis(ResultSets results, IReadOnlyList<ResultRow> stageDurations)
    {
        var nps = results.Single("nps");
        var noShow = results.Single("noShow");
        var referrals = results.Single("referralConversion");
        var submitted = referrals.Int("submitted");
        var readmission = results.Single("readmission");
        var retention = results.Single("retention");
        var followUps = results.Single("followUps");
        var engagement = results.Single("engagement");
        var responses = nps.Int("responses");
        return new KpiMetrics
        {
            Nps = new NpsMetric
            {
                // The NPS rule is NetPromoter's: fed one representative score per category.
                Score = NetPromoter.Score(Enumerable.Repeat(10, nps.Int("promoters"))
                    .Concat(Enumerable.Repeat(7, nps.Int("passives"))).Concat(Enumerable.Repeat(0, nps.Int("detractors")))),
                Responses = responses,
                Promoters = nps.Int("promoters"),
                Passives = nps.Int("passives"),
                Detractors = nps.Int("detractors"),
            },
            TopBox = new Ratio(nps.Int("promoters"), responses),
            NoShowRate = new Ratio(noShow.Int("no_shows"), noShow.Int("came_due")),
            ReferralConversion = new ReferralConversion
            {
                Submitted = submitted,
                Accepted = new Ratio(referrals.Int("accepted"), submitted),
                Scheduled = new Ratio(referrals.Int("scheduled"), submitted),
                Completed = new Ratio(referrals.Int("completed"), submitted),
                Rejected = new Ratio(referrals.Int("rejected"), submitted),
                Cancelled = new Ratio(referrals.Int("cancelled"), submitted),
                Expired = new Ratio(referrals.Int("expired"), submitted),
            },
            ReferralSlaAttainment = new Ratio(referrals.Int("within_sla"), referrals.Int("responded")),
            ReferralsBySource = results["referralsBySource"].Select(r => new ReferralSource { Source = r.Text("source"), Referrals = r.Int("referrals") }).ToList(),
            Readmission30Day = new Ratio(readmission.Int("readmissions"), readmission.Int("discharges")),
            FollowUpRetention = new Ratio(retention.Int("retained"), retention.Int("discharged")),
            FollowUpCompletion = new Ratio(followUps.Int("completed"), followUps.Int("came_due")),
            FollowUpSuppressed = new Ratio(followUps.Int("suppressed"), followUps.Int("messages")),
            StageEfficiency = new StageEfficiency
            {
                Overdue = new Ratio(stageDurations.Sum(r => r.Int("overdue")), stageDurations.Sum(r => r.Int("closed"))),
                Stages = stageDurations.Select(r =>
                {
                    var median = r.Decimal("median_hours");
                    var target = r.Decimal("target_hours");
                    return new StageEfficiencyRow
                    {
                        StageId = r.Id("stage_id")!.Value,
                        Stage = r.Text("stage"),
                        MedianHours = median,
                        TargetHours = target,
                        MedianToTarget = median.HasValue && target is > 0 ? median.Value / target.Value : null,
                    };
                }).ToList(),
            },
            Engagement = new Engagement
            {
                TouchpointsPerJourney = new Ratio(engagement.Int("touchpoints"), engagement.Int("journeys")),
                // Ordered by the names the JSON writes, which only the writer knows.
                ByChannel = results["byChannel"].Select(r => new ChannelCount
                    {
                        Channel = NullableChoice<TouchpointChannel>(r.NullableInt("channel")),
                        Direction = NullableChoice<TouchpointDirection>(r.NullableInt("direction")),
                        Touchpoints = r.Int("touchpoints"),
                    })
                    .OrderByDescending(c => c.Touchpoints)
                    .ThenBy(c => JourneyMetricsJson.ChoiceName(c.Channel), StringComparer.Ordinal)
                    .ThenBy(c => JourneyMetricsJson.ChoiceName(c.Direction), StringComparer.Ordinal)
                    .ToList(),
            },
            PainPoints = results["painPoints"].Select(r => new PainPointMetric
                {
                    StageId = r.Id("stage_id"),
                    Stage = r.IsNull("stage_id") ? null : r.Text("stage"),
                    Category = Choice<PainPointCategory>(r.Int("category")),
                    Touchpoints = r.Int("touchpoints"),
                    NegativeSentiment = new Ratio(r.Int("negative"), r.Int("touchpoints")),
                    DetractorResponses = r.Int("detractors"),
                })
                .OrderBy(p => p.StageId.HasValue ? 0 : 1)
                .ThenBy(p => SequenceOf(results, p.StageId))
                .ThenBy(p => p.Stage ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(p => p.StageId?.ToString("D") ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(p => JourneyMetricsJson.ChoiceName<PainPointCategory>(p.Category), StringComparer.Ordinal)
                .ToList(),
            NewPatients = results.Single("newPatients").Int("patients"),
        };
    }

    private static int SequenceOf(ResultSets results, Guid? stageId) =>
        stageId is null ? 0 : results["painPoints"].First(r => r.Id("stage_id") == stageId).Int("sequence");

    private static TEnum Choice<TEnum>(int value) where TEnum : struct, Enum
    {
        var member = value - OptionBase;
        if (!Enum.IsDefined(typeof(TEnum), member))
        {
            throw new InvalidOperationException($"The choice value {value} is not a {typeof(TEnum).Name} option of the solution.");
        }
        return (TEnum)Enum.ToObject(typeof(TEnum), member);
    }

    private static TEnum? NullableChoice<TEnum>(int? value) where TEnum : struct, Enum => value is { } v ? Choice<TEnum>(v) : null;
}
