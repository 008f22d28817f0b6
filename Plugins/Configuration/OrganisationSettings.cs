using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.Plugins.Configuration
{
    /// <summary>The organisation's configuration the rules need, built from the environment variables in one read.</summary>
    internal sealed class OrganisationSettings
    {
        private OrganisationSettings(TimeZoneInfo timeZone, BusinessCalendar calendar, ReferralSlaPolicy referralSla)
        {
            TimeZone = timeZone;
            Calendar = calendar;
            ReferralSla = referralSla;
        }

        public TimeZoneInfo TimeZone { get; }

        public BusinessCalendar Calendar { get; }

        public ReferralSlaPolicy ReferralSla { get; }

        public static OrganisationSettings Load(IOrganizationService systemService)
        {
            var values = EnvironmentVariableReader.Read(systemService,
                EnvironmentVariables.TimeZone, EnvironmentVariables.BusinessHours, EnvironmentVariables.Holidays,
                EnvironmentVariables.ReferralSlaHoursStat, EnvironmentVariables.ReferralSlaHoursAsap,
                EnvironmentVariables.ReferralSlaHoursUrgent, EnvironmentVariables.ReferralSlaHoursRoutine);
            var timeZone = FindTimeZone(values[EnvironmentVariables.TimeZone]);
            var calendar = BusinessCalendarSettings.Parse(values[EnvironmentVariables.BusinessHours], values[EnvironmentVariables.Holidays], timeZone);
            var sla = new ReferralSlaPolicy(calendar, new Dictionary<ReferralPriority, TimeSpan>
            {
                [ReferralPriority.Stat] = Hours(values, EnvironmentVariables.ReferralSlaHoursStat),
                [ReferralPriority.Asap] = Hours(values, EnvironmentVariables.ReferralSlaHoursAsap),
                [ReferralPriority.Urgent] = Hours(values, EnvironmentVariables.ReferralSlaHoursUrgent),
                [ReferralPriority.Routine] = Hours(values, EnvironmentVariables.ReferralSlaHoursRoutine),
            });
            return new OrganisationSettings(timeZone, calendar, sla);
        }

        private static TimeSpan Hours(IReadOnlyDictionary<string, string?> values, string name)
        {
            if (double.TryParse(values[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var hours)) return TimeSpan.FromHours(hours);
            throw new BusinessRuleViolation($"The environment variable {name} must be a number of business hours; set it in the solution's environment variables.");
        }

        private static TimeZoneInfo FindTimeZone(string? id)
        {
            if (string.IsNullOrWhiteSpace(id) || string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase)) return TimeZoneInfo.Utc;
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id!.Trim());
            }
            catch (TimeZoneNotFoundException)
            {
                throw new BusinessRuleViolation($"The time zone \"{id}\" is not known; set {EnvironmentVariables.TimeZone} to a time zone id such as \"GMT Standard Time\".");
            }
        }
    }
}
