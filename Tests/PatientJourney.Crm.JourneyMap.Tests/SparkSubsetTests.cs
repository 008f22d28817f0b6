using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using PatientJourney.Crm.JourneyMap.Engine;
using PatientJourney.Crm.JourneyMap.Input;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>
/// There is no Spark here, so the Spark path is checked, not run: every statement of the Spark run order
/// (dialect/spark-staging.sql, 00-scope.sql, dialect/spark.sql, 10- to 60-) must parse, be of a statement kind Spark
/// SQL has, call only Spark SQL built-in functions, cast only to Spark types and use no DuckDB-only syntax.
/// </summary>
public sealed class SparkSubsetTests
{
    [Fact]
    public void Every_statement_of_the_spark_run_parses_and_stays_in_the_spark_subset()
    {
        var statements = SqlScript.Load("spark");
        var check = SparkSubset.Check(statements);

        Assert.True(check.Findings.Count == 0, string.Join(Environment.NewLine, check.Findings));
        // Not vacuous: every file was read and the functions the metrics rely on were seen.
        Assert.Equal(SqlScript.Files("spark").Select(Path.GetFileName), statements.Select(s => s.File).Distinct());
        Assert.True(statements.Count > 40, $"{statements.Count} statements");
        Assert.Superset(new HashSet<string> { "percentile_cont", "row_number", "lead", "lag", "collect_list", "array_sort", "transform", "array_join", "unix_micros" }, check.Functions);
    }

    [Fact]
    public void The_check_rejects_the_duckdb_dialect_with_the_spark_names_to_use()
    {
        var duckdbOnly = SqlScript.Load("duckdb").Where(s => s.File == "duckdb.sql").ToList();
        var findings = SparkSubset.Check(duckdbOnly).Findings;

        Assert.Contains(findings, f => f.Contains("list_sort()", StringComparison.Ordinal) && f.Contains("array_sort", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("list_transform()", StringComparison.Ordinal) && f.Contains("transform", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("array_to_string()", StringComparison.Ordinal) && f.Contains("array_join", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("list()", StringComparison.Ordinal) && f.Contains("collect_list", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("struct literal", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("lambda", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SELECT string_agg(stage, ' > ') AS s FROM scope_visit", "string_agg()")]
    [InlineData("SELECT epoch(entered) AS s FROM t", "epoch()")]
    [InlineData("SELECT strftime(entered, '%Y-%m') AS m FROM t", "date_format")]
    [InlineData("SELECT quantile_cont(hours, 0.9) AS p FROM t", "percentile_cont")]
    [InlineData("SELECT hours::INTEGER AS h FROM t", "::")]
    [InlineData("SELECT CAST(id AS UUID) AS id FROM t", "UUID")]
    [InlineData("SELECT * EXCLUDE (id) FROM t", "EXCLUDE")]
    [InlineData("SELECT stage, count(*) AS n FROM t GROUP BY ALL", "GROUP BY ALL")]
    [InlineData("SELECT * FROM read_parquet('visits.parquet')", "table function")]
    [InlineData("SELECT stage FROM t QUALIFY row_number() OVER (PARTITION BY j ORDER BY e) = 1", "QUALIFY")]
    [InlineData("SELECT made_up_function(x) AS y FROM t", "not a Spark SQL built-in")]
    [InlineData("SELECT FROM WHERE", "does not parse")]
    [InlineData("INSERT INTO t VALUES (1)", "statement kind")]
    [InlineData("CREATE VIEW v AS SELECT a FROM t", "TEMP VIEW")]
    public void The_check_names_each_duckdb_only_construct(string sql, string expected)
    {
        var findings = SparkSubset.Check(new[] { new SqlStatement("sample.sql", sql, null) }).Findings;

        Assert.Contains(findings, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Spark_staging_names_every_export_column()
    {
        var spark = File.ReadAllText(Path.Combine(SqlScript.Folder, "dialect", "spark-staging.sql"));
        foreach (var table in ExportTables.All)
        {
            var view = spark[spark.IndexOf($"CREATE OR REPLACE TEMP VIEW {table.Name} AS", StringComparison.Ordinal)..];
            view = view[..view.IndexOf($"FROM lake.{table.Name};", StringComparison.Ordinal)];
            foreach (var column in table.Columns)
            {
                Assert.Contains($" AS {column.Name}", view);
                if (column.Month) Assert.Contains($" AS {column.Name}_month", view);
            }
        }
    }
}

/// <summary>
/// The check behind <see cref="SparkSubsetTests"/>. DuckDB's own parser (json_serialize_sql) gives each statement's
/// syntax tree; the function names are read as written (the parser renames some, e.g. percentile_cont ... WITHIN
/// GROUP to quantile_cont) and checked against the Spark SQL built-in function list
/// (https://spark.apache.org/docs/latest/api/sql/index.html); DuckDB-only functions are named with the Spark function
/// that replaces them; DuckDB-only syntax is caught in the text.
/// </summary>
public static class SparkSubset
{
    public sealed record Result(IReadOnlyList<string> Findings, HashSet<string> Functions);

    /// <summary>DuckDB-only functions and the Spark SQL functions that do the same.</summary>
    private static readonly Dictionary<string, string> DuckDbOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string_agg"] = "array_join(array_sort(collect_list(struct(order, value))) ...) or concat_ws",
        ["group_concat"] = "array_join(collect_list(x), sep) or concat_ws",
        ["listagg"] = "array_join(collect_list(x), sep) (listagg is Spark 4.0 only)",
        ["list"] = "collect_list",
        ["list_sort"] = "array_sort or sort_array",
        ["list_transform"] = "transform",
        ["array_transform"] = "transform",
        ["apply"] = "transform",
        ["list_filter"] = "filter",
        ["list_element"] = "element_at",
        ["list_extract"] = "element_at",
        ["array_extract"] = "element_at",
        ["list_contains"] = "array_contains",
        ["list_aggregate"] = "aggregate",
        ["array_to_string"] = "array_join",
        ["list_pack"] = "array",
        ["list_value"] = "array",
        ["struct_pack"] = "struct or named_struct",
        ["unnest"] = "explode or posexplode",
        ["epoch"] = "unix_timestamp or unix_micros(x) / 1e6",
        ["epoch_ms"] = "unix_millis",
        ["to_seconds"] = "make_interval or INTERVAL",
        ["strftime"] = "date_format",
        ["strptime"] = "to_timestamp(text, pattern)",
        ["regexp_full_match"] = "rlike with ^...$",
        ["regexp_matches"] = "rlike or regexp",
        ["quantile_cont"] = "percentile_cont(p) WITHIN GROUP (ORDER BY x) (Spark 3.4+)",
        ["quantile_disc"] = "percentile_disc(p) WITHIN GROUP (ORDER BY x) (Spark 3.4+)",
        ["quantile"] = "percentile",
        ["date_diff"] = "datediff or unix_timestamp differences",
        ["date_part"] = "extract or the field functions (year, month, dayofweek)",
        ["generate_series"] = "explode(sequence(start, stop, step))",
        ["range"] = "explode(sequence(start, stop, step)) or spark.range",
        ["read_csv"] = "a lake table or spark.read.csv",
        ["read_parquet"] = "a lake table or spark.read.parquet",
    };

    /// <summary>The Spark SQL built-in functions the metric SQL may call (a subset of the function reference).</summary>
    private static readonly HashSet<string> Spark = new(StringComparer.OrdinalIgnoreCase)
    {
        "abs", "aggregate", "array", "array_agg", "array_contains", "array_distinct", "array_join", "array_max", "array_min",
        "array_position", "array_sort", "avg", "cardinality", "ceil", "coalesce", "collect_list", "collect_set", "concat",
        "concat_ws", "count", "current_date", "current_timestamp", "date_format", "datediff", "day", "dayofmonth",
        "dayofweek", "dense_rank", "element_at", "exists", "explode", "filter", "first", "first_value", "floor",
        "format_string", "from_unixtime", "greatest", "hour", "if", "ifnull", "lag", "last", "last_value", "lead",
        "least", "length", "lower", "ltrim", "max", "mean", "median", "min", "month", "named_struct", "nullif", "nvl",
        "percent_rank", "percentile", "percentile_cont", "percentile_disc", "posexplode", "rank", "regexp_extract",
        "replace", "rlike", "round", "row_number", "rtrim", "sequence", "size", "sort_array", "split", "stddev",
        "struct", "substr", "substring", "sum", "timestamp_seconds", "to_date", "to_timestamp", "transform", "trim",
        "try_cast", "unix_micros", "unix_millis", "unix_seconds", "unix_timestamp", "upper", "variance", "weekday", "year",
    };

    /// <summary>Types Spark SQL has, as DuckDB's parser names them (STRING parses as VARCHAR, INT as INTEGER).</summary>
    private static readonly HashSet<string> SparkTypes = new(StringComparer.Ordinal)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP", "INTERVAL",
    };

    private static readonly (Regex Pattern, string Finding)[] DuckDbSyntax =
    {
        (new Regex(@"::"), ":: casts are DuckDB syntax: use CAST(x AS type)"),
        (new Regex(@"\{"), "a { } struct literal is DuckDB syntax: use struct(...) or named_struct(...)"),
        (new Regex(@"\["), "[ ] list literals and indexing are DuckDB syntax: use array(...) and element_at(a, i)"),
        (new Regex(@"\blambda\b", RegexOptions.IgnoreCase), "lambda x: ... is DuckDB syntax: write x -> ..."),
        (new Regex(@"\*\s*(EXCLUDE|REPLACE)\b", RegexOptions.IgnoreCase), "SELECT * EXCLUDE/REPLACE is DuckDB syntax: name the columns"),
        (new Regex(@"\b(GROUP|ORDER)\s+BY\s+ALL\b", RegexOptions.IgnoreCase), "GROUP BY ALL / ORDER BY ALL is DuckDB syntax: name the columns"),
        (new Regex(@"\bQUALIFY\b", RegexOptions.IgnoreCase), "QUALIFY is DuckDB syntax (Spark 4 only): filter the window result in an outer query"),
        (new Regex(@"//"), "// integer division is DuckDB syntax: use div or floor(a / b)"),
        (new Regex(@"\bUSING\s+SAMPLE\b", RegexOptions.IgnoreCase), "USING SAMPLE is DuckDB syntax: use TABLESAMPLE"),
        (new Regex(@"\bCOLUMNS\s*\(", RegexOptions.IgnoreCase), "COLUMNS(...) is DuckDB syntax: name the columns"),
        (new Regex(@"\b(ASOF|POSITIONAL)\s+JOIN\b", RegexOptions.IgnoreCase), "ASOF / POSITIONAL JOIN is DuckDB syntax"),
        (new Regex(@"\bCREATE\s+(OR\s+REPLACE\s+)?MACRO\b", RegexOptions.IgnoreCase), "CREATE MACRO is DuckDB syntax"),
    };

    private static readonly Regex Drop = new(@"^DROP\s+(TABLE|VIEW)\s+IF\s+EXISTS\s+\w+$", RegexOptions.IgnoreCase);
    private static readonly Regex Create = new(@"^CREATE\s+(OR\s+REPLACE\s+)?(TEMP(ORARY)?\s+)?(TABLE|VIEW)\s+\w+\s+AS\s+(?<query>SELECT\b.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline);
    private static readonly Regex StringLiteral = new(@"'(?:[^']|'')*'");

    public static Result Check(IEnumerable<SqlStatement> statements)
    {
        var findings = new List<string>();
        var functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var statement in statements)
        {
            var sql = statement.Sql.Trim();
            var where = $"{statement.File}: {(sql.Length > 60 ? sql[..60] + "..." : sql)}";
            if (Drop.IsMatch(sql)) continue;
            var create = Create.Match(sql);
            var query = create.Success ? create.Groups["query"].Value : sql;
            if (create.Success && create.Groups[4].Value.Equals("VIEW", StringComparison.OrdinalIgnoreCase) && !create.Groups[2].Success)
            {
                findings.Add($"{where}: a permanent view: Spark refuses one over the staging's temporary views; write CREATE OR REPLACE TEMP VIEW");
            }
            if (!create.Success && !query.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{where}: the statement kind is not one the metric files use (SELECT, CREATE [TEMP] TABLE|VIEW ... AS SELECT, DROP TABLE|VIEW IF EXISTS)");
                continue;
            }
            var code = StringLiteral.Replace(query, "''");
            findings.AddRange(DuckDbSyntax.Where(s => s.Pattern.IsMatch(code)).Select(s => $"{where}: {s.Finding}"));

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json_serialize_sql('" + query.Replace("'", "''") + "')";
            using var tree = JsonDocument.Parse((string)command.ExecuteScalar()!);
            if (tree.RootElement.GetProperty("error").GetBoolean())
            {
                findings.Add($"{where}: does not parse: {tree.RootElement.GetProperty("error_message").GetString()}");
                continue;
            }
            Walk(tree.RootElement, query, where, findings, functions);
        }
        return new Result(findings, functions);
    }

    private static void Walk(JsonElement node, string query, string where, List<string> findings, HashSet<string> functions)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray()) Walk(item, query, where, findings, functions);
            return;
        }
        if (node.ValueKind != JsonValueKind.Object) return;

        var kind = node.TryGetProperty("class", out var c) ? c.GetString() : null;
        var type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if ((kind is "FUNCTION" or "WINDOW") && !(node.TryGetProperty("is_operator", out var op) && op.GetBoolean()))
        {
            // A call the parser made up for a literal (INTERVAL 1 DAY becomes to_days(trunc(1))) has no position
            // in the text: the literal is Spark syntax too.
            if (Written(node, query) is { } name && !name.Equals("INTERVAL", StringComparison.OrdinalIgnoreCase))
            {
                functions.Add(name);
                if (DuckDbOnly.TryGetValue(name, out var spark)) findings.Add($"{where}: {name}() is DuckDB-only: in Spark SQL use {spark}");
                else if (!Spark.Contains(name)) findings.Add($"{where}: {name}() is not a Spark SQL built-in function the metric files may use (https://spark.apache.org/docs/latest/api/sql/index.html)");
            }
        }
        if (kind == "CAST" && node.GetProperty("cast_type").GetProperty("id").GetString() is { } castType && !SparkTypes.Contains(castType))
        {
            findings.Add($"{where}: CAST to {castType}: Spark SQL has no such type (ids are STRING in Spark)");
        }
        if (type == "TABLE_FUNCTION")
        {
            findings.Add($"{where}: a table function in FROM is DuckDB's way to read files: on Spark read a lake table");
        }
        foreach (var property in node.EnumerateObject()) Walk(property.Value, query, where, findings, functions);
    }

    /// <summary>The function name as written at the node's position (the parser renames some functions).</summary>
    private static string? Written(JsonElement node, string query)
    {
        if (!node.TryGetProperty("query_location", out var at) || !at.TryGetUInt64(out var offset) || offset >= (ulong)query.Length) return null;
        var name = Regex.Match(query[(int)offset..], @"^[A-Za-z_][A-Za-z0-9_]*");
        return name.Success ? name.Value : null;
    }
}
