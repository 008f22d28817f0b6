using System.Linq;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Journeys;
using Xunit;

namespace PatientJourney.Crm.Domain.Tests.Analytics;

public class StageMapTests
{
    private readonly EventLogBuilder log = new();
    private readonly JourneyRecord reworked, dropped, active;

    // Three journeys (stages A 10, B 20, C 30; hours after start):
    //   reworked  completed  A@0  B@10  A@20  B@30  C@40      (B → A is a back-edge: rework)
    //   dropped   dropped    A@0  B@4
    //   active    active     A@0  B@6   C@20
    public StageMapTests()
    {
        reworked = log.Journey(JourneyStatus.Completed, (log.A, 0), (log.B, 10), (log.A, 20), (log.B, 30), (log.C, 40));
        dropped = log.Journey(JourneyStatus.Dropped, (log.A, 0), (log.B, 4));
        active = log.Journey(JourneyStatus.Active, (log.A, 0), (log.B, 6), (log.C, 20));
    }

    [Fact]
    public void Edges_count_occurrences_and_journeys_with_mean_and_even_count_median()
    {
        var edges = log.Compute().StageMap.Edges;

        // Sorted by from sequence, then to sequence: A→B (10→20), B→A (20→10), B→C (20→30).
        Assert.Equal(new[] { "A>B", "B>A", "B>C" }, edges.Select(e => e.From + ">" + e.To));
        var ab = edges[0];
        // A→B occurs twice in "reworked" (0→10, 20→30), once in "dropped" (0→4), once in "active" (0→6).
        Assert.Equal(4, ab.Frequency);
        Assert.Equal(3, ab.CaseFrequency);
        Assert.Equal(7.5m, ab.MeanHours);        // (10 + 10 + 4 + 6) / 4
        Assert.Equal(8m, ab.MedianHours);        // sorted 4, 6, 10, 10: even count, (6 + 10) / 2
        Assert.False(ab.IsRework);
        var ba = edges[1];
        Assert.True(ba.IsRework);
        Assert.Equal(1, ba.Frequency);
        Assert.Equal(10m, ba.MedianHours);       // B@10 → A@20
        var bc = edges[2];
        Assert.Equal(2, bc.Frequency);
        Assert.Equal(12m, bc.MedianHours);       // reworked 30→40 = 10, active 6→20 = 14: (10 + 14) / 2
        Assert.Equal(log.B.Id, bc.FromStageId);
        Assert.Equal(log.C.Id, bc.ToStageId);
    }

    [Fact]
    public void Nodes_count_visits_journeys_rework_and_drop_off()
    {
        var nodes = log.Compute().StageMap.Nodes;

        Assert.Equal(new[] { "A", "B", "C" }, nodes.Select(n => n.Stage));
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        Assert.Equal((4, 3, 1), (a.Visits, a.Journeys, a.Rework));      // reworked visits A twice; one back-edge enters A
        Assert.Equal((4, 3, 0), (b.Visits, b.Journeys, b.Rework));
        Assert.Equal((2, 2, 0), (c.Visits, c.Journeys, c.Rework));
        // Only "dropped" is dropped or cancelled, and its last visit is B: 1 of the 3 journeys that visited B.
        Assert.Equal((0, 3), (a.DropOff.Numerator, a.DropOff.Denominator));
        Assert.Equal((1, 3), (b.DropOff.Numerator, b.DropOff.Denominator));
        Assert.Equal(1m / 3m, b.DropOff.Value);
        Assert.Equal((0, 2), (c.DropOff.Numerator, c.DropOff.Denominator));
    }

    [Fact]
    public void Start_and_end_stages_count_journeys_by_final_status()
    {
        var map = log.Compute().StageMap;

        var start = Assert.Single(map.StartStages);
        Assert.Equal(("A", 3), (start.Stage, start.Journeys));
        // Ends: dropped at B; active and completed at C (status in enum order: active before completed).
        Assert.Equal(new[] { "B:Dropped:1", "C:Active:1", "C:Completed:1" }, map.EndStages.Select(e => $"{e.Stage}:{e.Status}:{e.Journeys}"));
    }

    [Fact]
    public void Funnel_shares_are_of_the_journeys_started_in_the_period()
    {
        // A fourth journey starts inside the period but its only visit enters after it: a case with no visit.
        var late = log.BareJourney(JourneyStatus.Active, 50);
        log.Visit(late, log.A, 200, null);

        var metrics = log.Compute(new MetricsFilter { From = EventLogBuilder.At(0), To = EventLogBuilder.At(100) });

        Assert.Equal(4, metrics.Totals.Journeys);
        Assert.Equal(4, metrics.Totals.Patients);
        Assert.Equal(10, metrics.Totals.StageVisits);  // 5 + 2 + 3, the late visit is outside the period
        // A and B: 3 of 4 journeys = 0.75; C: 2 of 4 = 0.5.
        Assert.Equal(new[] { 0.75m, 0.75m, 0.5m }, metrics.Funnel.Select(f => f.Share!.Value));
        Assert.Equal(new[] { 10, 20, 30 }, metrics.Funnel.Select(f => f.Sequence));
    }

    [Fact]
    public void Variants_are_sorted_by_count_then_sequence_text_and_cut_to_the_top()
    {
        log.Journey(JourneyStatus.Active, (log.A, 0), (log.B, 5));   // a second "A > B"

        var variants = log.Compute(new MetricsFilter { TopVariants = 2 }).Variants;

        // "A > B" twice (2 of 4 = 0.5); then the two singles tie on count, and ordinally
        // "A > B > A > B > C" < "A > B > C" ('A' < 'C' at the seventh character); the top 2 keep the first.
        Assert.Equal(new[] { ("A > B", 2, 0.5m), ("A > B > A > B > C", 1, 0.25m) }, variants.Select(v => (v.Sequence, v.Journeys, v.Share)));
    }

    [Fact]
    public void A_pathway_filter_keeps_only_that_pathways_journeys()
    {
        var other = log.Stage("X", 10, StagePhase.PreCare, null, pathway: System.Guid.NewGuid());
        log.Journey(JourneyStatus.Active, (other, 0));

        Assert.Equal(4, log.Compute().Totals.Journeys);
        var filtered = log.Compute(new MetricsFilter { PathwayId = log.Pathway });
        Assert.Equal(3, filtered.Totals.Journeys);
        Assert.DoesNotContain(filtered.StageMap.Nodes, n => n.Stage == "X");
    }
}
