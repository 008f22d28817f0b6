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
    private static readonly Regex Defines = new(@"^(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+)?|DROP\s+)(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?(\w+)", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static readonly Regex Word = new(@"\w+", RegexOptions.Compiled);

    public static string Folder => Path.Combine(System.AppContext.BaseDirectory, "sql");

    public static IReadOnlyList<SqlStatement> Load(string dialect) => Files(dialect).SelectMany(Parse).ToList();

    /// <summary>
    /// The statements the named result sets need, in run order: the queries that give them and, transitively, the
    /// statements that create (or drop) the tables and views those read. The bench runs the stage map, variants and
    /// durations this way against its reference query.
    /// </summary>
    public static IReadOnlyList<SqlStatement> Needed(IReadOnlyList<SqlStatement> statements, IReadOnlyCollection<string> results)
    {
        var names = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var needed = new List<SqlStatement>();
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            var statement = statements[i];
            var defines = Defines.Match(statement.Sql);
            if (!(statement.ResultName is { } result && results.Contains(result)) && !(defines.Success && names.Contains(defines.Groups[1].Value))) continue;
            needed.Add(statement);
            foreach (Match word in Word.Matches(statement.Sql)) names.Add(word.Value);
        }
        needed.Reverse();
        return needed;
    }

    /// <summary>Whether a statement reads or writes the table or view of that name.</summary>
    public static bool Mentions(SqlStatement statement, string name) =>
        Word.Matches(statement.Sql).Any(word => string.Equals(word.Value, name, System.StringComparison.OrdinalIgnoreCase));

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
