using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// Loads an export into DuckDB as one staged table per export table, named like the table, holding only the columns
/// the metrics read: ids as UUID, date-times as seconds since 1970 (DOUBLE), choices as integers. Every value is
/// checked in the same pass that converts it; the first bad value stops the load with its file, row and column.
/// </summary>
public sealed class ExportLoader
{
    // ISO 8601 in UTC: the interchange format writes "Z"; Synapse Link writes seven fraction digits and may write +00:00.
    private const string UtcTimestampPattern = @"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|\+00:00)";

    /// <summary>The first option value of every choice of the solution (publisher option prefix 82741).</summary>
    private const int FirstOption = 827410000;

    private readonly DuckDBConnection connection;

    public ExportLoader(DuckDBConnection connection) => this.connection = connection;

    /// <summary>Loads the tables (each of <see cref="ExportTables.All"/> for a report); returns the rows loaded per table.</summary>
    public IReadOnlyDictionary<string, long> LoadAll(string folder, IReadOnlyList<ExportTable> tables, Action<string>? onTable = null)
    {
        var rows = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            onTable?.Invoke(table.Name);
            rows[table.Name] = Load(folder, table);
        }
        foreach (var essential in new[] { ExportTables.PathwayStage, ExportTables.Journey, ExportTables.StageVisit })
        {
            if (rows.TryGetValue(essential.Name, out var count) && count == 0)
            {
                var source = ExportLayout.Locate(folder, essential);
                throw new ExportInputException(source.DisplayName, null, null,
                    $"the export holds no {essential.Name} rows, so there is no journey to map: export the environment again, or check the export's filters.");
            }
        }
        return rows;
    }

    public long Load(string folder, ExportTable table)
    {
        var source = ExportLayout.Locate(folder, table);
        var sourceColumns = SourceColumns(source);
        foreach (var column in table.Columns)
        {
            if (!sourceColumns.ContainsKey(column.Name))
            {
                throw new ExportInputException(source.DisplayName, null, column.Name,
                    $"the column is missing: the export of {table.Name} must include {column.Name}.");
            }
        }

        // The staged rows live in <table>__staged, with the bad-column marker (and the part file); the metric SQL reads
        // the view <table>, which shows only the export's columns. A view costs nothing, where dropping the marker
        // column would rewrite the table.
        var staged = table.Name + "__staged";
        var withFile = source.Format == SourceFormat.CsvParts;
        // Strict casts first: a clean export (GUIDs, numbers and choices written exactly) loads at the speed of the
        // reader. A value they cannot convert (surrounding blanks, a malformed value) fails the statement; the tolerant
        // conversion then loads the table again and finds the first bad value.
        try
        {
            Stage(source, table, sourceColumns, staged, withFile, strict: true);
        }
        catch (DuckDBException)
        {
            try
            {
                Stage(source, table, sourceColumns, staged, withFile, strict: false);
            }
            catch (DuckDBException e)
            {
                throw Unreadable(source, e);
            }
        }

        var firstBad = Query($"SELECT rowid, pj__badcolumn{(withFile ? ", pj__file" : string.Empty)} FROM {staged} WHERE pj__badcolumn > 0 ORDER BY rowid LIMIT 1");
        if (firstBad.Count > 0)
        {
            var rowId = System.Convert.ToInt64(firstBad[0][0]);
            var column = table.Columns[System.Convert.ToInt32(firstBad[0][1]) - 1];
            var (file, row) = Locate(source, table.Name, staged, rowId, firstBad[0].Length > 2 ? (string)firstBad[0][2] : null);
            throw new ExportInputException(file, row, column.Name, Expected(column));
        }
        Execute($"DROP VIEW IF EXISTS {table.Name}");
        Execute($"CREATE VIEW {table.Name} AS SELECT {string.Join(", ", table.Columns.SelectMany(StagedNames))} FROM {staged}");
        return System.Convert.ToInt64(Query($"SELECT count(*) FROM {staged}")[0][0]);
    }

    private static IEnumerable<string> StagedNames(ExportColumn column) =>
        column.Month ? new[] { column.Name, column.Name + "_month" } : new[] { column.Name };

    /// <summary>Creates the staged table in one pass over the source: every column converted, and the number of the
    /// first bad column of each row (0 when the row is good).</summary>
    private void Stage(TableSource source, ExportTable table, Dictionary<string, (string Name, string Type)> sourceColumns, string staged, bool withFile, bool strict)
    {
        var selected = new List<string>();
        var checks = new List<string>();
        foreach (var column in table.Columns)
        {
            var sourceColumn = sourceColumns[column.Name];
            var (typed, bad) = Convert(column, sourceColumn.Name, sourceColumn.Type, strict);
            selected.Add($"{typed} AS {column.Name}");
            if (column.Month) selected.Add($"strftime(to_timestamp({typed}), '%Y-%m') AS {column.Name}_month");
            checks.Add(bad);
        }
        var badColumn = "CASE " + string.Concat(checks.Select((bad, i) => $"WHEN {bad} THEN {i + 1} ")) + "ELSE 0 END AS pj__badcolumn";
        Execute($"DROP TABLE IF EXISTS {staged}");
        Execute($"CREATE TABLE {staged} AS SELECT {string.Join(", ", selected)}, {badColumn}{(withFile ? ", filename AS pj__file" : string.Empty)} FROM {Reader(source)}");
    }

    private static string Expected(ExportColumn column) => column.Kind switch
    {
        ColumnKind.Id => "the value is not a GUID (expected e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301" + (column.Required ? "; the value is required)." : ")."),
        ColumnKind.DateTime => "the value is not an ISO 8601 UTC date-time (expected e.g. 2026-03-01T09:30:00Z" + (column.Required ? "; the value is required)." : ")."),
        ColumnKind.Integer => "the value is not a whole number" + (column.Required ? " (the value is required)." : "."),
        ColumnKind.Choice => $"the value is not one of the choice's options ({FirstOption} to {FirstOption + column.Options - 1}, written as the integer value" + (column.Required ? "; the value is required)." : ")."),
        ColumnKind.Boolean => "the value is not true or false.",
        _ => "the value is required.",
    };

    /// <summary>
    /// The DuckDB expression converting a source column, and the condition that the value is bad. Strict: GUIDs,
    /// whole numbers and choices in text are cast as they stand, which fails the statement on a value that does not
    /// convert; otherwise blanks are trimmed, an empty value is null and a value that does not convert is marked bad.
    /// </summary>
    private static (string Typed, string Bad) Convert(ExportColumn column, string sourceName, string sourceType, bool strict)
    {
        var raw = Quote(sourceName);
        var isText = sourceType == "VARCHAR";
        var text = $"NULLIF(trim({raw}), '')";
        // Text read as it stands: not text at all, or a GUID, whole number or choice cast strictly.
        var asWritten = !isText || (strict && column.Kind is ColumnKind.Id or ColumnKind.Integer or ColumnKind.Choice);
        string Cast(string type) => asWritten ? $"CAST({raw} AS {type})" : $"TRY_CAST({text} AS {type})";
        // A strict cast converted every value or failed the statement.
        string Unconverted(string typed) => asWritten ? "false" : $"({text} IS NOT NULL AND {typed} IS NULL)";
        var missing = column.Required ? $"({(asWritten ? raw : text)} IS NULL)" : "false";
        string typed, invalid;
        switch (column.Kind)
        {
            case ColumnKind.Id:
                typed = Cast("UUID");
                invalid = Unconverted(typed);
                break;
            case ColumnKind.DateTime:
                typed = isText ? $"epoch(TRY_CAST({text} AS TIMESTAMP))" : $"epoch({raw})";
                invalid = isText
                    ? $"({text} IS NOT NULL AND (NOT regexp_full_match({text}, '{UtcTimestampPattern}') OR TRY_CAST({text} AS TIMESTAMP) IS NULL))"
                    : "false";
                break;
            case ColumnKind.Integer:
                typed = Cast("INTEGER");
                invalid = Unconverted(typed);
                break;
            case ColumnKind.Choice:
                typed = Cast("INTEGER");
                invalid = $"({Unconverted(typed)} OR {typed} NOT BETWEEN {FirstOption} AND {FirstOption + column.Options - 1})";
                break;
            case ColumnKind.Boolean:
                typed = isText ? $"TRY_CAST(lower({text}) AS BOOLEAN)" : $"CAST({raw} AS BOOLEAN)";
                invalid = isText ? $"({text} IS NOT NULL AND lower({text}) NOT IN ('true', 'false', '1', '0'))" : "false";
                break;
            default:
                typed = isText ? text : $"CAST({raw} AS VARCHAR)";
                invalid = "false";
                break;
        }
        return (typed, $"({missing} OR {invalid})");
    }

    private Dictionary<string, (string Name, string Type)> SourceColumns(TableSource source)
    {
        var columns = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        if (source.HeaderColumns is not null)
        {
            foreach (var name in source.HeaderColumns) columns.TryAdd(name, (name, "VARCHAR"));
            return columns;
        }
        foreach (var row in Query($"DESCRIBE SELECT * FROM {Reader(source)}"))
        {
            var name = (string)row[0];
            columns.TryAdd(name, (name, (string)row[1]));
        }
        return columns;
    }

    private static string Reader(TableSource source)
    {
        var files = "[" + string.Join(", ", source.Files.Select(Literal)) + "]";
        switch (source.Format)
        {
            case SourceFormat.Parquet:
                return $"read_parquet({files})";
            default:
                var columns = "{" + string.Join(", ", source.HeaderColumns!.Select(c => $"{Literal(c)}: 'VARCHAR'")) + "}";
                var header = source.Format == SourceFormat.CsvWithHeader ? "true" : "false";
                var file = source.Format == SourceFormat.CsvParts ? ", filename = true" : string.Empty;
                if (source.Files.Count == 0) return $"(SELECT {string.Join(", ", source.HeaderColumns!.Select(c => $"CAST(NULL AS VARCHAR) AS {Quote(c)}"))}, CAST(NULL AS VARCHAR) AS filename WHERE false)";
                return $"read_csv({files}, header = {header}, auto_detect = false, columns = {columns}, delim = ',', quote = '\"', escape = '\"'{file})";
        }
    }

    /// <summary>The file and 1-based data row of a staged row (rows keep file order; parts are read one after another).</summary>
    private (string File, long Row) Locate(TableSource source, string table, string staged, long rowId, string? partFile)
    {
        if (partFile is null) return (source.DisplayName, rowId + 1);
        var before = System.Convert.ToInt64(Query($"SELECT count(*) FROM {staged} WHERE pj__file = {Literal(partFile)} AND rowid < {rowId}")[0][0]);
        return ($"{table}/{System.IO.Path.GetFileName(partFile)}", before + 1);
    }

    private static ExportInputException Unreadable(TableSource source, DuckDBException e)
    {
        // DuckDB's CSV errors quote the offending line, which may hold patient data: keep only the line number.
        var line = Regex.Match(e.Message, @"[Ll]ine:? (\d+)");
        long? row = line.Success ? long.Parse(line.Groups[1].Value) - (source.Format == SourceFormat.CsvWithHeader ? 1 : 0) : null;
        var file = Regex.Match(e.Message, @"file ""?([^""\s]+)""?");
        var display = source.Format == SourceFormat.CsvParts && file.Success ? $"{source.DisplayName}{System.IO.Path.GetFileName(file.Groups[1].Value)}" : source.DisplayName;
        return new ExportInputException(display, row, null,
            "the file cannot be read (wrong number of fields, broken quoting, or not a " + (source.Format == SourceFormat.Parquet ? "Parquet" : "CSV") + " file).");
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<object[]> Query(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return rows;
    }
}
