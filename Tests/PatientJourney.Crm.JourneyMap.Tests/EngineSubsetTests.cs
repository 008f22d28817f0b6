using System.Linq;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Input;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// The bench's like-with-like run: the engine asked for only the stage map, variants and stage durations runs only the
/// statements they need, loads only the tables those read, and gives the same rows as the whole report's run.
/// </summary>
public sealed class EngineSubsetTests
{
    private static readonly string[] Families = { "nodes", "edges", "variants", "stageDurations" };

    [Fact]
    public void Needed_statements_are_the_results_and_what_they_read_in_run_order()
    {
        var all = SqlScript.Load("duckdb");
        var needed = SqlScript.Needed(all, new[] { "edges" });

        Assert.Equal(new[] { "edges" }, needed.Where(s => s.ResultName is not null).Select(s => s.ResultName));
        Assert.Contains(needed, s => s.Sql.StartsWith("CREATE TABLE scope_visit", System.StringComparison.Ordinal));
        Assert.Contains(needed, s => s.Sql.StartsWith("CREATE TABLE scope_stage", System.StringComparison.Ordinal));
        Assert.DoesNotContain(needed, s => SqlScript.Mentions(s, "scope_touchpoint") || SqlScript.Mentions(s, "journey_variant"));
        Assert.Equal(needed.OrderBy(s => IndexOf(all, s)), needed);
    }

    [Fact]
    public void The_stage_map_variants_and_durations_alone_equal_the_whole_run()
    {
        var input = Exports.Parquet(Exports.Csv(Logs.Random(400, 7), "subset"));
        var options = new ReportOptions { AsOf = Logs.AsOf, TopVariants = 25 };
        using var whole = DuckDbJourneyEngine.Open(input, options);
        using var alone = DuckDbJourneyEngine.Open(input, options, results: Families);
        var expected = whole.Run();
        var actual = alone.Run();

        Assert.Equal(new[] { ExportTables.PathwayStage.Name, ExportTables.Journey.Name, ExportTables.StageVisit.Name }.Order(), alone.RowsLoaded.Keys.Order());
        Assert.Equal(Families.Order(), actual.Names.Order());
        Assert.True(expected["edges"].Count > 5 && expected["variants"].Count > 5);
        foreach (var family in Families)
        {
            var columns = family switch
            {
                "nodes" => new[] { "stage", "visits", "journeys", "rework", "dropped" },
                "edges" => new[] { "from_stage", "to_stage", "frequency", "case_frequency", "mean_hours", "median_hours" },
                "variants" => new[] { "sequence", "journeys", "all_journeys" },
                _ => new[] { "stage", "closed", "mean_hours", "median_hours", "p90_hours", "overdue" },
            };
            Assert.Equal(Rows(expected, family, columns), Rows(actual, family, columns));
        }
    }

    private static int IndexOf(System.Collections.Generic.IReadOnlyList<SqlStatement> all, SqlStatement statement) =>
        all.Select((s, i) => (s, i)).First(p => p.s == statement).i;

    // Means are sums of doubles in whatever order DuckDB's threads add them: equal to the metrics' rounding, not to the last bit.
    private static string[] Rows(ResultSets sets, string name, string[] columns) =>
        sets[name].Select(row => string.Join("|", columns.Select(c =>
            double.TryParse(row.Text(c), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.CurrentCulture, out var number) && !row.Text(c).Contains('>')
                ? System.Math.Round(number, 9).ToString(System.Globalization.CultureInfo.InvariantCulture) : row.Text(c)))).ToArray();
}
