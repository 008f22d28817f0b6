using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;

namespace PatientJourney.Crm.Plugins.Mapping
{
    /// <summary>Translates between the domain's enums and the choice values stored in Dataverse.</summary>
    internal static class ChoiceMapping
    {
        private static readonly Dictionary<JourneyStatus, int> JourneyStatuses = new Dictionary<JourneyStatus, int>
        {
            [JourneyStatus.Active] = JourneyTable.StatusOptions.Active,
            [JourneyStatus.OnHold] = JourneyTable.StatusOptions.OnHold,
            [JourneyStatus.Completed] = JourneyTable.StatusOptions.Completed,
            [JourneyStatus.Dropped] = JourneyTable.StatusOptions.Dropped,
            [JourneyStatus.Cancelled] = JourneyTable.StatusOptions.Cancelled,
        };

        private static readonly Dictionary<ReferralStatus, int> ReferralStatuses = new Dictionary<ReferralStatus, int>
        {
            [ReferralStatus.Draft] = ReferralTable.StatusOptions.Draft,
            [ReferralStatus.Submitted] = ReferralTable.StatusOptions.Submitted,
            [ReferralStatus.Accepted] = ReferralTable.StatusOptions.Accepted,
            [ReferralStatus.Scheduled] = ReferralTable.StatusOptions.Scheduled,
            [ReferralStatus.Completed] = ReferralTable.StatusOptions.Completed,
            [ReferralStatus.Rejected] = ReferralTable.StatusOptions.Rejected,
            [ReferralStatus.Cancelled] = ReferralTable.StatusOptions.Cancelled,
            [ReferralStatus.Expired] = ReferralTable.StatusOptions.Expired,
        };

        private static readonly Dictionary<ReferralPriority, int> ReferralPriorities = new Dictionary<ReferralPriority, int>
        {
            [ReferralPriority.Routine] = ReferralTable.PriorityOptions.Routine,
            [ReferralPriority.Urgent] = ReferralTable.PriorityOptions.Urgent,
            [ReferralPriority.Asap] = ReferralTable.PriorityOptions.ASAP,
            [ReferralPriority.Stat] = ReferralTable.PriorityOptions.STAT,
        };

        public static OptionSetValue ToOption(this JourneyStatus status) => new OptionSetValue(JourneyStatuses[status]);

        public static OptionSetValue ToOption(this ReferralStatus status) => new OptionSetValue(ReferralStatuses[status]);

        public static OptionSetValue ToOption(this ReferralPriority priority) => new OptionSetValue(ReferralPriorities[priority]);

        public static JourneyStatus ToJourneyStatus(OptionSetValue? option, JourneyStatus whenEmpty) => FromOption(JourneyStatuses, option, whenEmpty, "journey status");

        public static ReferralStatus ToReferralStatus(OptionSetValue? option, ReferralStatus whenEmpty) => FromOption(ReferralStatuses, option, whenEmpty, "referral status");

        public static ReferralPriority ToReferralPriority(OptionSetValue? option, ReferralPriority whenEmpty) => FromOption(ReferralPriorities, option, whenEmpty, "referral priority");

        private static TEnum FromOption<TEnum>(Dictionary<TEnum, int> map, OptionSetValue? option, TEnum whenEmpty, string what) where TEnum : struct
        {
            if (option == null) return whenEmpty;
            foreach (var pair in map.Where(p => p.Value == option.Value)) return pair.Key;
            throw new BusinessRuleViolation($"{option.Value} is not a {what} this solution knows; choose one of the listed values.");
        }
    }
}
