using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.Plugins.Configuration
{
    /// <summary>The organisation's configuration the rules need, built from the environment variables in one read.</summary>
    internal sealed class OrganisationSettings
    {
        private readonly string? quietHoursDefault;
        private readonly string? reminderOffsets;
        private readonly string? postDischargeOffsets;
        private readonly string? defaultLanguage;
        private readonly string? referralExpiryDays;

        private readonly IOrganizationService systemService;
        private readonly string? defaultCareTeam;

        private OrganisationSettings(IOrganizationService systemService, TimeZoneInfo timeZone, BusinessCalendar calendar, ReferralSlaPolicy referralSla, IReadOnlyDictionary<string, string?> values)
        {
            this.systemService = systemService;
            defaultCareTeam = values[EnvironmentVariables.DefaultCareTeam];
            TimeZone = timeZone;
            Calendar = calendar;
            ReferralSla = referralSla;
            quietHoursDefault = values[EnvironmentVariables.QuietHoursDefault];
            reminderOffsets = values[EnvironmentVariables.AppointmentReminderOffsetsHours];
            postDischargeOffsets = values[EnvironmentVariables.PostDischargeOffsetsHours];
            defaultLanguage = values[EnvironmentVariables.DefaultLanguage];
            referralExpiryDays = values[EnvironmentVariables.ReferralExpiryDays];
        }

        public TimeZoneInfo TimeZone { get; }

        public BusinessCalendar Calendar { get; }

        public ReferralSlaPolicy ReferralSla { get; }

        /// <summary>The organisation's quiet hours for patients who set none (read when asked, so a bad value stops only follow-up work).</summary>
        public QuietHours DefaultQuietHours => QuietHours.Parse(quietHoursDefault, "the environment variable " + EnvironmentVariables.QuietHoursDefault);

        /// <summary>The reminder and post-discharge timing of the built-in follow-up rules.</summary>
        public FollowUpOffsets FollowUpOffsets => FollowUpOffsets.Parse(reminderOffsets, postDischargeOffsets);

        /// <summary>Days a submitted referral waits for acceptance before it expires (0: never; read when asked).</summary>
        public int ReferralExpiryDays => ReferralFollowUps.ExpiryDays(referralExpiryDays, EnvironmentVariables.ReferralExpiryDays);

        /// <summary>
        /// The follow-up planner with the organisation's calendar, quiet hours, time zone, timing, default language and
        /// default care team (looked up here, one query only when pj_DefaultCareTeam is set, so a bad value stops only follow-up work).
        /// </summary>
        public FollowUpPlanner FollowUpPlanner() =>
            new FollowUpPlanner(Calendar, DefaultQuietHours, TimeZone, DefaultFollowUpRules.For(FollowUpOffsets),
                string.IsNullOrWhiteSpace(defaultLanguage) ? null : defaultLanguage) { DefaultCareTeamId = FindTeam(systemService, defaultCareTeam) };

        public static OrganisationSettings Load(IOrganizationService systemService)
        {
            var values = EnvironmentVariableReader.Read(systemService,
                EnvironmentVariables.TimeZone, EnvironmentVariables.BusinessHours, EnvironmentVariables.Holidays,
                EnvironmentVariables.ReferralSlaHoursStat, EnvironmentVariables.ReferralSlaHoursAsap,
                EnvironmentVariables.ReferralSlaHoursUrgent, EnvironmentVariables.ReferralSlaHoursRoutine,
                EnvironmentVariables.QuietHoursDefault, EnvironmentVariables.AppointmentReminderOffsetsHours, EnvironmentVariables.PostDischargeOffsetsHours,
                EnvironmentVariables.DefaultLanguage, EnvironmentVariables.ReferralExpiryDays, EnvironmentVariables.DefaultCareTeam);
            var timeZone = FindTimeZone(values[EnvironmentVariables.TimeZone]);
            var calendar = BusinessCalendarSettings.Parse(values[EnvironmentVariables.BusinessHours], values[EnvironmentVariables.Holidays], timeZone);
            var sla = new ReferralSlaPolicy(calendar, new Dictionary<ReferralPriority, TimeSpan>
            {
                [ReferralPriority.Stat] = Hours(values, EnvironmentVariables.ReferralSlaHoursStat),
                [ReferralPriority.Asap] = Hours(values, EnvironmentVariables.ReferralSlaHoursAsap),
                [ReferralPriority.Urgent] = Hours(values, EnvironmentVariables.ReferralSlaHoursUrgent),
                [ReferralPriority.Routine] = Hours(values, EnvironmentVariables.ReferralSlaHoursRoutine),
            });
            return new OrganisationSettings(systemService, timeZone, calendar, sla, values);
        }

        // One query, only when the variable is set: the team by id, else by name.
        private static Guid? FindTeam(IOrganizationService systemService, string? setting)
        {
            if (string.IsNullOrWhiteSpace(setting)) return null;
            var value = setting!.Trim();
            var query = new QueryExpression("team") { ColumnSet = new ColumnSet(false), TopCount = 2 };
            if (Guid.TryParse(value, out var id)) query.Criteria.AddCondition("teamid", ConditionOperator.Equal, id);
            else query.Criteria.AddCondition("name", ConditionOperator.Equal, value);
            var teams = systemService.RetrieveMultiple(query).Entities;
            if (teams.Count == 1) return teams[0].Id;
            throw new BusinessRuleViolation($"The environment variable {EnvironmentVariables.DefaultCareTeam} must name one team (its name or id); {(teams.Count == 0 ? "no team has it" : "several teams share that name, so give its id")}.");
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
