using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Plugins.Configuration;

namespace PatientJourney.Crm.Operations
{
    /// <summary>
    /// Business-time arithmetic on the organisation's business calendar (business hours, time zone and holidays from
    /// the environment variables), for the classic-workflow activity "Add business time" and any step that needs it.
    /// </summary>
    internal static class BusinessTimeOperations
    {
        /// <summary>The most business hours one call adds (about fifty years of a 40-hour week).</summary>
        public const decimal MaxHours = 100000m;

        /// <summary>
        /// The instant <paramref name="hours"/> of business time after <paramref name="start"/> (UTC; an instant of
        /// unspecified kind is taken as UTC). One read, as SYSTEM: the calendar's environment variables.
        /// </summary>
        public static DateTime AddBusinessHours(IOrganizationService systemService, DateTime start, decimal hours)
        {
            if (start == default) throw new BusinessRuleViolation("Give the time to start counting from (the Start parameter).");
            if (hours < 0) throw new BusinessRuleViolation("The business hours to add cannot be negative; give zero or more hours.");
            if (hours > MaxHours) throw new BusinessRuleViolation($"The business hours to add must be at most {MaxHours:0}; give a shorter time.");
            var utc = start.Kind == DateTimeKind.Local ? start.ToUniversalTime() : DateTime.SpecifyKind(start, DateTimeKind.Utc);
            var calendar = OrganisationSettings.Load(systemService).Calendar;
            var result = calendar.AddBusinessTime(utc, TimeSpan.FromTicks((long)(hours * TimeSpan.TicksPerHour)));
            return DateTime.SpecifyKind(result, DateTimeKind.Utc);
        }
    }
}
