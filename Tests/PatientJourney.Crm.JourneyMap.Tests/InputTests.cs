using System;
using System.IO;
using System.Linq;
using PatientJourney.Crm.JourneyMap.Cli;
using PatientJourney.Crm.JourneyMap.Input;
using Xunit;

namespace PatientJourney.Crm.JourneyMap.Tests;

/// <summary>The three export layouts give the same metrics; bad input names file, row and column and writes no report.</summary>
public sealed class InputTests
{
    private static readonly string CsvFolder = Exports.Csv(Logs.Random(300, 3), "layouts");

    [Fact]
    public void Csv_parquet_and_synapse_layouts_give_the_same_metrics()
    {
        var csv = Exports.Report(CsvFolder).MetricsJson;
        Assert.Contains("\"stageVisits\":", csv);
        Assert.Equal(csv, Exports.Report(Exports.Parquet(CsvFolder)).MetricsJson);
        Assert.Equal(csv, Exports.Report(Exports.Synapse(CsvFolder)).MetricsJson);
    }

    [Fact]
    public void A_missing_table_is_named()
    {
        var folder = Copy();
        File.Delete(Path.Combine(folder, "pj_touchpoint.csv"));
        var (code, message, output) = Run(folder);
        Assert.Equal(JourneyMapCommand.BadInput, code);
        Assert.Contains("pj_touchpoint.csv: the table pj_touchpoint is missing", message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var folder = Copy();
        Rewrite(folder, "pj_journeystagehistory.csv", lines => lines.Select(l => string.Join(",", l.Split(',').Take(5))).ToArray());
        var (code, message, output) = Run(folder);
        Assert.Equal(JourneyMapCommand.BadInput, code);
        Assert.Contains("pj_journeystagehistory.csv, column pj_wasoverdue: the column is missing", message);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("pj_journeystagehistory.csv", 3, 3, "2026-13-45T10:00:00Z", "pj_journeystagehistory.csv, row 3, column pj_enteredon: the value is not an ISO 8601 UTC date-time")]
    [InlineData("pj_journeystagehistory.csv", 2, 3, "2026-03-04T10:00:00+02:00", "pj_journeystagehistory.csv, row 2, column pj_enteredon: the value is not an ISO 8601 UTC date-time")]
    [InlineData("pj_journey.csv", 4, 1, "not-a-guid", "pj_journey.csv, row 4, column pj_patientid: the value is not a GUID")]
    [InlineData("pj_journey.csv", 1, 3, "827419999", "pj_journey.csv, row 1, column pj_status: the value is not one of the choice's options")]
    [InlineData("pj_journey.csv", 2, 4, "", "pj_journey.csv, row 2, column pj_startedon: the value is not an ISO 8601 UTC date-time (expected e.g. 2026-03-01T09:30:00Z; the value is required).")]
    public void A_malformed_value_is_named_by_file_row_and_column_without_repeating_it(string file, int row, int column, string value, string expected)
    {
        var folder = Copy();
        Rewrite(folder, file, lines =>
        {
            var fields = lines[row].Split(',');
            fields[column] = value;
            lines[row] = string.Join(",", fields);
            return lines;
        });
        var (code, message, output) = Run(folder);
        Assert.Equal(JourneyMapCommand.BadInput, code);
        Assert.Contains(expected, message);
        if (value.Length > 0) Assert.DoesNotContain(value, message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_malformed_value_in_a_synapse_part_names_the_part_and_its_row()
    {
        var folder = Exports.Synapse(CsvFolder);
        var part = Path.Combine(folder, "pj_journeystagehistory", "2026-2.csv");
        var lines = File.ReadAllLines(part);
        var fields = lines[1].Split(',');
        fields[2] = "{bad}";
        lines[1] = string.Join(",", fields);
        File.WriteAllLines(part, lines);
        var (code, message, _) = Run(folder);
        Assert.Equal(JourneyMapCommand.BadInput, code);
        Assert.Contains("pj_journeystagehistory/2026-2.csv, row 2, column pj_journeyid: the value is not a GUID", message);
    }

    [Fact]
    public void An_empty_export_is_refused()
    {
        var folder = Copy();
        foreach (var file in Directory.GetFiles(folder)) Rewrite(folder, Path.GetFileName(file), lines => lines.Take(1).ToArray());
        var (code, message, output) = Run(folder);
        Assert.Equal(JourneyMapCommand.BadInput, code);
        Assert.Contains("pj_pathwaystage.csv: the export holds no pj_pathwaystage rows", message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_good_export_through_the_command_line_writes_both_files()
    {
        var (code, message, output) = Run(CsvFolder, "--as-of", "2026-09-01T00:00:00Z");
        Assert.True(code == JourneyMapCommand.Done, message);
        Assert.True(File.Exists(Path.Combine(output, "metrics.json")));
        Assert.True(File.Exists(Path.Combine(output, "journey-map.html")));
    }

    private static string Copy()
    {
        var folder = Exports.NewFolder("bad");
        foreach (var file in Directory.GetFiles(CsvFolder)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    private static void Rewrite(string folder, string file, Func<string[], string[]> change)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllLines(path, change(File.ReadAllLines(path)));
    }

    private static (int Code, string Message, string Output) Run(string input, params string[] extra)
    {
        var output = Path.Combine(Exports.NewFolder("cli"), "report");
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var code = JourneyMapCommand.Run(new[] { "report", "--input", input, "--out", output }.Concat(extra).ToArray());
            return (code, error.ToString(), output);
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}
