using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Risk;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// The built-in follow-up rules, from the evidence in the project's domain reference:
    /// appointment reminders 72 h and 24 h before the start (a randomised trial found both together beat either
    /// alone), plus a staff call 48 h before for patients at high no-show risk; after discharge a check-in call at
    /// 48 h, an experience survey at 7 days and a check at 14 days that the follow-up appointment is booked, with
    /// calls at 7 and 30 days for patients at high readmission risk (LACE 10 and above); a no-show recovery task for
    /// the next business day; an escalation task when a referral breaches its SLA; the referral's status (submitted,
    /// accepted, scheduled, rejected) sent at once to the patient and, by email, to the referring provider; a task to tell
    /// the referrer when a referral expires unaccepted; a service-recovery task within one
    /// business day for a survey detractor. The reminder and post-discharge timing come from the environment variables
    /// (<see cref="FollowUpOffsets"/>); when the post-discharge check-in call falls on the same offset as a high-risk
    /// call, everyone gets that call (a patient is never called twice at the same time). Configured rules override or extend these (see <see cref="FollowUpRule"/>).
    /// </summary>
    public static class DefaultFollowUpRules
    {
        /// <summary>
        /// The seed's pre-visit and post-visit phases. Before a first appointment: a welcome at booking, an invitation to
        /// pre-register 7 days before and directions 2 days before (the domain reference gives no evidence for these
        /// times; they are the organisation's to change with configured rules). After a fulfilled appointment (2 h
        /// after its end) and at discharge: education from the education content for the pathway and stage, in the
        /// patient's language (planned only when such content exists).
        /// </summary>
        private static readonly FollowUpRule[] PreVisitAndEducation =
        {
            new FollowUpRule(FollowUpTrigger.FirstAppointmentBooked, FollowUpType.Welcome, FollowUpKind.AutomatedMessage, TimeSpan.Zero),
            new FollowUpRule(FollowUpTrigger.BeforeFirstAppointment, FollowUpType.PreRegistration, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(-7)),
            new FollowUpRule(FollowUpTrigger.BeforeFirstAppointment, FollowUpType.Directions, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(-2)),
            new FollowUpRule(FollowUpTrigger.AppointmentAttended, FollowUpType.Education, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(2)),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.Education, FollowUpKind.AutomatedMessage, TimeSpan.Zero),
        };

        /// <summary>The defaults with the standard timing (reminders 72 h and 24 h before; discharge 48 h, 7 days, 14 days).</summary>
        public static IReadOnlyList<FollowUpRule> All { get; } = For(FollowUpOffsets.Default);

        /// <summary>The defaults with the organisation's reminder and post-discharge timing.</summary>
        public static IReadOnlyList<FollowUpRule> For(FollowUpOffsets offsets)
        {
            if (offsets == null) throw new ArgumentNullException(nameof(offsets));
            var rules = new List<FollowUpRule>();
            foreach (var hours in offsets.ReminderHoursBefore)
                rules.Add(new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(-hours)));
            rules.Add(new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.ReminderCall, FollowUpKind.StaffTask, TimeSpan.FromHours(-48), channel: ContactChannel.Phone, minimumRiskBand: RiskBand.High));
            rules.Add(new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.CheckInCall, FollowUpKind.StaffTask, TimeSpan.FromHours(offsets.CheckInCallHours), channel: ContactChannel.Phone));
            rules.Add(new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.ExperienceSurvey, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(offsets.ExperienceSurveyHours)));
            rules.Add(new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.FollowUpAppointmentCheck, FollowUpKind.StaffTask, TimeSpan.FromHours(offsets.FollowUpAppointmentCheckHours)));
            foreach (var days in new[] { 7, 30 }.Where(d => d * 24 != offsets.CheckInCallHours))
                rules.Add(new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.CheckInCall, FollowUpKind.StaffTask, TimeSpan.FromDays(days), channel: ContactChannel.Phone, minimumRiskBand: RiskBand.High));
            rules.Add(new FollowUpRule(FollowUpTrigger.NoShow, FollowUpType.NoShowRecovery, FollowUpKind.StaffTask, TimeSpan.Zero, OffsetBasis.NextBusinessDay, channel: ContactChannel.Phone));
            rules.Add(new FollowUpRule(FollowUpTrigger.ReferralBreached, FollowUpType.ReferralEscalation, FollowUpKind.StaffTask, TimeSpan.Zero));
            foreach (var move in new[] { FollowUpTrigger.ReferralSubmitted, FollowUpTrigger.ReferralAccepted, FollowUpTrigger.ReferralScheduled, FollowUpTrigger.ReferralRejected })
            {
                rules.Add(new FollowUpRule(move, FollowUpType.ReferralStatusToPatient, FollowUpKind.AutomatedMessage, TimeSpan.Zero));
                rules.Add(new FollowUpRule(move, FollowUpType.ReferralStatusToReferrer, FollowUpKind.AutomatedMessage, TimeSpan.Zero, channel: ContactChannel.Email));
            }
            rules.Add(new FollowUpRule(FollowUpTrigger.ReferralExpired, FollowUpType.ExpiredReferral, FollowUpKind.StaffTask, TimeSpan.Zero, channel: ContactChannel.Phone));
            rules.Add(new FollowUpRule(FollowUpTrigger.SurveyDetractor, FollowUpType.ServiceRecovery, FollowUpKind.StaffTask, TimeSpan.FromDays(1), OffsetBasis.BusinessDays, channel: ContactChannel.Phone));
            rules.AddRange(PreVisitAndEducation);
            return rules;
        }
    }
}
