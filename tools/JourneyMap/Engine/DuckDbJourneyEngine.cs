using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DuckDB.NET.Data;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.JourneyMap.Input;

namespace PatientJourney.Crm.JourneyMap.Engine;

/// <summary>What a report covers and against which present and calendar it is computed.</summary>
public sealed class ReportOptions
{
    /// <summary>A pathway id, or a pathway name as configured in pj_carepathway.</summary>
    public string? Pathway { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public int TopVariants { get; init; } = MetricsFilter.DefaultTopVariants;
    /// <summary>The present (closed readmission windows, past-due follow-ups); by default To, else the export's latest stage change.</summary>
    public DateTime? AsOf { get; init; }
    public string BusinessHours { get; init; } = BusinessCalendarSettings.DefaultHours;
    public string? Holidays { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}

/// <summary>The export loaded into an embedded DuckDB, with the filter resolved; runs the metric SQL files.</summary>
public sealed class DuckDbJourneyEngine : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly TimeZoneInfo timeZone;

    private readonly IReadOnlyList<SqlStatement> statements;

    private DuckDbJourneyEngine(DuckDBConnection connection, IReadOnlyList<SqlStatement> statements, MetricsFilter filter, DateTime asOf, BusinessCalendar calendar, TimeZoneInfo timeZone, IReadOnlyDictionary<string, long> rows)
    {
        this.connection = connection;
        this.statements = statements;
        this.timeZone = timeZone;
        Filter = filter;
        AsOf = asOf;
        Calendar = calendar;
        RowsLoaded = rows;
    }

    public MetricsFilter Filter { get; }
    public DateTime AsOf { get; }
    public BusinessCalendar Calendar { get; }
    public IReadOnlyDictionary<string, long> RowsLoaded { get; }
    public DuckDBConnection Connection => connection;

    /// <summary>Seconds each statement of the last <see cref="Run"/> took, in run order (the bench prints them per file).</summary>
    public IReadOnlyList<(SqlStatement Statement, double Seconds)> Timings => timings;

    private readonly List<(SqlStatement Statement, double Seconds)> timings = new();

    /// <param name="onStep">Told the name of each table loaded, for progress.</param>
    /// <param name="results">Only these result sets (and what they need: <see cref="SqlScript.Needed"/>), loading only
    /// the tables their statements read; every result set when null.</param>
    public static DuckDbJourneyEngine Open(string exportFolder, ReportOptions options, Action<string>? onStep = null, IReadOnlyCollection<string>? results = null)
    {
        var statements = SqlScript.Load("duckdb");
        var tables = ExportTables.All;
        if (results is not null)
        {
            statements = SqlScript.Needed(statements, results);
            tables = ExportTables.All.Where(t => statements.Any(s => SqlScript.Mentions(s, t.Name)) || (t == ExportTables.CarePathway && options.Pathway is not null)).ToList();
        }
        var calendar = BusinessCalendarSettings.Parse(options.BusinessHours, options.Holidays, options.TimeZone);
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            Configure(connection);
            var rows = new ExportLoader(connection).LoadAll(exportFolder, tables, onStep);
            var filter = new MetricsFilter
            {
                PathwayId = ResolvePathway(connection, options.Pathway),
                From = options.From,
                To = options.To,
                TopVariants = options.TopVariants,
            };
            filter.Check();
            var asOf = options.AsOf ?? options.To ?? LatestStageChange(connection);
            var engine = new DuckDbJourneyEngine(connection, statements, filter, asOf, calendar, options.TimeZone, rows);
            engine.CreateParameters();
            return engine;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs the metric SQL files (the statements chosen at <see cref="Open"/>); returns the named result sets.</summary>
    public ResultSets Run(Action<string>? onFile = null)
    {
        var results = new ResultSets();
        string? lastFile = null;
        timings.Clear();
        foreach (var statement in statements)
        {
            if (statement.File != lastFile) onFile?.Invoke(lastFile = statement.File);
            var started = Stopwatch.GetTimestamp();
            using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            if (statement.ResultName is null)
            {
                command.ExecuteNonQuery();
                timings.Add((statement, Stopwatch.GetElapsedTime(started).TotalSeconds));
                continue;
            }
            using var reader = command.ExecuteReader();
            var rows = new List<ResultRow>();
            while (reader.Read())
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++) values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(new ResultRow(values));
            }
            results.Add(statement.ResultName, rows);
            timings.Add((statement, Stopwatch.GetElapsedTime(started).TotalSeconds));
        }
        return results;
    }

    public void Dispose() => connection.Dispose();

    public static DateTime FromSeconds(double seconds) => DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    /// <summary>
    /// Every core; a memory limit of three quarters of what this process may use (the GC's view, which honours a
    /// container's limit), so the machine keeps room; what does not fit spills to the system temp folder rather than
    /// the working folder (DuckDB's default for an in-memory database).
    /// https://duckdb.org/docs/stable/configuration/overview (threads, memory_limit, temp_directory)
    /// </summary>
    private static void Configure(DuckDBConnection connection)
    {
        var limitMiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 3 / 4 / (1024 * 1024);
        var temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"journey-map-duckdb-{Environment.ProcessId}");
        foreach (var setting in new[]
        {
            $"SET threads = {Environment.ProcessorCount}",
            $"SET memory_limit = '{limitMiB}MiB'",
            $"SET temp_directory = '{temp.Replace("'", "''")}'",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = setting;
            command.ExecuteNonQuery();
        }
    }

    private static Guid? ResolvePathway(DuckDBConnection connection, string? pathway)
    {
        if (string.IsNullOrWhiteSpace(pathway)) return null;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pj_carepathwayid FROM pj_carepathway WHERE CAST(pj_carepathwayid AS VARCHAR) = lower($p) OR pj_name = $p";
        command.Parameters.Add(new DuckDBParameter("p", pathway.Trim()));
        var ids = new List<Guid>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) ids.Add(reader.GetGuid(0));
        }
        if (ids.Count == 1) return ids[0];
        throw new ExportInputException("pj_carepathway", null, "pj_name", ids.Count == 0
            ? "no care pathway has that id or name: give --pathway as a pathway's id or its name exactly as configured."
            : "more than one care pathway has that name: give --pathway as the pathway's id.");
    }

    private static DateTime LatestStageChange(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(greatest(pj_enteredon, coalesce(pj_exitedon, pj_enteredon))) FROM pj_journeystagehistory";
        return FromSeconds(Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    private void CreateParameters()
    {
        Execute("DROP TABLE IF EXISTS params");
        Execute("CREATE TABLE params (pathway_id UUID, from_s DOUBLE, to_s DOUBLE, as_of_s DOUBLE)");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO params VALUES ($pathway, $from, $to, $asof)";
            command.Parameters.Add(new DuckDBParameter("pathway", Filter.PathwayId is { } id ? id : DBNull.Value));
            command.Parameters.Add(new DuckDBParameter("from", Filter.From is { } f ? Seconds(f) : DBNull.Value));
            command.Parameters.Add(new DuckDBParameter("to", Filter.To is { } t ? Seconds(t) : DBNull.Value));
            command.Parameters.Add(new DuckDBParameter("asof", Seconds(AsOf)));
            command.ExecuteNonQuery();
        }

        // One row per business day's opening hours over the referrals' span, in UTC, from the organisation's calendar.
        Execute("DROP TABLE IF EXISTS business_interval");
        Execute("CREATE TABLE business_interval (open_s DOUBLE, close_s DOUBLE)");
        if (!RowsLoaded.ContainsKey(ExportTables.Referral.Name)) return;
        DateTime first, last;
        using (var span = connection.CreateCommand())
        {
            span.CommandText = "SELECT min(pj_submittedon), max(greatest(pj_submittedon, pj_firstresponseon)) FROM pj_referral WHERE pj_firstresponseon IS NOT NULL AND pj_submittedon IS NOT NULL";
            using var reader = span.ExecuteReader();
            reader.Read();
            if (reader.IsDBNull(0)) return;
            first = FromSeconds(reader.GetDouble(0)).Date.AddDays(-2);
            last = FromSeconds(reader.GetDouble(1)).Date.AddDays(2);
        }
        using var appender = connection.CreateAppender("business_interval");
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (!Calendar.IsBusinessDay(day)) continue;
            var opens = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day + Calendar.OpensAt, DateTimeKind.Unspecified), timeZone);
            var closes = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day + Calendar.ClosesAt, DateTimeKind.Unspecified), timeZone);
            appender.CreateRow().AppendValue(Seconds(opens)).AppendValue(Seconds(closes)).EndRow();
        }
    }

    public static double Seconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond;

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
