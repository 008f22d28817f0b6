using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace PatientJourney.Crm.JourneyMap.Engine;

/// <summary>A statement of a metric SQL file; a statement preceded by "-- result: name" is a query whose rows are kept.</summary>
public sealed record SqlStatement(string File, string Sql, string? ResultName);

/// <summary>
/// The metric SQL files in run order: the dialect's staging file when it has one (Spark: views over the lake tables;
/// the DuckDB loader stages the tables itself), sql/00-scope.sql, the dialect file, then the numbered metric files.
/// Statements end with ";" at the end of a line.
/// </summary>
public static class SqlScript
{
    private static readonly Regex StatementEnd = new(@";[ \t]*(?:\r?\n|$)", RegexOptions.Compiled);
    private static readonly Regex ResultMarker = new(@"^--\s*result:\s*(\w+)\s*$", RegexOptions.Multiline | RegexOptions.Compiled);

    public static string Folder => Path.Combine(System.AppContext.BaseDirectory, "sql");

    public static IReadOnlyList<SqlStatement> Load(string dialect) => Files(dialect).SelectMany(Parse).ToList();

    public static IReadOnlyList<string> Files(string dialect)
    {
        var numbered = Directory.GetFiles(Folder, "*.sql").OrderBy(f => Path.GetFileName(f), System.StringComparer.Ordinal).ToList();
        var staging = Path.Combine(Folder, "dialect", dialect + "-staging.sql");
        var files = File.Exists(staging) ? new List<string> { staging } : new List<string>();
        files.Add(numbered[0]);
        files.Add(Path.Combine(Folder, "dialect", dialect + ".sql"));
        files.AddRange(numbered.Skip(1));
        return files;
    }

    private static IEnumerable<SqlStatement> Parse(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var part in StatementEnd.Split(File.ReadAllText(file)))
        {
            var code = string.Join("\n", part.Split('\n').Where(line => !line.TrimStart().StartsWith("--") || ResultMarker.IsMatch(line)));
            if (string.IsNullOrWhiteSpace(code)) continue;
            var marker = ResultMarker.Match(code);
            yield return new SqlStatement(name, ResultMarker.Replace(code, string.Empty).Trim(), marker.Success ? marker.Groups[1].Value : null);
        }
    }
}
