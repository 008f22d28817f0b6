using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;
using static PatientJourney.Crm.JourneyMap.Tests.Logs;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>The DuckDB engine on the hand-worked log (Logs.HandWorked), one test per metric family; answers worked by hand.</summary>
public sealed class HandWorkedTests
{
    private static readonly JourneyMetrics M = Exports.Report(Exports.Csv(HandWorked(), "hand")).Metrics;

    [Fact]
    public void Totals_count_journeys_visits_and_patients()
    {
        Assert.Equal((3, 7, 2), (M.Totals.Journeys, M.Totals.StageVisits, M.Totals.Patients));
    }

    [Fact]
    public void Stage_map_nodes_count_visits_journeys_rework_and_drop_off()
    {
        var nodes = M.StageMap.Nodes.Select(n => (n.Stage, n.Visits, n.Journeys, n.Rework, n.DropOff.Numerator, n.DropOff.Denominator)).ToArray();
        Assert.Equal(new[]
        {
            ("Referral triage", 3, 2, 1, 1, 2),
            ("Surgery", 3, 3, 0, 0, 3),
            ("Rehabilitation, home", 1, 1, 0, 0, 1),
        }, nodes);
    }

    [Fact]
    public void Stage_map_edges_have_frequency_case_frequency_and_times()
    {
        var edges = M.StageMap.Edges.Select(e => (e.From, e.To, e.Frequency, e.CaseFrequency, e.MeanHours, e.MedianHours, e.IsRework)).ToArray();
        Assert.Equal(new[]
        {
            ("Referral triage", "Surgery", 2, 2, 3m, 3m, false),
            ("Surgery", "Referral triage", 1, 1, 4m, 4m, true),
            ("Surgery", "Rehabilitation, home", 1, 1, 10m, 10m, false),
        }, edges);
        Assert.Equal(new[] { ("Referral triage", 2), ("Surgery", 1) }, M.StageMap.StartStages.Select(s => (s.Stage, s.Journeys)));
        Assert.Equal(new[] { ("Referral triage", JourneyStatus.Dropped, 1), ("Surgery", JourneyStatus.Active, 1), ("Rehabilitation, home", JourneyStatus.Completed, 1) },
            M.StageMap.EndStages.Select(s => (s.Stage, s.Status, s.Journeys)));
    }

    [Fact]
    public void Variants_are_counted_and_ordered_by_count_then_sequence()
    {
        Assert.Equal(new[] { "Referral triage > Surgery > Referral triage", "Referral triage > Surgery > Rehabilitation, home", "Surgery" }, M.Variants.Select(v => v.Sequence));
        Assert.All(M.Variants, v => Assert.Equal(1m / 3, v.Share, 10));
    }

    [Fact]
    public void Stage_durations_have_mean_median_p90_and_overdue()
    {
        var stages = M.Durations.Stages.ToDictionary(s => s.Stage);
        Assert.Equal((2, 3m, 3m, 3.8m, 0, 2), (stages["Referral triage"].Count, stages["Referral triage"].MeanHours!.Value, stages["Referral triage"].MedianHours!.Value,
            decimal.Round(stages["Referral triage"].P90Hours!.Value, 6), stages["Referral triage"].Overdue.Numerator, stages["Referral triage"].Overdue.Denominator));
        Assert.Equal((2, 7m, 9.4m, 1, 2), (stages["Surgery"].Count, stages["Surgery"].MedianHours!.Value, decimal.Round(stages["Surgery"].P90Hours!.Value, 6), stages["Surgery"].Overdue.Numerator, stages["Surgery"].Overdue.Denominator));
        Assert.Equal((1, 20m, 20m), (M.Durations.Journeys.Count, M.Durations.Journeys.MedianHours!.Value, M.Durations.Journeys.P90Hours!.Value));
    }

    [Fact]
    public void Referral_first_response_in_calendar_and_business_hours()
    {
        var r = M.Durations.ReferralFirstResponse;
        Assert.Equal((2, 35m, 4m), (r.Count, r.MedianCalendarHours!.Value, r.MedianBusinessHours!.Value));
    }

    [Fact]
    public void Funnel_shares_are_over_the_journeys_in_scope()
    {
        Assert.Equal(new[] { ("Referral triage", 2), ("Surgery", 3), ("Rehabilitation, home", 1) }, M.Funnel.Select(f => (f.Stage, f.Journeys)));
        Assert.Equal(1m, M.Funnel[1].Share);
    }

    [Fact]
    public void Survey_kpis_nps_and_top_box()
    {
        Assert.Equal((25m, 4, 2, 1, 1), (M.Kpis.Nps.Score!.Value, M.Kpis.Nps.Responses, M.Kpis.Nps.Promoters, M.Kpis.Nps.Passives, M.Kpis.Nps.Detractors));
        Assert.Equal((2, 4), (M.Kpis.TopBox.Numerator, M.Kpis.TopBox.Denominator));
    }

    [Fact]
    public void No_show_rate_excludes_cancellations()
    {
        Assert.Equal((1, 3), (M.Kpis.NoShowRate.Numerator, M.Kpis.NoShowRate.Denominator));
    }

    [Fact]
    public void Referral_conversion_sla_and_sources()
    {
        var c = M.Kpis.ReferralConversion;
        Assert.Equal((3, 1, 0, 0, 1, 0, 1), (c.Submitted, c.Accepted.Numerator, c.Scheduled.Numerator, c.Completed.Numerator, c.Rejected.Numerator, c.Cancelled.Numerator, c.Expired.Numerator));
        Assert.Equal((1, 2), (M.Kpis.ReferralSlaAttainment.Numerator, M.Kpis.ReferralSlaAttainment.Denominator));
        Assert.Equal(new[] { ("North GP", 2), ("City Clinic, \"East\"", 1) }, M.Kpis.ReferralsBySource.Select(s => (s.Source, s.Referrals)));
    }

    [Fact]
    public void Readmission_and_retention_after_discharge()
    {
        Assert.Equal((1, 1), (M.Kpis.Readmission30Day.Numerator, M.Kpis.Readmission30Day.Denominator));
        Assert.Equal((1, 1), (M.Kpis.FollowUpRetention.Numerator, M.Kpis.FollowUpRetention.Denominator));
    }

    [Fact]
    public void Follow_up_completion_counts_past_due_and_suppressed_messages()
    {
        Assert.Equal((1, 3), (M.Kpis.FollowUpCompletion.Numerator, M.Kpis.FollowUpCompletion.Denominator));
        Assert.Equal((1, 3), (M.Kpis.FollowUpSuppressed.Numerator, M.Kpis.FollowUpSuppressed.Denominator));
    }

    [Fact]
    public void Stage_efficiency_against_targets()
    {
        Assert.Equal((1, 5), (M.Kpis.StageEfficiency.Overdue.Numerator, M.Kpis.StageEfficiency.Overdue.Denominator));
        var stages = M.Kpis.StageEfficiency.Stages.ToDictionary(s => s.Stage);
        Assert.Null(stages["Referral triage"].MedianToTarget);
        Assert.Equal(0.7m, stages["Surgery"].MedianToTarget);
        Assert.Equal(1.6m, stages["Rehabilitation, home"].MedianToTarget);
    }

    [Fact]
    public void Engagement_and_pain_points()
    {
        Assert.Equal((3, 3), (M.Kpis.Engagement.TouchpointsPerJourney.Numerator, M.Kpis.Engagement.TouchpointsPerJourney.Denominator));
        Assert.Equal(new[] { "email", "phone", "sms", "web" }, M.Kpis.Engagement.ByChannel.Select(c => JourneyMetricsJson.ChoiceName(c.Channel)));
        var pain = Assert.Single(M.Kpis.PainPoints);
        Assert.Equal(("Referral triage", PainPointCategory.WaitingTime, 2, 1, 2, 1), (pain.Stage, pain.Category, pain.Touchpoints, pain.NegativeSentiment.Numerator, pain.NegativeSentiment.Denominator, pain.DetractorResponses));
        Assert.Equal(2, M.Kpis.NewPatients);
    }
}
