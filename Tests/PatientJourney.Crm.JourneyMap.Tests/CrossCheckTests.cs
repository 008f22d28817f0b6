using System;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.JourneyMap.Engine;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// The DuckDB engine's metrics.json equals Domain/Analytics' calculator (the in-app pj_GetJourneyMetrics computation)
/// on the same log, every number to the documented rounding: both are written by JourneyMetricsJson.
/// </summary>
public sealed class CrossCheckTests
{
    public static TheoryData<string, int, int> Logs => new() { { "hand", 0, 0 }, { "random", 400, 7 }, { "random", 1500, 42 } };

    [Theory]
    [MemberData(nameof(Logs))]
    public void Engine_equals_domain_calculator(string kind, int journeys, int seed)
    {
        var log = kind == "hand" ? Tests.Logs.HandWorked() : Tests.Logs.Random(journeys, seed);
        AssertSame(log, new ReportOptions { AsOf = Tests.Logs.AsOf, TopVariants = 25 });
    }

    [Fact]
    public void Engine_equals_domain_calculator_with_pathway_and_period_filters()
    {
        var log = Tests.Logs.Random(800, 11);
        AssertSame(log, new ReportOptions
        {
            Pathway = log.Journeys[0].PathwayId.ToString("D"),
            From = Tests.Logs.Start.AddDays(20),
            To = Tests.Logs.Start.AddDays(80),
            BusinessHours = "Mon,Tue,Thu 09:00-17:30",
            Holidays = "2026-04-06",
        });
    }

    private static void AssertSame(JourneyEventLog log, ReportOptions options)
    {
        var engine = Exports.Report(Exports.Csv(log, "cross"), options);
        var filter = new MetricsFilter { PathwayId = engine.Metrics.Filter.PathwayId, From = options.From, To = options.To, TopVariants = options.TopVariants };
        var asOf = options.AsOf ?? options.To!.Value;
        var domain = JourneyMetricsCalculator.Compute(log, filter, asOf, BusinessCalendarSettings.Parse(options.BusinessHours, options.Holidays, TimeZoneInfo.Utc));
        Assert.True(engine.Metrics.Totals.StageVisits > 0);
        Assert.Equal(JourneyMetricsJson.Write(domain), engine.MetricsJson);
    }
}
