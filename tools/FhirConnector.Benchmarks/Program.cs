using System;
using System.Globalization;
using System.IO;
using System.Linq;
using PatientJourney.Crm.FhirConnector.Import;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;

namespace PatientJourney.Crm.FhirConnector.Benchmarks;

/// <summary>
/// Writes a synthetic Bulk Data export (half Patient, half Appointment lines), imports it into the emulator with the
/// shipped zip and its plug-ins in batches of 100, and prints resources per second. A figure, not a test.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var resources = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var patients = resources / 2;
        var env = new ScenarioEnvironment();
        var directory = Directory.CreateTempSubdirectory("pj-fhir-bench-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(directory, "Patient.ndjson"), Enumerable.Range(1, patients).Select(i =>
                $"{{\"resourceType\":\"Patient\",\"id\":\"p{i}\",\"identifier\":[{{\"system\":\"urn:oid:1.2.36.146.595.217.0.1\",\"value\":\"MRN-{i}\"}}],\"name\":[{{\"family\":\"Synthetic{i}\",\"given\":[\"Pat\"]}}],\"birthDate\":\"1960-01-01\"}}"));
            File.WriteAllLines(Path.Combine(directory, "Appointment.ndjson"), Enumerable.Range(1, resources - patients).Select(i =>
                $"{{\"resourceType\":\"Appointment\",\"id\":\"a{i}\",\"status\":\"booked\",\"start\":\"2026-12-{1 + i % 28:00}T10:00:00Z\",\"end\":\"2026-12-{1 + i % 28:00}T10:30:00Z\",\"participant\":[{{\"actor\":{{\"reference\":\"Patient/p{1 + (i - 1) % patients}\"}},\"status\":\"accepted\"}}]}}"));
            var settings = new ConnectorSettings { SourceSystem = "https://ehr.example.org/fhir", MrnSystem = "urn:oid:1.2.36.146.595.217.0.1" };
            var result = new BulkImporter(env.Service, settings).Run(directory, Path.Combine(directory, "checkpoint.json"), batchSize: 100,
                progress: line => { if (line.Contains("00 lines", StringComparison.Ordinal)) Console.Error.WriteLine(line); });
            Console.WriteLine($"{result.Resources} resources ({result.Failed} failed) in {result.Elapsed.TotalSeconds:F1} s: {result.ResourcesPerSecond:F0} resources/s");
            return result.Failed == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
