using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using DuckDB.NET.Data;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Input;
using PatientJourney.Crm.JourneyMap.Report;
using PatientJourney.Crm.JourneyMap.Simulation;
using PatientJourney.Crm.Packer;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>Writes a log in each of the three export layouts and runs the report over it.</summary>
public static class Exports
{
    private static readonly Lazy<byte[]> shippedZip = new(() => ShippedPackage.Managed(RepoPaths.Root, RepoPaths.Configuration));
    private static readonly Lazy<SolutionPackage> shippedSolution = new(() => OrganisationSimulation.Read(ShippedZip));

    /// <summary>The shipped managed zip, packed once per test run.</summary>
    public static byte[] ShippedZip => shippedZip.Value;

    /// <summary>The shipped managed zip read with the shipped plug-in types; simulations import it.</summary>
    public static SolutionPackage ShippedSolution => shippedSolution.Value;

    public static string NewFolder(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-output", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Csv(JourneyEventLog log, string name)
    {
        var folder = NewFolder(name + "-csv");
        InterchangeWriter.Write(log, folder);
        return folder;
    }

    /// <summary>The same columns as Parquet files, with typed columns where Parquet has the type.</summary>
    public static string Parquet(string csvFolder)
    {
        var folder = NewFolder("parquet");
        using var connection = Open();
        foreach (var table in ExportTables.All)
        {
            var columns = string.Join(", ", table.Columns.Select(c => c.Kind switch
            {
                ColumnKind.DateTime => $"CAST({c.Name} AS TIMESTAMP) AS {c.Name}",
                ColumnKind.Integer or ColumnKind.Choice => $"CAST({c.Name} AS INTEGER) AS {c.Name}",
                ColumnKind.Boolean => $"CAST({c.Name} AS BOOLEAN) AS {c.Name}",
                _ => c.Name,
            }));
            Execute(connection, $"COPY (SELECT {columns} FROM read_csv('{Path.Combine(csvFolder, table.Name + ".csv")}', header = true, all_varchar = true)) TO '{Path.Combine(folder, table.Name + ".parquet")}' (FORMAT parquet)");
        }
        return folder;
    }

    /// <summary>The Synapse Link / Fabric Link layout: a folder per table, headerless parts (two per table, extra system columns first), model.json.</summary>
    public static string Synapse(string csvFolder)
    {
        var folder = NewFolder("synapse");
        var entities = new System.Collections.Generic.List<object>();
        foreach (var table in ExportTables.All)
        {
            var lines = File.ReadAllLines(Path.Combine(csvFolder, table.Name + ".csv"));
            var tableFolder = Directory.CreateDirectory(Path.Combine(folder, table.Name)).FullName;
            var rows = lines.Skip(1).Select(l => "\"2026-06-01T00:00:00.0000000Z\"," + l + ",extra").ToList();
            var half = rows.Count / 2;
            File.WriteAllLines(Path.Combine(tableFolder, "2026-1.csv"), rows.Take(half));
            File.WriteAllLines(Path.Combine(tableFolder, "2026-2.csv"), rows.Skip(half));
            entities.Add(new
            {
                name = table.Name,
                attributes = new[] { new { name = "SinkModifiedOn", dataType = "dateTime" } }
                    .Concat(lines[0].Split(',').Select(c => new { name = c, dataType = "string" }))
                    .Concat(new[] { new { name = "versionnumber", dataType = "int64" } }).ToArray(),
                partitions = new[] { new { name = "2026-1", location = $"https://lake.example/{table.Name}/2026-1.csv" }, new { name = "2026-2", location = $"https://lake.example/{table.Name}/2026-2.csv" } },
            });
        }
        File.WriteAllText(Path.Combine(folder, "model.json"), JsonSerializer.Serialize(new { name = "cdm", version = "1.0", entities }));
        return folder;
    }

    public static ReportResult Report(string input, ReportOptions? options = null) =>
        ReportWriter.Write(input, NewFolder("report"), options ?? new ReportOptions { AsOf = Logs.AsOf });

    public static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
