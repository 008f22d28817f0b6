using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PatientJourney.Crm.DataverseWebApi;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// journey-map export: reads the export tables from an environment over the Dataverse Web API (the shared
/// <see cref="DataverseWebApiClient"/>: sign-in, service-protection retries, paging) and writes the interchange format.
/// Only the columns of <see cref="ExportTables"/> are requested ($select; lookups as _name_value), 5,000 rows a page.
/// The files are written once every table has been read, so a refused or throttled-out export leaves none behind.
/// </summary>
public sealed class WebApiExporter(DataverseWebApiClient client)
{
    /// <param name="onRows">Called after each page: the table and the rows read from it so far.</param>
    public async Task<IReadOnlyDictionary<string, int>> ExportAsync(string folder, Action<string, int>? onRows = null, CancellationToken cancel = default)
    {
        var tables = new List<(ExportTable Table, List<object?[]> Rows)>();
        foreach (var table in ExportTables.All)
        {
            var entitySet = (await client.TableAsync(table.Name, cancel)).EntitySetName;
            var select = string.Join(",", table.Columns.Select((c, i) => WebApiName(c, i)));
            var rows = new List<object?[]>();
            onRows?.Invoke(table.Name, 0);
            await foreach (var page in client.PagesAsync($"{entitySet}?$select={select}", cancel: cancel))
            {
                foreach (var row in page.RootElement.GetProperty("value").EnumerateArray())
                {
                    rows.Add(table.Columns.Select((c, i) => Value(row, c, WebApiName(c, i))).ToArray());
                }
                onRows?.Invoke(table.Name, rows.Count);
            }
            tables.Add((table, rows));
        }
        System.IO.Directory.CreateDirectory(folder);
        foreach (var (table, rows) in tables) InterchangeWriter.Table(folder, table, rows);
        return tables.ToDictionary(t => t.Table.Name, t => t.Rows.Count);
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
}
