using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PatientJourney.Crm.DataverseWebApi;
using PatientJourney.Crm.JourneyMap.Input;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// journey-map export against a small in-test Web API fake (HttpListener; <see cref="HostExportTests"/> exports from
/// the emulator's real Web API host): entity set names from metadata, $select of the export columns with lookups as _name_value, pages followed
/// by @odata.nextLink, a 429 waited out by its Retry-After. The export written equals the interchange files served.
/// </summary>
public sealed class ExportTests
{
    private const int PageSize = 2;

    [Fact]
    public async Task Export_pages_through_every_table_retries_429_and_writes_the_interchange_format()
    {
        var source = Exports.Csv(Logs.HandWorked(), "served");
        var rows = ExportTables.All.ToDictionary(t => t.Name, t => Read(source, t));
        var port = 20000 + Random.Shared.Next(20000);
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = new List<string>();
        var throttledOnce = false;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (HttpListenerException) { return; } catch (ObjectDisposedException) { return; }
                var url = context.Request.Url!;
                lock (requests) requests.Add(url.PathAndQuery + " Prefer: " + context.Request.Headers["Prefer"]);
                string body;
                if (url.AbsolutePath.Contains("EntityDefinitions", StringComparison.Ordinal))
                {
                    var logical = Uri.UnescapeDataString(url.AbsolutePath).Split('\'')[1];
                    body = JsonSerializer.Serialize(new { EntitySetName = logical + "set", PrimaryIdAttribute = logical + "id" });
                }
                else
                {
                    var table = ExportTables.All.Single(t => url.AbsolutePath.EndsWith("/" + t.Name + "set", StringComparison.Ordinal));
                    var page = int.Parse(context.Request.QueryString["page"] ?? "0");
                    if (table == ExportTables.StageVisit && page == 1 && !throttledOnce)
                    {
                        throttledOnce = true;
                        context.Response.StatusCode = 429;
                        context.Response.AddHeader("Retry-After", "1");
                        context.Response.Close();
                        continue;
                    }
                    var all = rows[table.Name];
                    var value = all.Skip(page * PageSize).Take(PageSize).ToList();
                    var result = new Dictionary<string, object> { ["value"] = value };
                    if ((page + 1) * PageSize < all.Count) result["@odata.nextLink"] = $"http://127.0.0.1:{port}{url.AbsolutePath}?{url.Query.TrimStart('?').Split("&page=")[0]}&page={page + 1}";
                    body = JsonSerializer.Serialize(result);
                }
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        var output = Exports.NewFolder("exported");
        using var client = new DataverseWebApiClient(new Uri($"http://127.0.0.1:{port}"), _ => Task.FromResult<string?>(null));
        var counts = await new WebApiExporter(client).ExportAsync(output);
        stop.Cancel();
        listener.Stop();

        Assert.Equal(1, client.Retried);
        Assert.Equal(7, counts[ExportTables.StageVisit.Name]);
        foreach (var table in ExportTables.All)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(source, table.Name + ".csv")), File.ReadAllText(Path.Combine(output, table.Name + ".csv")));
        }
        Assert.Contains(requests, r => r.Contains("$select=pj_journeystagehistoryid,_pj_journeyid_value,_pj_stageid_value,pj_enteredon", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Contains("&page=3", StringComparison.Ordinal));
        Assert.All(requests.Where(r => !r.Contains("EntityDefinitions", StringComparison.Ordinal)), r => Assert.EndsWith("Prefer: odata.maxpagesize=5000", r, StringComparison.Ordinal));
        Assert.Equal(Exports.Report(source).MetricsJson, Exports.Report(output).MetricsJson);
    }

    /// <summary>The served rows as the Web API writes them: lookups as _name_value, choices and numbers as numbers.</summary>
    private static List<Dictionary<string, object?>> Read(string folder, ExportTable table)
    {
        using var connection = Exports.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM read_csv('{Path.Combine(folder, table.Name + ".csv")}', header = true, all_varchar = true)";
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var column = table.Columns[i];
                var text = reader.IsDBNull(i) ? null : reader.GetString(i);
                var name = column.Kind == ColumnKind.Id && i > 0 ? $"_{column.Name}_value" : column.Name;
                row[name] = text is null ? null : column.Kind switch
                {
                    ColumnKind.Integer or ColumnKind.Choice => int.Parse(text),
                    ColumnKind.Boolean => bool.Parse(text),
                    _ => text,
                };
            }
            rows.Add(row);
        }
        return rows;
    }
}
