using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>Where one table's rows are and which columns the files carry.</summary>
/// <param name="DisplayName">The file or folder named in messages (relative to the export folder).</param>
/// <param name="Files">The files holding the rows, in order.</param>
/// <param name="Format">How the files are written.</param>
/// <param name="HeaderColumns">Column names in file order (the CSV header, or the model.json attributes); null for Parquet, whose schema is read from the file.</param>
public sealed record TableSource(string DisplayName, IReadOnlyList<string> Files, SourceFormat Format, IReadOnlyList<string>? HeaderColumns);

public enum SourceFormat
{
    /// <summary>Interchange CSV: one file with a header row.</summary>
    CsvWithHeader,
    /// <summary>Synapse Link / Fabric Link: CSV parts without header, columns named by model.json.</summary>
    CsvParts,
    Parquet,
}

/// <summary>
/// Finds each table of an export in one of the three layouts of journey-analytics.md §7: <c>&lt;table&gt;.csv</c>,
/// <c>&lt;table&gt;.parquet</c>, or the Synapse Link / Fabric Link folders described by a CDM <c>model.json</c>
/// (the Common Data Model manifest: entities with attributes and partitions).
/// </summary>
public static class ExportLayout
{
    public static TableSource Locate(string folder, ExportTable table)
    {
        var modelJson = Path.Combine(folder, "model.json");
        if (File.Exists(modelJson)) return FromModelJson(folder, modelJson, table);

        var csv = Path.Combine(folder, table.Name + ".csv");
        if (File.Exists(csv)) return new TableSource(table.Name + ".csv", new[] { csv }, SourceFormat.CsvWithHeader, ReadCsvHeader(csv, table.Name + ".csv"));

        var parquet = Path.Combine(folder, table.Name + ".parquet");
        if (File.Exists(parquet)) return new TableSource(table.Name + ".parquet", new[] { parquet }, SourceFormat.Parquet, null);

        throw new ExportInputException(table.Name + ".csv", null, null,
            $"the table {table.Name} is missing from the export: add {table.Name}.csv or {table.Name}.parquet to {folder}.");
    }

    private static IReadOnlyList<string> ReadCsvHeader(string path, string displayName)
    {
        using var reader = new StreamReader(path);
        var line = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(line))
        {
            throw new ExportInputException(displayName, null, null, "the file is empty: the first line must name the columns.");
        }
        return line.TrimStart('\uFEFF').Split(',').Select(name => name.Trim().Trim('"')).ToArray();
    }

    private static TableSource FromModelJson(string folder, string modelJson, ExportTable table)
    {
        using var document = ReadModel(modelJson);
        var entity = document.RootElement.TryGetProperty("entities", out var entities)
            ? entities.EnumerateArray().FirstOrDefault(e => string.Equals(Text(e, "name"), table.Name, StringComparison.OrdinalIgnoreCase))
            : default;
        if (entity.ValueKind != JsonValueKind.Object)
        {
            throw new ExportInputException("model.json", null, null,
                $"the table {table.Name} is missing from the export: model.json lists no entity of that name (add the table to the Synapse Link / Fabric Link profile).");
        }

        var columns = entity.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray().Select(a => Text(a, "name") ?? string.Empty).ToArray()
            : Array.Empty<string>();

        var tableFolder = Path.Combine(folder, table.Name);
        var files = new List<string>();
        if (entity.TryGetProperty("partitions", out var partitions))
        {
            // Partition locations are lake URLs; the part file keeps its name inside the table's folder.
            foreach (var partition in partitions.EnumerateArray())
            {
                var location = Text(partition, "location");
                if (location is null) continue;
                var name = Uri.UnescapeDataString(location.Split('?')[0].Split('/').Last());
                var path = Path.Combine(tableFolder, name);
                if (!File.Exists(path))
                {
                    throw new ExportInputException($"{table.Name}/{name}", null, null, "model.json lists this partition but the file is not in the export.");
                }
                files.Add(path);
            }
        }
        else if (Directory.Exists(tableFolder))
        {
            files.AddRange(Directory.GetFiles(tableFolder, "*.csv").OrderBy(p => p, StringComparer.Ordinal));
        }

        return new TableSource(table.Name + "/", files, SourceFormat.CsvParts, columns);
    }

    private static JsonDocument ReadModel(string modelJson)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(modelJson));
        }
        catch (JsonException e)
        {
            throw new ExportInputException("model.json", e.LineNumber + 1, null, "the file is not valid JSON.");
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
