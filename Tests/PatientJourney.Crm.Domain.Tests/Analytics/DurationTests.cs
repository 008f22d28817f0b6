using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Analytics;

public class DurationTests
{
    private readonly EventLogBuilder log = new();

    [Fact]
    public void Stage_durations_use_closed_visits_with_linear_p90_and_overdue_share()
    {
        // Stage A visits lasting 1, 2, 3, 4 and 10 hours (two flagged overdue) and one still open.
        foreach (var (hours, overdue) in new[] { (1, false), (2, false), (3, false), (4, true), (10, true) })
            log.Visit(log.BareJourney(JourneyStatus.Completed, 0), log.A, 0, hours, overdue);
        log.Visit(log.BareJourney(JourneyStatus.Active, 0), log.A, 0, null);

        var metrics = log.Compute();
        var a = Assert.Single(metrics.Durations.Stages);

        Assert.Equal(5, a.Count);
        Assert.Equal(4m, a.MeanHours);             // (1 + 2 + 3 + 4 + 10) / 5
        Assert.Equal(3m, a.MedianHours);
        Assert.Equal(7.6m, a.P90Hours);            // h = (5 − 1) × 0.9 = 3.6: x[3] + 0.6 × (x[4] − x[3]) = 4 + 0.6 × 6
        Assert.Equal((2, 5), (a.Overdue.Numerator, a.Overdue.Denominator));
        // Stage efficiency: 2 of 5 closed visits overdue; median 3 h against A's 24 h target = 0.125.
        Assert.Equal((2, 5), (metrics.Kpis.StageEfficiency.Overdue.Numerator, metrics.Kpis.StageEfficiency.Overdue.Denominator));
        var efficiency = Assert.Single(metrics.Kpis.StageEfficiency.Stages);
        Assert.Equal((3m, 24m, 0.125m), (efficiency.MedianHours!.Value, efficiency.TargetHours!.Value, efficiency.MedianToTarget!.Value));
    }

    [Fact]
    public void Journey_durations_cover_completed_journeys_only()
    {
        foreach (var hours in new[] { 10, 20, 30, 40 }) log.BareJourney(JourneyStatus.Completed, 0, hours);
        log.BareJourney(JourneyStatus.Dropped, 0, 500);
        log.BareJourney(JourneyStatus.Active, 0);

        var journeys = log.Compute().Durations.Journeys;

        Assert.Equal(4, journeys.Count);
        Assert.Equal(25m, journeys.MedianHours);   // (20 + 30) / 2
        Assert.Equal(37m, journeys.P90Hours);      // h = 3 × 0.9 = 2.7: 30 + 0.7 × (40 − 30)
    }

    [Fact]
    public void A_stage_with_only_open_visits_has_no_duration()
    {
        log.Visit(log.BareJourney(JourneyStatus.Active, 0), log.D, 0, null);

        var d = Assert.Single(log.Compute().Durations.Stages);

        Assert.Equal(0, d.Count);
        Assert.Null(d.MedianHours);
        Assert.Null(d.P90Hours);
        Assert.Null(d.Overdue.Value);
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 0.9, 5.0)]
    [InlineData(new[] { 1.0, 2.0 }, 0.5, 1.5)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.9, 3.7)]   // sorted 1..4, h = 2.7: 3 + 0.7
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 1.0, 3.0)]
    public void Quantile_interpolates_between_closest_ranks(double[] values, double p, double expected)
    {
        Assert.Equal((decimal)expected, Statistics.Quantile(System.Array.ConvertAll(values, v => (decimal)v), (decimal)p));
    }
}
