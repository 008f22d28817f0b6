using System;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// What a configured follow-up rule needs to be usable: a trigger, a type and a kind; an offset within ten years;
    /// an offset before the event only for appointments (the one trigger that lies ahead); a type that fits its
    /// trigger (appointment reminders for appointments, recovery calls for no-shows, escalations for referral breaches, service
    /// recovery for survey detractors) and a kind that fits its type (messages are sent, calls and tasks are worked);
    /// a usable segment (<see cref="FollowUpSegment.Problem"/>); education content only on an education rule.
    /// Checked when a rule is saved; a rule saved before the check that fails it is skipped when rules are loaded.
    /// </summary>
    public static class FollowUpRuleCheck
    {
        // The triggers whose follow-ups the plug-ins plan with the education content (journey and appointment events).
        private static readonly FollowUpTrigger[] EducationTriggers =
        {
            FollowUpTrigger.AppointmentScheduled, FollowUpTrigger.FirstAppointmentBooked, FollowUpTrigger.BeforeFirstAppointment, FollowUpTrigger.AppointmentAttended,
            FollowUpTrigger.NoShow, FollowUpTrigger.Discharge, FollowUpTrigger.StageEntered, FollowUpTrigger.Periodic, FollowUpTrigger.RiskBandHigh,
        };

        /// <summary>Ten years, in minutes: the furthest a follow-up may lie from its event.</summary>
        public const int MaximumOffsetMinutes = 10 * 365 * 24 * 60;

        /// <summary>The first problem, as a message saying what to fix, or null when the rule is usable.</summary>
        public static string? ProblemWith(FollowUpTrigger? trigger, FollowUpType? type, FollowUpKind? kind, int? offsetMinutes,
            FollowUpSegment? segment = null, bool namesEducationContent = false)
        {
            if (!trigger.HasValue) return "A follow-up rule needs its trigger; choose what the follow-up responds to.";
            if (!type.HasValue) return "A follow-up rule needs its follow-up type; choose the type.";
            if (!kind.HasValue) return "A follow-up rule needs its kind; choose automated message or staff task.";
            var offset = offsetMinutes ?? 0;
            if (Math.Abs((long)offset) > MaximumOffsetMinutes)
                return $"A follow-up rule's offset must be within {MaximumOffsetMinutes} minutes (ten years) of its event; shorten the offset.";
            if (offset < 0 && trigger != FollowUpTrigger.AppointmentScheduled && trigger != FollowUpTrigger.BeforeFirstAppointment)
                return $"Only appointment rules can fall before their event (Appointment scheduled, Before first appointment); a {trigger} rule needs an offset of zero or more minutes.";
            var fittingTrigger = TriggerFor(type.Value);
            if (fittingTrigger.HasValue && fittingTrigger != trigger)
                return $"A {type} follow-up belongs to the {fittingTrigger} trigger, not {trigger}; change the trigger or the type.";
            var fittingKind = KindFor(type.Value);
            if (fittingKind.HasValue && fittingKind != kind)
                return $"A {type} follow-up is a {(fittingKind == FollowUpKind.StaffTask ? "staff task" : "automated message")}; change the kind.";
            if (type == FollowUpType.Education && !EducationTriggers.Contains(trigger.Value))
                return $"Education follows the patient's care on a journey or at an appointment, not a {trigger}; choose another trigger or type.";
            if (namesEducationContent && type != FollowUpType.Education)
                return "Only an Education rule sends education content; clear the education content or choose the type Education.";
            return segment?.Problem();
        }

        /// <summary>Throws the problem as a business-rule violation (on save).</summary>
        public static void Ensure(FollowUpTrigger? trigger, FollowUpType? type, FollowUpKind? kind, int? offsetMinutes,
            FollowUpSegment? segment = null, bool namesEducationContent = false)
        {
            var problem = ProblemWith(trigger, type, kind, offsetMinutes, segment, namesEducationContent);
            if (problem != null) throw new BusinessRuleViolation(problem);
        }

        /// <summary>Whether a message of this type goes to the patient (so their consent and quiet hours apply); a referrer update does not.</summary>
        public static bool IsForPatient(FollowUpType type) => type != FollowUpType.ReferralStatusToReferrer;

        private static FollowUpTrigger? TriggerFor(FollowUpType type)
        {
            switch (type)
            {
                case FollowUpType.AppointmentReminder: return FollowUpTrigger.AppointmentScheduled;
                case FollowUpType.NoShowRecovery: return FollowUpTrigger.NoShow;
                case FollowUpType.ReferralEscalation: return FollowUpTrigger.ReferralBreached;
                case FollowUpType.ServiceRecovery: return FollowUpTrigger.SurveyDetractor;
                case FollowUpType.ExpiredReferral: return FollowUpTrigger.ReferralExpired;
                default: return null;
            }
        }

        private static FollowUpKind? KindFor(FollowUpType type)
        {
            switch (type)
            {
                case FollowUpType.AppointmentReminder:
                case FollowUpType.Welcome:
                case FollowUpType.PreRegistration:
                case FollowUpType.Directions:
                case FollowUpType.Education:
                case FollowUpType.ReferralStatusToPatient:
                case FollowUpType.ReferralStatusToReferrer:
                case FollowUpType.Message: return FollowUpKind.AutomatedMessage;
                case FollowUpType.ReminderCall:
                case FollowUpType.CheckInCall:
                case FollowUpType.FollowUpAppointmentCheck:
                case FollowUpType.NoShowRecovery:
                case FollowUpType.ReferralEscalation:
                case FollowUpType.ServiceRecovery:
                case FollowUpType.ExpiredReferral:
                case FollowUpType.Task: return FollowUpKind.StaffTask;
                default: return null;
            }
        }
    }
}
