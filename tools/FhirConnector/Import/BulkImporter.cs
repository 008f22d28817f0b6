using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.FhirConnector.Import;

/// <summary>Where a bulk import stopped: the file and the number of its lines already imported.</summary>
public sealed record BulkCheckpoint(string File, int Lines);

/// <summary>What a bulk run did: resources read, written or unchanged, failed (with file, line and outcome), and its pace.</summary>
public sealed record BulkResult(int Resources, int Failed, IReadOnlyList<string> Failures, TimeSpan Elapsed, bool Finished)
{
    public double ResourcesPerSecond => Elapsed.TotalSeconds > 0 ? Resources / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Imports a FHIR Bulk Data <c>$export</c> directory (one NDJSON file per resource type) as batch bundles of
/// <c>batchSize</c> resources. After each batch the checkpoint file records how far it got, so a stopped run resumes
/// where it left off; the FHIR-id keys make a repeated batch change nothing, so a crash between a batch and its
/// checkpoint duplicates nothing either. Files are read in dependency order (patients before what refers to them).
/// </summary>
public sealed class BulkImporter(IOrganizationService service, ConnectorSettings settings)
{
    private static readonly string[] DependencyOrder = ["Patient", "ServiceRequest", "EpisodeOfCare", "Appointment", "Encounter", "QuestionnaireResponse"];

    public BulkResult Run(string directory, string checkpointFile, int batchSize = 100, int? maxBatches = null, Action<string>? progress = null)
    {
        var importer = new BundleImporter(service, settings);
        var checkpoint = File.Exists(checkpointFile) ? JsonSerializer.Deserialize<BulkCheckpoint>(File.ReadAllText(checkpointFile)) : null;
        var files = Directory.GetFiles(directory, "*.ndjson").Select(Path.GetFileName).OfType<string>()
            .OrderBy(f => Rank(f)).ThenBy(f => f, StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        int resources = 0, failed = 0, batches = 0;
        var failures = new List<string>();
        var skipping = checkpoint != null;
        foreach (var file in files)
        {
            var done = 0;
            if (skipping)
            {
                if (file != checkpoint!.File) continue;
                skipping = false;
                done = checkpoint.Lines;
            }
            var lines = File.ReadLines(Path.Combine(directory, file)).Skip(done);
            foreach (var batch in lines.Where(l => !string.IsNullOrWhiteSpace(l)).Chunk(batchSize))
            {
                if (batches == maxBatches) return new BulkResult(resources, failed, failures, clock.Elapsed, false);
                var response = importer.Import(Bundle(batch));
                for (var i = 0; i < response.Entry.Count; i++)
                {
                    if (response.Entry[i].Response?.Outcome is not OperationOutcome outcome) continue;
                    failed++;
                    failures.Add($"{file}:{done + i + 1}: " + string.Join("; ", outcome.Issue.Select(x => $"{string.Join(",", x.Expression)}: {x.Diagnostics}")));
                }
                done += batch.Length;
                resources += batch.Length;
                batches++;
                File.WriteAllText(checkpointFile, JsonSerializer.Serialize(new BulkCheckpoint(file, done)));
                progress?.Invoke($"{file}: {done} lines, {resources} resources, {resources / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s");
            }
        }
        return new BulkResult(resources, failed, failures, clock.Elapsed, true);
    }

    private static int Rank(string file)
    {
        var index = Array.FindIndex(DependencyOrder, t => file.StartsWith(t, StringComparison.Ordinal));
        return index < 0 ? DependencyOrder.Length : index;
    }

    private static string Bundle(IEnumerable<string> lines)
    {
        var json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[");
        json.AppendJoin(',', lines.Select(l => "{\"resource\":" + l + "}"));
        return json.Append("]}").ToString();
    }
}
