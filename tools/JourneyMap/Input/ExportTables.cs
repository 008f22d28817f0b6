using System.Collections.Generic;

namespace PatientJourney.Crm.JourneyMap.Input;

/// <summary>How a column of the interchange format is written (journey-analytics.md §7).</summary>
public enum ColumnKind
{
    /// <summary>A row id or lookup: a GUID.</summary>
    Id,
    /// <summary>ISO 8601 in UTC with <c>Z</c>; staged as seconds since 1970 so the metric SQL needs no date functions.</summary>
    DateTime,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A choice's integer value: one of the options 827410000, 827410001, … (<see cref="ExportColumn.Options"/> of them).</summary>
    Choice,
    /// <summary><c>true</c>/<c>false</c>.</summary>
    Boolean,
    /// <summary>Free text (only organisation-level text such as a referring organisation is read).</summary>
    Text,
}

/// <param name="Name">Logical column name.</param>
/// <param name="Kind">How the value is written.</param>
/// <param name="Required">Whether a row without a value is refused (the metrics cannot place it).</param>
/// <param name="Month">Whether the staged table also carries the value's month (yyyy-MM) for the monthly trends.</param>
/// <param name="Options">For a choice, how many options it has (Solution/tables, Solution/choices).</param>
public sealed record ExportColumn(string Name, ColumnKind Kind, bool Required = false, bool Month = false, int Options = 0);

/// <summary>A table of the export: only the columns the metrics read, so an export carries no more patient data than needed.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns);

/// <summary>The tables and columns journey-map reads; the export command requests the same list.</summary>
public static class ExportTables
{
    public static readonly ExportTable CarePathway = new("pj_carepathway", new ExportColumn[]
    {
        new("pj_carepathwayid", ColumnKind.Id, Required: true),
        new("pj_name", ColumnKind.Text),
    });

    public static readonly ExportTable PathwayStage = new("pj_pathwaystage", new ExportColumn[]
    {
        new("pj_pathwaystageid", ColumnKind.Id, Required: true),
        new("pj_pathwayid", ColumnKind.Id, Required: true),
        new("pj_name", ColumnKind.Text),
        new("pj_sequence", ColumnKind.Integer, Required: true),
        new("pj_phase", ColumnKind.Choice, Options: 5),
        new("pj_targetdurationhours", ColumnKind.Integer),
    });

    public static readonly ExportTable Journey = new("pj_journey", new ExportColumn[]
    {
        new("pj_journeyid", ColumnKind.Id, Required: true),
        new("pj_patientid", ColumnKind.Id, Required: true),
        new("pj_pathwayid", ColumnKind.Id, Required: true),
        new("pj_status", ColumnKind.Choice, Required: true, Options: 5),
        new("pj_startedon", ColumnKind.DateTime, Required: true),
        new("pj_completedon", ColumnKind.DateTime),
    });

    public static readonly ExportTable StageVisit = new("pj_journeystagehistory", new ExportColumn[]
    {
        new("pj_journeystagehistoryid", ColumnKind.Id, Required: true),
        new("pj_journeyid", ColumnKind.Id, Required: true),
        new("pj_stageid", ColumnKind.Id, Required: true),
        new("pj_enteredon", ColumnKind.DateTime, Required: true),
        new("pj_exitedon", ColumnKind.DateTime),
        new("pj_wasoverdue", ColumnKind.Boolean),
    });

    public static readonly ExportTable Touchpoint = new("pj_touchpoint", new ExportColumn[]
    {
        new("pj_touchpointid", ColumnKind.Id, Required: true),
        new("pj_journeyid", ColumnKind.Id),
        new("pj_stageid", ColumnKind.Id),
        new("pj_channel", ColumnKind.Choice, Options: 8),
        new("pj_direction", ColumnKind.Choice, Options: 3),
        new("pj_occurredon", ColumnKind.DateTime, Required: true),
        new("pj_sentiment", ColumnKind.Choice, Options: 3),
        new("pj_ispainpoint", ColumnKind.Boolean),
        new("pj_painpointcategory", ColumnKind.Choice, Options: 6),
    });

    public static readonly ExportTable Referral = new("pj_referral", new ExportColumn[]
    {
        new("pj_referralid", ColumnKind.Id, Required: true),
        new("pj_journeyid", ColumnKind.Id),
        new("pj_pathwayid", ColumnKind.Id),
        new("pj_referringprovider", ColumnKind.Text),
        new("pj_referringorganization", ColumnKind.Text),
        new("pj_status", ColumnKind.Choice, Required: true, Options: 8),
        new("pj_submittedon", ColumnKind.DateTime),
        new("pj_sladueon", ColumnKind.DateTime),
        new("pj_firstresponseon", ColumnKind.DateTime),
    });

    public static readonly ExportTable Appointment = new("appointment", new ExportColumn[]
    {
        new("activityid", ColumnKind.Id, Required: true),
        new("pj_patientid", ColumnKind.Id),
        new("pj_journeyid", ColumnKind.Id),
        new("scheduledstart", ColumnKind.DateTime, Required: true, Month: true),
        new("pj_attendance", ColumnKind.Choice, Options: 8),
    });

    public static readonly ExportTable FollowUp = new("pj_followup", new ExportColumn[]
    {
        new("pj_followupid", ColumnKind.Id, Required: true),
        new("pj_kind", ColumnKind.Choice, Options: 2),
        new("pj_dueon", ColumnKind.DateTime, Required: true),
        new("pj_status", ColumnKind.Choice, Required: true, Options: 6),
        new("pj_journeyid", ColumnKind.Id),
    });

    public static readonly ExportTable SurveyResponse = new("pj_surveyresponse", new ExportColumn[]
    {
        new("pj_surveyresponseid", ColumnKind.Id, Required: true),
        new("pj_journeyid", ColumnKind.Id),
        new("pj_score", ColumnKind.Integer),
        new("pj_respondedon", ColumnKind.DateTime, Required: true, Month: true),
    });

    public static readonly IReadOnlyList<ExportTable> All = new[]
    {
        CarePathway, PathwayStage, Journey, StageVisit, Touchpoint, Referral, Appointment, FollowUp, SurveyResponse,
    };
}
