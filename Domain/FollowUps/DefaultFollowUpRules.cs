using System;
using System.Collections.Generic;
using PatientJourney.Crm.Domain.Risk;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// The built-in follow-up rules, from the evidence in the project's domain reference:
    /// appointment reminders 72 h and 24 h before the start (a randomised trial found both together beat either
    /// alone), plus a staff call 48 h before for patients at high no-show risk; after discharge a check-in call at
    /// 48 h, an experience survey at 7 days and a check at 14 days that the follow-up appointment is booked, with
    /// calls at 7 and 30 days for patients at high readmission risk (LACE 10 and above); a no-show recovery task for
    /// the next business day; an escalation task when a referral breaches its SLA; a service-recovery task within one
    /// business day for a survey detractor. Configured rules override or extend these (see <see cref="FollowUpRule"/>).
    /// </summary>
    public static class DefaultFollowUpRules
    {
        public static IReadOnlyList<FollowUpRule> All { get; } = new[]
        {
            new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(-72)),
            new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.AppointmentReminder, FollowUpKind.AutomatedMessage, TimeSpan.FromHours(-24)),
            new FollowUpRule(FollowUpTrigger.AppointmentScheduled, FollowUpType.ReminderCall, FollowUpKind.StaffTask, TimeSpan.FromHours(-48), channel: ContactChannel.Phone, minimumRiskBand: RiskBand.High),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.CheckInCall, FollowUpKind.StaffTask, TimeSpan.FromHours(48), channel: ContactChannel.Phone),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.ExperienceSurvey, FollowUpKind.AutomatedMessage, TimeSpan.FromDays(7)),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.FollowUpAppointmentCheck, FollowUpKind.StaffTask, TimeSpan.FromDays(14)),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.CheckInCall, FollowUpKind.StaffTask, TimeSpan.FromDays(7), channel: ContactChannel.Phone, minimumRiskBand: RiskBand.High),
            new FollowUpRule(FollowUpTrigger.Discharge, FollowUpType.CheckInCall, FollowUpKind.StaffTask, TimeSpan.FromDays(30), channel: ContactChannel.Phone, minimumRiskBand: RiskBand.High),
            new FollowUpRule(FollowUpTrigger.NoShow, FollowUpType.NoShowRecovery, FollowUpKind.StaffTask, TimeSpan.Zero, OffsetBasis.NextBusinessDay, channel: ContactChannel.Phone),
            new FollowUpRule(FollowUpTrigger.ReferralBreached, FollowUpType.ReferralEscalation, FollowUpKind.StaffTask, TimeSpan.Zero),
            new FollowUpRule(FollowUpTrigger.SurveyDetractor, FollowUpType.ServiceRecovery, FollowUpKind.StaffTask, TimeSpan.FromDays(1), OffsetBasis.BusinessDays, channel: ContactChannel.Phone),
        };
    }
}
