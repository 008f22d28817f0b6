using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.RecordTouchpoint;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_RecordTouchpoint: records an interaction for a patient or a journey. The touchpoint rules (joining the
    /// patient's open journey, updating the journey's last touchpoint and count) run on the create.
    /// </summary>
    public sealed class RecordTouchpoint : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var patient = context.OptionalInput<EntityReference>(Api.InPatient);
            var journey = context.OptionalInput<EntityReference>(Api.InJourney);
            if (patient == null && journey == null) throw new BusinessRuleViolation("Give the patient or the journey the touchpoint belongs to.");
            if (journey != null)
            {
                var row = Records.EnsureExists(context.UserService, journey, "journey", JourneyTable.PatientId, JourneyTable.CurrentStageId);
                var journeyPatient = row.GetAttributeValue<EntityReference>(JourneyTable.PatientId);
                if (patient != null && journeyPatient != null && patient.Id != journeyPatient.Id)
                    throw new BusinessRuleViolation("The journey belongs to another patient; give the patient's own journey.");
                patient = journeyPatient;
            }

            var touchpoint = new Entity(TouchpointTable.LogicalName)
            {
                [TouchpointTable.Name] = context.OptionalInput<string>(Api.InSummary) ?? "Touchpoint",
                [TouchpointTable.PatientId] = patient,
                [TouchpointTable.Type] = context.Input<OptionSetValue>(Api.InType),
                [TouchpointTable.Channel] = context.Input<OptionSetValue>(Api.InChannel),
                [TouchpointTable.Direction] = context.Input<OptionSetValue>(Api.InDirection),
                [TouchpointTable.OccurredOn] = context.OptionalValue<DateTime>(Api.InOccurredOn) ?? context.Now,
            };
            if (journey != null) touchpoint[TouchpointTable.JourneyId] = journey;
            var sentiment = context.OptionalInput<OptionSetValue>(Api.InSentiment);
            if (sentiment != null) touchpoint[TouchpointTable.Sentiment] = sentiment;
            var summary = context.OptionalInput<string>(Api.InSummary);
            if (summary != null) touchpoint[TouchpointTable.Summary] = summary;

            var id = context.UserService.Create(touchpoint);
            context.ExecutionContext.OutputParameters[Api.OutTouchpoint] = new EntityReference(TouchpointTable.LogicalName, id);
        }
    }
}
