using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Operations
{
    /// <summary>What a caller gives to record a touchpoint.</summary>
    internal sealed class TouchpointRequest
    {
        public EntityReference? Patient { get; set; }

        public EntityReference? Journey { get; set; }

        public OptionSetValue? Type { get; set; }

        public OptionSetValue? Channel { get; set; }

        public OptionSetValue? Direction { get; set; }

        /// <summary>When it happened (UTC); none means now.</summary>
        public DateTime? OccurredOn { get; set; }

        public OptionSetValue? Sentiment { get; set; }

        public string? Summary { get; set; }
    }

    /// <summary>
    /// Recording a touchpoint, as custom API pj_RecordTouchpoint and the classic-workflow activity "Record touchpoint"
    /// both do it (compiled into both shipped assemblies). The touchpoint rules (joining the patient's open journey,
    /// updating the journey's last touchpoint and count) run on the create.
    /// </summary>
    internal static class TouchpointOperations
    {
        private const int NameLength = 200;
        private const int SummaryLength = 400;

        private static readonly int[] Types =
        {
            TouchpointTable.TypeOptions.StageChange, TouchpointTable.TypeOptions.Appointment, TouchpointTable.TypeOptions.Message,
            TouchpointTable.TypeOptions.Call, TouchpointTable.TypeOptions.Visit, TouchpointTable.TypeOptions.Survey,
            TouchpointTable.TypeOptions.Referral, TouchpointTable.TypeOptions.Other,
        };

        private static readonly int[] Channels =
        {
            Choices.Channel.Web, Choices.Channel.Portal, Choices.Channel.Phone, Choices.Channel.InPerson,
            Choices.Channel.App, Choices.Channel.SMS, Choices.Channel.Email,
        };

        private static readonly int[] Directions =
        {
            TouchpointTable.DirectionOptions.Inbound, TouchpointTable.DirectionOptions.Outbound, TouchpointTable.DirectionOptions.Internal,
        };

        private static readonly int[] Sentiments =
        {
            TouchpointTable.SentimentOptions.Positive, TouchpointTable.SentimentOptions.Neutral, TouchpointTable.SentimentOptions.Negative,
        };

        /// <summary>Creates the touchpoint and returns it. One read (the journey, or else the patient) and one write.</summary>
        public static EntityReference Record(IOrganizationService service, TouchpointRequest request, DateTime now)
        {
            var patient = request.Patient;
            var journey = request.Journey;
            if (patient == null && journey == null) throw new BusinessRuleViolation("Give the patient or the journey the touchpoint belongs to.");
            if (patient != null && patient.LogicalName != ContactTable.LogicalName) throw new BusinessRuleViolation("The Patient parameter must be a patient (contact).");
            if (journey != null && journey.LogicalName != JourneyTable.LogicalName) throw new BusinessRuleViolation("The Journey parameter must be a journey.");
            var type = Choice(request.Type, Types, "Type", "type");
            var channel = Choice(request.Channel, Channels, "Channel", "channel");
            var direction = Choice(request.Direction, Directions, "Direction", "direction");
            var sentiment = request.Sentiment == null ? null : Choice(request.Sentiment, Sentiments, "Sentiment", "sentiment");
            var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary!.Trim();
            TextParameter.EnsureFits(summary, "Summary", SummaryLength);

            if (journey != null)
            {
                var row = Records.EnsureExists(service, journey, "journey", JourneyTable.PatientId);
                var journeyPatient = row.Get<EntityReference>(JourneyTable.PatientId);
                if (patient != null && journeyPatient != null && patient.Id != journeyPatient.Id)
                    throw new BusinessRuleViolation("The journey belongs to another patient; give the patient's own journey.");
                patient = journeyPatient;
            }
            else
            {
                Records.EnsureExists(service, patient!, "patient");
            }

            var touchpoint = new Entity(TouchpointTable.LogicalName)
            {
                [TouchpointTable.Name] = summary == null ? "Touchpoint" : summary.Length > NameLength ? summary.Substring(0, NameLength) : summary,
                [TouchpointTable.PatientId] = new EntityReference(ContactTable.LogicalName, patient!.Id),
                [TouchpointTable.Type] = type,
                [TouchpointTable.Channel] = channel,
                [TouchpointTable.Direction] = direction,
                [TouchpointTable.OccurredOn] = request.OccurredOn.HasValue ? AsUtc(request.OccurredOn.Value) : now,
            };
            if (journey != null) touchpoint[TouchpointTable.JourneyId] = new EntityReference(JourneyTable.LogicalName, journey.Id);
            if (sentiment != null) touchpoint[TouchpointTable.Sentiment] = sentiment;
            if (summary != null) touchpoint[TouchpointTable.Summary] = summary;

            var id = service.Create(touchpoint);
            return new EntityReference(TouchpointTable.LogicalName, id);
        }

        // Dataverse hands instants over in UTC; one of unspecified kind is taken as UTC, a local one converted.
        private static DateTime AsUtc(DateTime instant) =>
            instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);

        private static OptionSetValue Choice(OptionSetValue? value, int[] allowed, string parameter, string kind)
        {
            if (value == null) throw new BusinessRuleViolation($"Give the {kind} of the touchpoint (the {parameter} parameter).");
            if (!allowed.Contains(value.Value)) throw new BusinessRuleViolation($"The {parameter} parameter is not a known {kind} ({value.Value}); choose one of the {kind} options.");
            return new OptionSetValue(value.Value);
        }
    }
}
