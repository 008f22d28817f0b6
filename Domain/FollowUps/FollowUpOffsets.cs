using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// The timing of the built-in appointment and post-discharge rules, as an administrator sets it in the environment
    /// variables: reminder hours before an appointment ("72,24"), and hours after discharge for the check-in call, the
    /// experience survey and the follow-up-appointment check ("48,168,336").
    /// </summary>
    public sealed class FollowUpOffsets
    {
        public const string DefaultReminderHours = "72,24";
        public const string DefaultPostDischargeHours = "48,168,336";

        public FollowUpOffsets(IEnumerable<int> reminderHoursBefore, int checkInCallHours, int experienceSurveyHours, int followUpAppointmentCheckHours)
        {
            ReminderHoursBefore = reminderHoursBefore.Distinct().OrderByDescending(h => h).ToList();
            if (ReminderHoursBefore.Count == 0 || ReminderHoursBefore.Any(h => h <= 0 || h > 24 * 365))
                throw new BusinessRuleViolation("Appointment reminder offsets must be whole hours before the start, between 1 and 8760, such as \"72,24\".");
            if (new[] { checkInCallHours, experienceSurveyHours, followUpAppointmentCheckHours }.Any(h => h <= 0 || h > 24 * 3650))
                throw new BusinessRuleViolation("Post-discharge offsets must be whole hours after discharge, between 1 and 87600, such as \"48,168,336\".");
            CheckInCallHours = checkInCallHours;
            ExperienceSurveyHours = experienceSurveyHours;
            FollowUpAppointmentCheckHours = followUpAppointmentCheckHours;
        }

        public static FollowUpOffsets Default { get; } = Parse(DefaultReminderHours, DefaultPostDischargeHours);

        /// <summary>Hours before the appointment's start, largest first.</summary>
        public IReadOnlyList<int> ReminderHoursBefore { get; }

        public int CheckInCallHours { get; }

        public int ExperienceSurveyHours { get; }

        public int FollowUpAppointmentCheckHours { get; }

        /// <summary>Reads the two settings; empty text means the default.</summary>
        public static FollowUpOffsets Parse(string? reminderHours, string? postDischargeHours)
        {
            var reminders = Numbers(reminderHours, DefaultReminderHours,
                "The appointment reminder offsets \"{0}\" are not whole hours separated by commas, such as \"72,24\".");
            var discharge = Numbers(postDischargeHours, DefaultPostDischargeHours,
                "The post-discharge offsets \"{0}\" are not three whole hours separated by commas (check-in call, survey, appointment check), such as \"48,168,336\".");
            if (discharge.Count != 3)
                throw new BusinessRuleViolation(string.Format(CultureInfo.InvariantCulture,
                    "The post-discharge offsets \"{0}\" must name three hours: check-in call, experience survey and follow-up appointment check, such as \"48,168,336\".", postDischargeHours));
            return new FollowUpOffsets(reminders, discharge[0], discharge[1], discharge[2]);
        }

        private static List<int> Numbers(string? text, string fallback, string error)
        {
            var spec = string.IsNullOrWhiteSpace(text) ? fallback : text!.Trim().TrimStart('[').TrimEnd(']');
            var result = new List<int>();
            foreach (var part in spec.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours))
                    throw new BusinessRuleViolation(string.Format(CultureInfo.InvariantCulture, error, text));
                result.Add(hours);
            }
            return result;
        }
    }
}
