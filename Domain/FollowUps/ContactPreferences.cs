using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.FollowUps
{
    /// <summary>
    /// The channels a patient allows automated messages on, the one they prefer, their quiet hours and language, and the
    /// birth date that age-banded rules compare with.
    /// </summary>
    public sealed class ContactPreferences
    {
        // When the preferred channel is not allowed, messages fall back to the first allowed channel in this order.
        private static readonly ContactChannel[] FallbackOrder = { ContactChannel.Sms, ContactChannel.Email, ContactChannel.App, ContactChannel.Portal, ContactChannel.Phone };

        public ContactPreferences(IEnumerable<ContactChannel> allowedChannels, ContactChannel? preferredChannel, QuietHours? quietHours,
            string? language = null, DateTime? birthDate = null)
        {
            Language = string.IsNullOrWhiteSpace(language) ? null : language!.Trim();
            BirthDate = birthDate;
            AllowedChannels = new HashSet<ContactChannel>(allowedChannels ?? throw new ArgumentNullException(nameof(allowedChannels)));
            PreferredChannel = preferredChannel;
            QuietHours = quietHours;
        }

        public ISet<ContactChannel> AllowedChannels { get; }

        public ContactChannel? PreferredChannel { get; }

        /// <summary>The patient's own quiet hours; null means the organisation's default.</summary>
        public QuietHours? QuietHours { get; }

        /// <summary>The patient's preferred language (BCP-47), or null when not recorded.</summary>
        public string? Language { get; }

        public DateTime? BirthDate { get; }

        /// <summary>
        /// The channel a message goes out on: the rule's channel when the patient allows it, else the patient's
        /// preferred channel when allowed, else the first allowed channel; null when the patient allows none.
        /// </summary>
        public ContactChannel? ChannelFor(ContactChannel? ruleChannel)
        {
            if (ruleChannel.HasValue && AllowedChannels.Contains(ruleChannel.Value)) return ruleChannel;
            if (PreferredChannel.HasValue && AllowedChannels.Contains(PreferredChannel.Value)) return PreferredChannel;
            return FallbackOrder.Where(AllowedChannels.Contains).Select(c => (ContactChannel?)c).FirstOrDefault();
        }
    }
}
