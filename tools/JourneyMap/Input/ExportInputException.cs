using System;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// The export cannot be read as the interchange format. The message names the file, the data row (1-based, header not
/// counted) and the column, and says what to fix; it never repeats the offending value, which may be patient data.
/// </summary>
public sealed class ExportInputException : Exception
{
    public ExportInputException(string file, long? row, string? column, string problem)
        : base(Describe(file, row, column, problem))
    {
        File = file;
        Row = row;
        Column = column;
    }

    public string File { get; }

    public long? Row { get; }

    public string? Column { get; }

    private static string Describe(string file, long? row, string? column, string problem)
    {
        var where = file;
        if (row is not null) where += $", row {row}";
        if (column is not null) where += $", column {column}";
        return $"{where}: {problem}";
    }
}
