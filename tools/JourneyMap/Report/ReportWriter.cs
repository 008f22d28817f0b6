using System;
using System.IO;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.JourneyMap.Engine;

namespace PatientJourney.Crm.JourneyMap.Report;

/// <summary>What one report run produced.</summary>
public sealed record ReportResult(JourneyMetrics Metrics, string MetricsJson, string MetricsPath, string HtmlPath, long StageVisitsLoaded);

/// <summary>
/// journey-map report: load the export, run the metric SQL, write metrics.json (Domain/Analytics' writer) and
/// journey-map.html. Both files are written to a temporary folder beside the output and moved in only when complete,
/// so bad input leaves no partial report.
/// </summary>
public static class ReportWriter
{
    public const string MetricsFile = "metrics.json";
    public const string HtmlFile = "journey-map.html";

    /// <param name="onStep">Told each step (table loaded, SQL file run, file written), for progress.</param>
    public static ReportResult Write(string inputFolder, string outputFolder, ReportOptions options, Action<string>? onStep = null)
    {
        if (!Directory.Exists(inputFolder))
        {
            throw new Input.ExportInputException(inputFolder, null, null, "the export folder does not exist: give --input as the folder holding the exported tables.");
        }
        JourneyMetrics metrics;
        System.Collections.Generic.IReadOnlyList<MonthTrend> trends;
        long visits;
        using (var engine = DuckDbJourneyEngine.Open(inputFolder, options, table => onStep?.Invoke("load " + table)))
        {
            var results = engine.Run(file => onStep?.Invoke("compute " + file));
            metrics = MetricsMapper.Map(results, engine.Filter);
            trends = HtmlReport.Trends(results);
            visits = engine.RowsLoaded[Input.ExportTables.StageVisit.Name];
        }

        var output = Path.GetFullPath(outputFolder);
        var staging = Path.Combine(Path.GetDirectoryName(output.TrimEnd(Path.DirectorySeparatorChar)) ?? ".", $".{Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar))}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            onStep?.Invoke("write " + MetricsFile);
            var json = JourneyMetricsJson.Write(metrics);
            File.WriteAllText(Path.Combine(staging, MetricsFile), json);
            onStep?.Invoke("write " + HtmlFile);
            File.WriteAllText(Path.Combine(staging, HtmlFile), HtmlReport.Write(metrics, trends, "Journey map"));
            Directory.CreateDirectory(output);
            foreach (var name in new[] { MetricsFile, HtmlFile }) File.Move(Path.Combine(staging, name), Path.Combine(output, name), overwrite: true);
            return new ReportResult(metrics, json, Path.Combine(output, MetricsFile), Path.Combine(output, HtmlFile), visits);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
