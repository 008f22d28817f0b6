using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>
/// How a date column's value meets a user: "UserLocal" values are stored in UTC and shown (and queried) in the user's
/// time zone; "DateOnly" and "TimeZoneIndependent" values are the same for every user, with no conversion
/// (https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute).
/// </summary>
internal static class DateBehaviors
{
    /// <summary>Shown without a time: the DateOnly behavior, or a user-local column formatted as a date.</summary>
    public static bool IsDateOnly(ColumnDefinition column) =>
        column.DateTimeBehavior == DateTimeBehavior.DateOnly || string.Equals(column.Format, "date", StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as the user's wall clock reads it.</summary>
    public static DateTime Wall(ColumnDefinition? column, DateTime value, TimeZoneInfo zone) =>
        column == null || column.DateTimeBehavior == DateTimeBehavior.UserLocal
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(Utc(value), DateTimeKind.Unspecified), zone)
            : DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    /// <summary>
    /// A date given in a condition, as the column stores it: for a user-local column a time without a zone is the
    /// caller's local time (converted to UTC); date-only and time-zone-independent values are taken as they are.
    /// </summary>
    public static DateTime AsStored(ColumnDefinition? column, DateTime value, TimeZoneInfo zone) =>
        column != null && column.DateTimeBehavior != DateTimeBehavior.UserLocal ? value
        // Values at the ends of DateTime's range are left for the date-range check to refuse.
        : value.Kind == DateTimeKind.Unspecified && value.Year is > 1 and < 9999 ? TimeZoneInfo.ConvertTimeToUtc(value, zone)
        : Utc(value);

    /// <summary>
    /// The date values of a Create or Update as Dataverse stores them: a user-local value that is not UTC is the
    /// caller's local time and stored as its UTC equivalent; a date-only value keeps its date at 12:00 AM; a
    /// time-zone-independent value is stored as given (the member table of the page above).
    /// </summary>
    public static void Store(TableMetadata table, Entity target, TimeZoneInfo zone)
    {
        foreach (var (name, value) in target.Attributes.Where(a => a.Value is DateTime).ToList())
        {
            var column = table.Column(name);
            if (column?.Type != ColumnType.DateTime) continue;
            var date = (DateTime)value!;
            target[name] = column.DateTimeBehavior switch
            {
                DateTimeBehavior.DateOnly => date.Date,
                DateTimeBehavior.TimeZoneIndependent => date,
                _ => AsStored(column, date, zone),
            };
        }
    }

    /// <summary>A value the SDK carries as UTC: local times are converted, unspecified ones taken as UTC (as the store keeps them).</summary>
    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
