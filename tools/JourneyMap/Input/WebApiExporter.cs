using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// journey-map export: reads the export tables from an environment over the Dataverse Web API and writes the
/// interchange format. Only the columns of <see cref="ExportTables"/> are requested ($select; lookups as
/// _name_value); pages of 5,000 are followed by @odata.nextLink
/// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results); a 429 answer is retried
/// after its Retry-After (service protection limits, domain-anchors.md §1.1).
/// </summary>
public sealed class WebApiExporter
{
    private const int PageSize = 5000;
    private const int MaxRetries = 8;
    private readonly HttpClient http;
    private readonly Uri api;
    private readonly Func<CancellationToken, Task<string?>> token;

    /// <param name="environment">The environment's URL, e.g. https://contoso.crm.dynamics.com.</param>
    /// <param name="token">An access token for the environment (null for none).</param>
    public WebApiExporter(HttpClient http, Uri environment, Func<CancellationToken, Task<string?>> token)
    {
        this.http = http;
        api = new Uri(environment, "/api/data/v9.2/");
        this.token = token;
    }

    /// <summary>Requests the service waited out on 429, for the report.</summary>
    public int Throttled { get; private set; }

    public async Task<IReadOnlyDictionary<string, int>> ExportAsync(string folder, Action<string>? onTable = null, CancellationToken cancel = default)
    {
        var counts = new Dictionary<string, int>();
        foreach (var table in ExportTables.All)
        {
            onTable?.Invoke(table.Name);
            var entitySet = (await GetAsync(new Uri(api, $"EntityDefinitions(LogicalName='{table.Name}')?$select=EntitySetName"), cancel)).RootElement.GetProperty("EntitySetName").GetString()!;
            var select = string.Join(",", table.Columns.Select((c, i) => WebApiName(c, i)));
            var rows = new List<object?[]>();
            Uri? next = new(api, $"{entitySet}?$select={select}");
            while (next != null)
            {
                using var page = await GetAsync(next, cancel);
                foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
                {
                    rows.Add(table.Columns.Select((c, i) => Value(row, c, WebApiName(c, i))).ToArray());
                }
                next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
            }
            InterchangeWriter.Table(folder, table, rows);
            counts[table.Name] = rows.Count;
        }
        return counts;
    }

    /// <summary>The primary key is read by its name; other ids are lookups, read as _name_value.</summary>
    private static string WebApiName(ExportColumn column, int index) => column.Kind == ColumnKind.Id && index > 0 ? $"_{column.Name}_value" : column.Name;

    private static object? Value(JsonElement row, ExportColumn column, string name)
    {
        if (!row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return column.Kind switch
        {
            ColumnKind.Id => Guid.Parse(value.GetString()!),
            ColumnKind.DateTime => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            ColumnKind.Integer or ColumnKind.Choice => value.GetInt32(),
            ColumnKind.Boolean => value.GetBoolean(),
            _ => value.GetString(),
        };
    }

    private async Task<JsonDocument> GetAsync(Uri uri, CancellationToken cancel)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Add("OData-MaxVersion", "4.0");
            request.Headers.Add("OData-Version", "4.0");
            request.Headers.Add("Prefer", $"odata.maxpagesize={PageSize}");
            if (await token(cancel) is { } bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request, cancel);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRetries)
            {
                Throttled++;
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
                await Task.Delay(wait, cancel);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new ExportInputException(uri.GetLeftPart(UriPartial.Path), null, null,
                    $"the environment answered {(int)response.StatusCode} {response.ReasonPhrase}: check --url, the application user's security role (read on the solution's tables) and the credentials.");
            }
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
        }
    }
}
