using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Report;

namespace PatientJourney.Crm.JourneyMap.Bench;

/// <summary>
/// journey-map bench: generates large exports directly and prints rows per second for the load and for the metrics,
/// peak memory, the whole report's time, and the engine's time for the stage map, variants and stage durations alone
/// next to a plain DuckDB query of the same three over the same files in the same process (the reference the engine
/// should match). Figures, not assertions.
/// </summary>
public static class BenchCommand
{
    /// <summary>The result sets the reference query computes too: the stage map, variants and stage durations.</summary>
    private static readonly string[] ReferenceFamilies = { "nodes", "edges", "variants", "stageDurations" };

    public static Command Create()
    {
        var visits = new Option<long[]>("--visits") { Description = "Stage visits to generate, one run each.", DefaultValueFactory = _ => new[] { 1_000_000L, 10_000_000L }, AllowMultipleArgumentsPerToken = true };
        var folder = new Option<string>("--work") { Description = "Folder for the generated exports and reports.", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "journey-map-bench") };
        var command = new Command("bench", "Measure load and metric throughput on generated exports of 1 M and 10 M stage visits.") { visits, folder };
        command.SetAction(parse =>
        {
            // On a shared machine wall time depends on the other load; the CPU seconds this process used do much less.
            Console.WriteLine($"cores: {Environment.ProcessorCount}; load average at start: {LoadAverage()}");
            Console.WriteLine("| stage visits | generate s | load s | load rows/s | metrics s | metrics visits/s | report total s | report CPU s | map+variants+durations s | map+variants+durations CPU s | reference query s | reference CPU s | peak memory MiB |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var count in parse.GetValue(visits)!) Run(count, Path.Combine(parse.GetValue(folder)!, count.ToString(CultureInfo.InvariantCulture)));
            return 0;
        });
        return command;
    }

    private static void Run(long visits, string folder)
    {
        var export = Path.Combine(folder, "export");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var watch = Stopwatch.StartNew();
        SyntheticExport.Write(export, visits);
        var generate = watch.Elapsed.TotalSeconds;

        watch.Restart();
        double load, metrics;
        long rows;
        var profile = new List<(string Step, double Seconds)>();
        var step = Stopwatch.StartNew();
        string? table = null;
        void Loaded(string next)
        {
            if (table is not null) profile.Add(("load " + table, step.Elapsed.TotalSeconds));
            table = next;
            step.Restart();
        }
        using (var engine = DuckDbJourneyEngine.Open(export, new ReportOptions(), Loaded))
        {
            Loaded("filter and calendar");
            load = watch.Elapsed.TotalSeconds;
            rows = engine.RowsLoaded.Values.Sum();
            watch.Restart();
            MetricsMapper.Map(engine.Run(), engine.Filter);
            metrics = watch.Elapsed.TotalSeconds;
            profile.AddRange(engine.Timings.GroupBy(t => t.Statement.File).Select(g => ("compute " + g.Key, g.Sum(t => t.Seconds))));
            profile.AddRange(engine.Timings.OrderByDescending(t => t.Seconds).Take(6).Select(t => ("  slowest: " + t.Statement.File + " " + (t.Statement.ResultName ?? Created(t.Statement.Sql)), t.Seconds)));
        }

        watch.Restart();
        var cpu = Cpu();
        ReportWriter.Write(export, Path.Combine(folder, "report"), new ReportOptions());
        var total = watch.Elapsed.TotalSeconds;
        var totalCpu = Cpu() - cpu;

        // Like with like: the same three families from the same files, loading (and checking) only the tables they read.
        watch.Restart();
        cpu = Cpu();
        using (var families = DuckDbJourneyEngine.Open(export, new ReportOptions(), results: ReferenceFamilies)) families.Run();
        var engineFamilies = watch.Elapsed.TotalSeconds;
        var engineFamiliesCpu = Cpu() - cpu;

        watch.Restart();
        cpu = Cpu();
        Reference(export);
        var reference = watch.Elapsed.TotalSeconds;
        var referenceCpu = Cpu() - cpu;

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} | {1:0.0} | {2:0.0} | {3:N0} | {4:0.0} | {5:N0} | {6:0.0} | {7:0.0} | {8:0.0} | {9:0.0} | {10:0.0} | {11:0.0} | {12:N0} |",
            visits, generate, load, rows / load, metrics, visits / metrics, total, totalCpu, engineFamilies, engineFamiliesCpu, reference, referenceCpu, peak));
        Console.Error.WriteLine(string.Join(Environment.NewLine, profile.Select(p => string.Format(CultureInfo.InvariantCulture, "    {0,-40} {1,8:0.00} s", p.Step, p.Seconds))));
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static string Created(string sql) => System.Text.RegularExpressions.Regex.Match(sql, @"CREATE\s+\w+\s+(\w+)").Groups[1].Value;

    /// <summary>A plain DuckDB computation of the stage map, variants and stage durations straight over the Parquet files.</summary>
    private static void Reference(string export)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var visits = $"read_parquet('{Path.Combine(export, "pj_journeystagehistory.parquet")}')";
        var stages = $"read_parquet('{Path.Combine(export, "pj_pathwaystage.parquet")}')";
        foreach (var sql in new[]
        {
            $@"CREATE TABLE v AS SELECT h.pj_journeyid AS j, h.pj_stageid AS s, st.pj_name AS name, h.pj_enteredon AS e, h.pj_exitedon AS x,
                 lead(h.pj_stageid) OVER (PARTITION BY h.pj_journeyid ORDER BY h.pj_enteredon, st.pj_sequence, h.pj_journeystagehistoryid) AS next_s,
                 lead(h.pj_enteredon) OVER (PARTITION BY h.pj_journeyid ORDER BY h.pj_enteredon, st.pj_sequence, h.pj_journeystagehistoryid) AS next_e,
                 row_number() OVER (PARTITION BY h.pj_journeyid ORDER BY h.pj_enteredon, st.pj_sequence, h.pj_journeystagehistoryid) AS pos
               FROM {visits} h JOIN {stages} st ON st.pj_pathwaystageid = h.pj_stageid",
            "SELECT s, next_s, count(*), count(DISTINCT j), avg(epoch(next_e) - epoch(e)), median(epoch(next_e) - epoch(e)) FROM v WHERE next_s IS NOT NULL GROUP BY ALL",
            "SELECT seq, count(*) FROM (SELECT j, string_agg(name, ' > ' ORDER BY pos) AS seq FROM v GROUP BY j) GROUP BY seq ORDER BY 2 DESC LIMIT 10",
            "SELECT s, count(x), avg(epoch(x) - epoch(e)), median(epoch(x) - epoch(e)), quantile_cont(epoch(x) - epoch(e), 0.9) FROM v GROUP BY s",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read()) { }
        }
    }
}
