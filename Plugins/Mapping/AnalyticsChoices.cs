using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Plugins.Mapping
{
    /// <summary>
    /// Translates the choice values the journey metrics read into the event log's enums. A value this solution does not
    /// know (an option an organisation added) reads as unspecified rather than failing the whole computation.
    /// </summary>
    internal static class AnalyticsChoices
    {
        private static readonly Dictionary<int, StagePhase> Phases = new Dictionary<int, StagePhase>
        {
            [PathwayStageTable.PhaseOptions.PreCare] = StagePhase.PreCare,
            [PathwayStageTable.PhaseOptions.Scheduling] = StagePhase.Scheduling,
            [PathwayStageTable.PhaseOptions.DuringCare] = StagePhase.DuringCare,
            [PathwayStageTable.PhaseOptions.PostCare] = StagePhase.PostCare,
            [PathwayStageTable.PhaseOptions.Ongoing] = StagePhase.Ongoing,
        };

        private static readonly Dictionary<int, AppointmentAttendance> Attendances = new Dictionary<int, AppointmentAttendance>
        {
            [AppointmentTable.AttendanceOptions.Scheduled] = AppointmentAttendance.Scheduled,
            [AppointmentTable.AttendanceOptions.Confirmed] = AppointmentAttendance.Confirmed,
            [AppointmentTable.AttendanceOptions.Arrived] = AppointmentAttendance.Arrived,
            [AppointmentTable.AttendanceOptions.Fulfilled] = AppointmentAttendance.Fulfilled,
            [AppointmentTable.AttendanceOptions.NoShow] = AppointmentAttendance.NoShow,
            [AppointmentTable.AttendanceOptions.CancelledByPatient] = AppointmentAttendance.CancelledByPatient,
            [AppointmentTable.AttendanceOptions.CancelledByProvider] = AppointmentAttendance.CancelledByProvider,
            [AppointmentTable.AttendanceOptions.Rescheduled] = AppointmentAttendance.Rescheduled,
        };

        private static readonly Dictionary<int, TouchpointChannel> Channels = new Dictionary<int, TouchpointChannel>
        {
            [Choices.Channel.Web] = TouchpointChannel.Web,
            [Choices.Channel.Portal] = TouchpointChannel.Portal,
            [Choices.Channel.Phone] = TouchpointChannel.Phone,
            [Choices.Channel.InPerson] = TouchpointChannel.InPerson,
            [Choices.Channel.App] = TouchpointChannel.App,
            [Choices.Channel.SMS] = TouchpointChannel.Sms,
            [Choices.Channel.Email] = TouchpointChannel.Email,
            [Choices.Channel.Survey] = TouchpointChannel.Survey,
        };

        private static readonly Dictionary<int, TouchpointDirection> Directions = new Dictionary<int, TouchpointDirection>
        {
            [TouchpointTable.DirectionOptions.Inbound] = TouchpointDirection.Inbound,
            [TouchpointTable.DirectionOptions.Outbound] = TouchpointDirection.Outbound,
            [TouchpointTable.DirectionOptions.Internal] = TouchpointDirection.Internal,
        };

        private static readonly Dictionary<int, Sentiment> Sentiments = new Dictionary<int, Sentiment>
        {
            [TouchpointTable.SentimentOptions.Positive] = Sentiment.Positive,
            [TouchpointTable.SentimentOptions.Neutral] = Sentiment.Neutral,
            [TouchpointTable.SentimentOptions.Negative] = Sentiment.Negative,
        };

        private static readonly Dictionary<int, PainPointCategory> PainPointCategories = new Dictionary<int, PainPointCategory>
        {
            [TouchpointTable.PainPointCategoryOptions.WaitingTime] = PainPointCategory.WaitingTime,
            [TouchpointTable.PainPointCategoryOptions.Communication] = PainPointCategory.Communication,
            [TouchpointTable.PainPointCategoryOptions.Access] = PainPointCategory.Access,
            [TouchpointTable.PainPointCategoryOptions.Billing] = PainPointCategory.Billing,
            [TouchpointTable.PainPointCategoryOptions.CareExperience] = PainPointCategory.CareExperience,
            [TouchpointTable.PainPointCategoryOptions.Other] = PainPointCategory.Other,
        };

        public static StagePhase? ToPhase(OptionSetValue? option) => Find(Phases, option);

        public static AppointmentAttendance? ToAttendance(OptionSetValue? option) => Find(Attendances, option);

        public static TouchpointChannel? ToChannel(OptionSetValue? option) => Find(Channels, option);

        public static TouchpointDirection? ToDirection(OptionSetValue? option) => Find(Directions, option);

        public static Sentiment? ToSentiment(OptionSetValue? option) => Find(Sentiments, option);

        public static OptionSetValue ToOption(Sentiment sentiment) => new OptionSetValue(Sentiments.First(p => p.Value == sentiment).Key);

        public static PainPointCategory? ToPainPointCategory(OptionSetValue? option) => Find(PainPointCategories, option);

        /// <summary>The option value of a phase, for query conditions.</summary>
        public static int ToOptionValue(StagePhase phase) => Phases.Single(p => p.Value == phase).Key;

        private static T? Find<T>(Dictionary<int, T> map, OptionSetValue? option) where T : struct =>
            option != null && map.TryGetValue(option.Value, out var value) ? value : (T?)null;
    }
}
