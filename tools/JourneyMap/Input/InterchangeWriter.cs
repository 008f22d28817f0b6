using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PatientJourney.Crm.Domain.Analytics;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>
/// Writes an event log as the interchange format (journey-analytics.md §7): one CSV per table with the columns of
/// <see cref="ExportTables"/>, RFC 4180 quoting, ids as GUIDs, choices as their option values, UTC instants with Z.
/// </summary>
public static class InterchangeWriter
{
    private const int OptionBase = 827410000;

    public static void Write(JourneyEventLog log, string folder)
    {
        Directory.CreateDirectory(folder);
        var journeys = log.Journeys.ToDictionary(j => j.Id);
        Table(folder, ExportTables.CarePathway, log.Stages.Select(s => s.PathwayId).Concat(log.Journeys.Select(j => j.PathwayId)).Distinct().OrderBy(id => id)
            .Select((id, i) => new object?[] { id, "Pathway " + (i + 1).ToString(CultureInfo.InvariantCulture) }));
        Table(folder, ExportTables.PathwayStage, log.Stages.Select(s => new object?[] { s.Id, s.PathwayId, s.Name, s.Sequence, Choice(s.Phase), s.TargetHours }));
        Table(folder, ExportTables.Journey, log.Journeys.Select(j => new object?[] { j.Id, j.PatientId, j.PathwayId, Choice<PatientJourney.Crm.Domain.Journeys.JourneyStatus>(j.Status), j.StartedOn, j.CompletedOn }));
        Table(folder, ExportTables.StageVisit, log.StageVisits.Select(v => new object?[] { v.Id, v.JourneyId, v.StageId, v.EnteredOn, v.ExitedOn, v.WasOverdue }));
        Table(folder, ExportTables.Touchpoint, log.Touchpoints.Select(t => new object?[]
        {
            t.Id, t.JourneyId, t.StageId, Choice(t.Channel), Choice(t.Direction), t.OccurredOn, Choice(t.Sentiment), t.IsPainPoint, Choice(t.PainPointCategory),
        }));
        // The event log keeps one source per referral; it is written as the referring organisation.
        Table(folder, ExportTables.Referral, log.Referrals.Select(r => new object?[]
        {
            r.Id, r.JourneyId, r.PathwayId, null, r.Source, Choice<PatientJourney.Crm.Domain.Referrals.ReferralStatus>(r.Status), r.SubmittedOn, r.SlaDueOn, r.FirstResponseOn,
        }));
        Table(folder, ExportTables.Appointment, log.Appointments.Select(a => new object?[] { a.Id, a.PatientId, a.JourneyId, a.ScheduledStart, Choice(a.Attendance) }));
        Table(folder, ExportTables.FollowUp, log.FollowUps.Select(f => new object?[] { f.Id, Choice(f.Kind), f.DueOn, Choice<PatientJourney.Crm.Domain.FollowUps.FollowUpStatus>(f.Status), f.JourneyId }));
        Table(folder, ExportTables.SurveyResponse, log.Surveys.Select(s => new object?[] { s.Id, s.JourneyId, s.Score, s.RespondedOn }));
    }

    private static int? Choice<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? OptionBase + Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;

    /// <summary>Writes one table: each row's values in the order of the table's columns.</summary>
    public static void Table(string folder, ExportTable table, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(Path.Combine(folder, table.Name + ".csv"), false, new UTF8Encoding(false));
        writer.Write(string.Join(",", table.Columns.Select(c => c.Name)));
        writer.Write("\r\n");
        foreach (var row in rows)
        {
            if (row.Length != table.Columns.Count) throw new InvalidOperationException($"{table.Name}: {row.Length} values for {table.Columns.Count} columns.");
            writer.Write(string.Join(",", row.Select(Field)));
            writer.Write("\r\n");
        }
    }

    private static string Field(object? value) => value switch
    {
        null => string.Empty,
        Guid g => g.ToString("D"),
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString()!),
    };

    private static string Quote(string text) =>
        text.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
