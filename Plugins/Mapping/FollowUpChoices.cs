using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Appointments;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;

namespace PatientJourney.Crm.Plugins.Mapping
{
    /// <summary>Translates the follow-up and risk enums of the domain to and from the choice values stored in Dataverse.</summary>
    internal static class FollowUpChoices
    {
        private static readonly Dictionary<FollowUpTrigger, int> Triggers = new Dictionary<FollowUpTrigger, int>
        {
            [FollowUpTrigger.AppointmentScheduled] = Choices.FollowUpTrigger.AppointmentScheduled,
            [FollowUpTrigger.StageEntered] = Choices.FollowUpTrigger.StageEntered,
            [FollowUpTrigger.Discharge] = Choices.FollowUpTrigger.Discharge,
            [FollowUpTrigger.NoShow] = Choices.FollowUpTrigger.NoShow,
            [FollowUpTrigger.ReferralSubmitted] = Choices.FollowUpTrigger.ReferralSubmitted,
            [FollowUpTrigger.ReferralBreached] = Choices.FollowUpTrigger.ReferralBreached,
            [FollowUpTrigger.SurveyDetractor] = Choices.FollowUpTrigger.SurveyDetractor,
            [FollowUpTrigger.RiskBandHigh] = Choices.FollowUpTrigger.RiskBandHigh,
            [FollowUpTrigger.Periodic] = Choices.FollowUpTrigger.Periodic,
            [FollowUpTrigger.FirstAppointmentBooked] = Choices.FollowUpTrigger.FirstAppointmentBooked,
            [FollowUpTrigger.BeforeFirstAppointment] = Choices.FollowUpTrigger.BeforeFirstAppointment,
            [FollowUpTrigger.AppointmentAttended] = Choices.FollowUpTrigger.AppointmentAttended,
            [FollowUpTrigger.ReferralAccepted] = Choices.FollowUpTrigger.ReferralAccepted,
            [FollowUpTrigger.ReferralScheduled] = Choices.FollowUpTrigger.ReferralScheduled,
            [FollowUpTrigger.ReferralRejected] = Choices.FollowUpTrigger.ReferralRejected,
            [FollowUpTrigger.ReferralExpired] = Choices.FollowUpTrigger.ReferralExpired,
        };

        private static readonly Dictionary<FollowUpType, int> Types = new Dictionary<FollowUpType, int>
        {
            [FollowUpType.AppointmentReminder] = Choices.FollowUpType.AppointmentReminder,
            [FollowUpType.ReminderCall] = Choices.FollowUpType.RiskCall,
            [FollowUpType.CheckInCall] = Choices.FollowUpType.PostDischargeCheckIn,
            [FollowUpType.ExperienceSurvey] = Choices.FollowUpType.ExperienceSurvey,
            [FollowUpType.FollowUpAppointmentCheck] = Choices.FollowUpType.FollowUpAppointmentCheck,
            [FollowUpType.NoShowRecovery] = Choices.FollowUpType.NoShowRecovery,
            [FollowUpType.ReferralEscalation] = Choices.FollowUpType.ReferralEscalation,
            [FollowUpType.ServiceRecovery] = Choices.FollowUpType.ServiceRecovery,
            [FollowUpType.ScreeningReminder] = Choices.FollowUpType.ScreeningReminder,
            [FollowUpType.Welcome] = Choices.FollowUpType.Welcome,
            [FollowUpType.PreRegistration] = Choices.FollowUpType.PreRegistration,
            [FollowUpType.Directions] = Choices.FollowUpType.Directions,
            [FollowUpType.Education] = Choices.FollowUpType.Education,
            [FollowUpType.ReferralStatusToPatient] = Choices.FollowUpType.ReferralStatusToPatient,
            [FollowUpType.ReferralStatusToReferrer] = Choices.FollowUpType.ReferralStatusToReferrer,
            [FollowUpType.ExpiredReferral] = Choices.FollowUpType.ExpiredReferral,
        };

        private static readonly Dictionary<FollowUpKind, int> Kinds = new Dictionary<FollowUpKind, int>
        {
            [FollowUpKind.AutomatedMessage] = Choices.FollowUpKind.AutomatedMessage,
            [FollowUpKind.StaffTask] = Choices.FollowUpKind.StaffTask,
        };

        private static readonly Dictionary<ContactChannel, int> Channels = new Dictionary<ContactChannel, int>
        {
            [ContactChannel.Sms] = Choices.Channel.SMS,
            [ContactChannel.Email] = Choices.Channel.Email,
            [ContactChannel.Phone] = Choices.Channel.Phone,
            [ContactChannel.Portal] = Choices.Channel.Portal,
            [ContactChannel.App] = Choices.Channel.App,
        };

        private static readonly Dictionary<FollowUpStatus, int> Statuses = new Dictionary<FollowUpStatus, int>
        {
            [FollowUpStatus.Pending] = FollowUpTable.StatusOptions.Pending,
            [FollowUpStatus.Due] = FollowUpTable.StatusOptions.Due,
            [FollowUpStatus.Completed] = FollowUpTable.StatusOptions.Completed,
            [FollowUpStatus.Cancelled] = FollowUpTable.StatusOptions.Cancelled,
            [FollowUpStatus.Suppressed] = FollowUpTable.StatusOptions.Suppressed,
            [FollowUpStatus.Failed] = FollowUpTable.StatusOptions.Failed,
        };

        private static readonly Dictionary<RiskBand, int> Bands = new Dictionary<RiskBand, int>
        {
            [RiskBand.Low] = Choices.RiskBand.Low,
            [RiskBand.Moderate] = Choices.RiskBand.Medium,
            [RiskBand.High] = Choices.RiskBand.High,
        };

        private static readonly Dictionary<RiskModel, int> Models = new Dictionary<RiskModel, int>
        {
            [RiskModel.Lace] = RiskAssessmentTable.ModelOptions.LACE,
            [RiskModel.Hospital] = RiskAssessmentTable.ModelOptions.HOSPITAL,
            [RiskModel.NoShow] = RiskAssessmentTable.ModelOptions.NoShow,
        };

        public static OptionSetValue ToOption(this FollowUpTrigger value) => new OptionSetValue(Lookup(Triggers, value, "follow-up trigger"));
        public static OptionSetValue ToOption(this FollowUpType value) => new OptionSetValue(Lookup(Types, value, "follow-up type"));
        public static OptionSetValue ToOption(this FollowUpKind value) => new OptionSetValue(Kinds[value]);
        public static OptionSetValue ToOption(this ContactChannel value) => new OptionSetValue(Channels[value]);
        public static OptionSetValue ToOption(this FollowUpStatus value) => new OptionSetValue(Statuses[value]);
        public static OptionSetValue ToOption(this RiskBand value) => new OptionSetValue(Bands[value]);
        public static OptionSetValue ToOption(this RiskModel value) => new OptionSetValue(Models[value]);

        public static FollowUpTrigger ToTrigger(OptionSetValue? option) => Required(Triggers, option, "follow-up trigger");
        public static FollowUpType ToFollowUpType(OptionSetValue? option) => Required(Types, option, "follow-up type");
        public static FollowUpKind ToKind(OptionSetValue? option) => Required(Kinds, option, "follow-up kind");
        public static FollowUpStatus ToStatus(OptionSetValue? option) => option == null ? FollowUpStatus.Pending : Required(Statuses, option, "follow-up status");
        public static RiskModel ToModel(OptionSetValue? option) => Required(Models, option, "risk model");

        /// <summary>A channel the follow-up engine sends on; web and in-person are not message channels, so they map to none.</summary>
        public static ContactChannel? ToChannel(OptionSetValue? option) =>
            option == null ? (ContactChannel?)null : Channels.Where(p => p.Value == option.Value).Select(p => (ContactChannel?)p.Key).FirstOrDefault();

        public static RiskBand? ToBand(OptionSetValue? option) =>
            option == null ? (RiskBand?)null : Bands.Where(p => p.Value == option.Value).Select(p => (RiskBand?)p.Key).FirstOrDefault();

        /// <summary>An appointment's attendance choice as the automation sees it; none recorded yet is booked.</summary>
        public static AttendanceState ToAttendance(OptionSetValue? option)
        {
            switch (option?.Value)
            {
                case AppointmentTable.AttendanceOptions.Arrived: return AttendanceState.Arrived;
                case AppointmentTable.AttendanceOptions.Fulfilled: return AttendanceState.Fulfilled;
                case AppointmentTable.AttendanceOptions.NoShow: return AttendanceState.Missed;
                case AppointmentTable.AttendanceOptions.CancelledByPatient:
                case AppointmentTable.AttendanceOptions.CancelledByProvider: return AttendanceState.Cancelled;
                default: return AttendanceState.Booked;
            }
        }

        /// <summary>The trigger, type or kind of a choice; null when empty or not a value this solution knows (for checks that say what is missing).</summary>
        public static FollowUpTrigger? KnownTrigger(OptionSetValue? option) => Find(Triggers, option);
        public static FollowUpType? KnownType(OptionSetValue? option) => Find(Types, option);
        public static FollowUpKind? KnownKind(OptionSetValue? option) => Find(Kinds, option);

        private static TEnum? Find<TEnum>(Dictionary<TEnum, int> map, OptionSetValue? option) where TEnum : struct =>
            option == null ? null : map.Where(p => p.Value == option.Value).Select(p => (TEnum?)p.Key).FirstOrDefault();

        private static int Lookup<TEnum>(Dictionary<TEnum, int> map, TEnum value, string what) where TEnum : struct =>
            map.TryGetValue(value, out var option) ? option : throw new BusinessRuleViolation($"The {what} {value} has no choice value in this solution.");

        private static TEnum Required<TEnum>(Dictionary<TEnum, int> map, OptionSetValue? option, string what) where TEnum : struct
        {
            if (option == null) throw new BusinessRuleViolation($"Choose the {what}.");
            foreach (var pair in map.Where(p => p.Value == option.Value)) return pair.Key;
            throw new BusinessRuleViolation($"{option.Value} is not a {what} this solution knows; choose one of the listed values.");
        }
    }
}
