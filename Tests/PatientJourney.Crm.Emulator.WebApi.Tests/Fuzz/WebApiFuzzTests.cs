using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CsCheck;
using PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;
using PatientJourney.Crm.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Fuzz;

/// <summary>
/// Malformed and hostile HTTP requests, thousands per run, against the Web API host serving the shipped solution: every
/// answer is a success or a 4xx with Dataverse's error JSON (<c>{"error":{"code","message"}}</c>), never a 500 or
/// "An unexpected error occurred"; a refused request writes nothing; no error echoes the patient data the request sent.
/// Run sizes scale with <c>PJ_FUZZ_ITERATIONS</c> (<see cref="FuzzRuns"/>); each test prints its counts.
/// </summary>
public sealed class WebApiFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] MarkerWords = ["Zebulon", "Quartermaine"];

    private sealed class Run(WebApiServer server, Dictionary<string, string> tables)
    {
        private readonly Emulator.EmulatorSnapshot seeded = server.Emulator.Snapshot();

        public SortedDictionary<int, int> ByStatus { get; } = [];

        /// <summary>The statuses of the parts inside $batch answers.</summary>
        public SortedDictionary<int, int> PartsByStatus { get; } = [];

        public string RowCounts() => string.Join(",", tables.Keys.Select(t => server.Emulator.Rows(t).Count));

        public async Task Send(HttpCase c)
        {
            var before = RowCounts();
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Body != null)
            {
                request.Content = new ByteArrayContent(c.Body);
                if (c.ContentType != null && MediaTypeHeaderValue.TryParse(c.ContentType, out var type)) request.Content.Headers.ContentType = type;
                else if (c.ContentType != null) request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }
            foreach (var (name, value) in c.Headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await server.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;

            Assert.True(status < 500, $"answered {status}: {body[..Math.Min(body.Length, 500)]}");
            Assert.DoesNotContain("An unexpected error occurred", body, StringComparison.Ordinal);
            if (c.Path == "$batch") CheckBatch(status, body);
            else if (status >= 400 && c.Method != "HEAD")   // a HEAD answer has no body
            {
                Assert.True(body.Length > 0, $"answered {status} without a body");
                CheckError(body);
            }
            if (status >= 400 && c.Path != "$batch") Assert.Equal(before, RowCounts());
            if (RowCounts() != before) server.Emulator.Restore(seeded);
        }

        /// <summary>Dataverse's error shape; the message names no patient data.</summary>
        private static void CheckError(string body)
        {
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.GetProperty("error");
            Assert.Equal(JsonValueKind.String, error.GetProperty("code").ValueKind);
            var message = error.GetProperty("message").GetString()!;
            foreach (var word in MarkerWords) Assert.DoesNotContain(word, message, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A $batch is refused whole (400 with the error shape) or answered part by part, each refused part with the error shape.</summary>
        private void CheckBatch(int status, string body)
        {
            if (status >= 400)
            {
                CheckError(body);
                return;
            }
            foreach (Match part in Regex.Matches(body, @"HTTP/1\.1 (\d{3})[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n(\{.*?\})\r\n", RegexOptions.Singleline))
            {
                var partStatus = int.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                PartsByStatus[partStatus] = PartsByStatus.GetValueOrDefault(partStatus) + 1;
                Assert.True(partStatus < 500, $"a part answered {partStatus}: {part.Groups[2].Value}");
                if (partStatus >= 400) CheckError(part.Groups[2].Value);
            }
        }
    }

    private async Task<(WebApiServer Server, Run Run, HostileHttp Hostile)> StartAsync()
    {
        var server = await WebApiServer.StartAsync();
        // Seeded care data whose names are not the marker, so that any echo of the marker comes from the request.
        var pathway = await server.CreateAsync("pj_carepathways", """{"pj_name":"Hip replacement"}""");
        var stage = await server.CreateAsync("pj_pathwaystages", $$"""{"pj_name":"Referral","pj_sequence":10,"pj_pathwayid@odata.bind":"/pj_carepathways({{pathway}})"}""");
        var patient = await server.CreateAsync("contacts", """{"firstname":"Ada","lastname":"Lovelace"}""");
        var journey = await server.CreateAsync("pj_journeys", $$"""{"pj_name":"Journey","pj_patientid@odata.bind":"/contacts({{patient}})","pj_pathwayid@odata.bind":"/pj_carepathways({{pathway}})"}""");
        var tables = server.Emulator.Metadata.Tables.ToDictionary(t => t.LogicalName, t => t.EntitySetName, StringComparer.Ordinal);
        var columns = server.Emulator.Metadata.Tables.Where(t => t.LogicalName is "contact" or "pj_journey" or "pj_referral" or "pj_touchpoint")
            .SelectMany(t => t.Columns.Select(c => c.LogicalName)).Distinct().Order(StringComparer.Ordinal).ToArray();
        server.Emulator.ClearLog();
        return (server, new Run(server, tables), new HostileHttp([.. tables.Values], columns, [pathway, stage, patient, journey]));
    }

    [Fact]
    public async Task Malformed_requests_get_a_4xx_with_the_error_shape_never_a_500_and_write_nothing()
    {
        var (server, run, hostile) = await StartAsync();
        await using (server)
        {
            await hostile.Request.SampleAsync(run.Send, iter: FuzzRuns.Iterations(8000), threads: 1, print: c => c.ToString(), writeLine: output.WriteLine);
            output.WriteLine($"HTTP: {run.ByStatus.Values.Sum()} requests ({string.Join(", ", run.ByStatus.Select(s => $"{s.Key} x{s.Value}"))})");
            Assert.Contains(run.ByStatus.Keys, s => s >= 400);
        }
    }

    [Fact]
    public async Task Malformed_batches_are_refused_whole_or_per_part_with_the_error_shape_never_a_500()
    {
        var (server, run, hostile) = await StartAsync();
        await using (server)
        {
            await hostile.Batch.SampleAsync(run.Send, iter: FuzzRuns.Iterations(2000), threads: 1, print: c => c.ToString(), writeLine: output.WriteLine);
            output.WriteLine($"$batch: {run.ByStatus.Values.Sum()} requests ({string.Join(", ", run.ByStatus.Select(s => $"{s.Key} x{s.Value}"))}); " +
                $"parts answered: {string.Join(", ", run.PartsByStatus.Select(s => $"{s.Key} x{s.Value}"))}");
            Assert.Contains(run.PartsByStatus.Keys, s => s >= 400);
        }
    }
}
