using System;
using System.Linq;
using System.Text.Json;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Analytics;

public class JourneyMetricsJsonTests
{
    [Fact]
    public void An_empty_log_writes_every_property_with_zero_counts_and_null_values()
    {
        var metrics = new EventLogBuilder().Compute(new MetricsFilter { TopVariants = 5, From = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        var json = JourneyMetricsJson.Write(metrics);

        const string ratio = "{\"numerator\":0,\"denominator\":0,\"value\":null}";
        Assert.Equal(
            "{\"schemaVersion\":1,\"filter\":{\"pathwayId\":null,\"from\":\"2026-01-01T00:00:00Z\",\"to\":null,\"topVariants\":5},"
            + "\"totals\":{\"journeys\":0,\"stageVisits\":0,\"patients\":0},"
            + "\"stageMap\":{\"nodes\":[],\"edges\":[],\"startStages\":[],\"endStages\":[]},\"variants\":[],"
            + "\"durations\":{\"stages\":[],\"journeys\":{\"count\":0,\"medianHours\":null,\"p90Hours\":null},"
            + "\"referralFirstResponse\":{\"count\":0,\"medianCalendarHours\":null,\"medianBusinessHours\":null}},\"funnel\":[],"
            + "\"kpis\":{\"nps\":{\"score\":null,\"responses\":0,\"promoters\":0,\"passives\":0,\"detractors\":0},"
            + $"\"topBox\":{ratio},\"noShowRate\":{ratio},\"referralConversion\":{{\"submitted\":0,\"accepted\":{ratio},\"scheduled\":{ratio},"
            + $"\"completed\":{ratio},\"rejected\":{ratio},\"cancelled\":{ratio},\"expired\":{ratio}}},\"referralSlaAttainment\":{ratio},"
            + $"\"referralsBySource\":[],\"readmission30Day\":{ratio},\"followUpRetention\":{ratio},\"followUpCompletion\":{ratio},"
            + $"\"followUpSuppressed\":{ratio},\"stageEfficiency\":{{\"overdue\":{ratio},\"stages\":[]}},"
            + $"\"engagement\":{{\"touchpointsPerJourney\":{ratio},\"byChannel\":[]}},\"painPoints\":[],\"newPatients\":0}}}}",
            json);
    }

    [Fact]
    public void Numbers_are_rounded_half_away_from_zero_and_choices_named_in_camel_case()
    {
        var metrics = new JourneyMetrics();
        metrics.Kpis.Nps.Score = -45.45m;                                  // NPS: 1 decimal → −45.5
        metrics.Kpis.TopBox = new Ratio(2, 3);                            // 0.66666… → 0.6667
        metrics.Durations.Journeys.MedianHours = 2.345m;                  // hours: 2 decimals → 2.35
        metrics.Durations.Journeys.P90Hours = 7m;                         // whole → 7
        metrics.StageMap.EndStages.Add(new EndStageCount { StageId = Guid.Empty, Stage = "Post-op \"ward\"", Status = JourneyStatus.OnHold, Journeys = 1 });
        metrics.Kpis.Engagement.ByChannel.Add(new ChannelCount { Channel = TouchpointChannel.InPerson, Direction = null, Touchpoints = 2 });

        using var document = JsonDocument.Parse(JourneyMetricsJson.Write(metrics));
        var root = document.RootElement;

        Assert.Equal("-45.5", root.GetProperty("kpis").GetProperty("nps").GetProperty("score").GetRawText());
        Assert.Equal("0.6667", root.GetProperty("kpis").GetProperty("topBox").GetProperty("value").GetRawText());
        Assert.Equal("2.35", root.GetProperty("durations").GetProperty("journeys").GetProperty("medianHours").GetRawText());
        Assert.Equal("7", root.GetProperty("durations").GetProperty("journeys").GetProperty("p90Hours").GetRawText());
        var end = root.GetProperty("stageMap").GetProperty("endStages")[0];
        Assert.Equal("onHold", end.GetProperty("status").GetString());
        Assert.Equal("Post-op \"ward\"", end.GetProperty("stage").GetString());
        Assert.Equal("00000000-0000-0000-0000-000000000000", end.GetProperty("stageId").GetString());
        var channel = root.GetProperty("kpis").GetProperty("engagement").GetProperty("byChannel")[0];
        Assert.Equal(("inPerson", "unspecified"), (channel.GetProperty("channel").GetString(), channel.GetProperty("direction").GetString()));
    }

    [Fact]
    public void The_same_log_writes_the_same_text_whatever_the_row_order()
    {
        var log = new EventLogBuilder();
        log.Journey(JourneyStatus.Completed, (log.A, 0), (log.B, 10), (log.C, 25));
        log.Journey(JourneyStatus.Dropped, (log.A, 1), (log.B, 2));
        var first = JourneyMetricsJson.Write(log.Compute());

        log.Log.StageVisits.Reverse();
        log.Log.Journeys.Reverse();
        log.Log.Stages.Reverse();

        Assert.Equal(first, JourneyMetricsJson.Write(log.Compute()));
        using var document = JsonDocument.Parse(first);
        // One journey each: ordinal order puts the prefix "A > B" first.
        Assert.Equal(new[] { ("A > B", "0.5"), ("A > B > C", "0.5") },
            document.RootElement.GetProperty("variants").EnumerateArray().Select(v => (v.GetProperty("sequence").GetString()!, v.GetProperty("share").GetRawText())));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    [InlineData(10, 1000)]
    public void A_filter_no_computation_can_honour_is_refused_with_what_to_change(int fromHours, int topVariants)
    {
        var log = new EventLogBuilder();
        var filter = new MetricsFilter { From = EventLogBuilder.At(fromHours), To = EventLogBuilder.At(5), TopVariants = topVariants };

        var error = Assert.Throws<BusinessRuleViolation>(() => log.Compute(filter));

        Assert.True(error.Message.Contains("From must be earlier") || error.Message.Contains("Top variants must be between"), error.Message);
    }
}
