using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Surveys;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Surveys
{
    /// <summary>
    /// A survey answer is an interaction too: it is recorded as an inbound touchpoint on the survey channel, at the
    /// time of the answer, with the sentiment of its NPS category, on the response's journey (else the touchpoint
    /// rules find the patient's open journey), so journey analytics and the touchpoint count see it. In the same
    /// transaction as the response: one Create.
    /// </summary>
    [PluginStep("Create", SurveyResponseTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        PostImageAlias = After, PostImageAttributes = SurveyResponseTable.PatientId + "," + SurveyResponseTable.JourneyId + "," + SurveyResponseTable.Category + "," + SurveyResponseTable.RespondedOn)]
    public sealed class SurveyResponseTouchpoint : PluginBase
    {
        private const string After = "after";

        protected override void Execute(LocalPluginContext context)
        {
            var response = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The survey touchpoint step is registered without its post-image.");
            var touchpoint = new Entity(TouchpointTable.LogicalName)
            {
                [TouchpointTable.Name] = "Survey response",
                [TouchpointTable.PatientId] = response.Get<EntityReference>(SurveyResponseTable.PatientId),
                [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Survey),
                [TouchpointTable.Channel] = new OptionSetValue(Choices.Channel.Survey),
                [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Inbound),
                [TouchpointTable.OccurredOn] = response.Get<DateTime?>(SurveyResponseTable.RespondedOn) ?? context.Now,
            };
            var category = CategoryOf(response.Get<OptionSetValue>(SurveyResponseTable.Category));
            if (category.HasValue) touchpoint[TouchpointTable.Sentiment] = AnalyticsChoices.ToOption(NetPromoter.SentimentOf(category.Value));
            var journey = response.Get<EntityReference>(SurveyResponseTable.JourneyId);
            if (journey != null) touchpoint[TouchpointTable.JourneyId] = journey;
            context.UserService.Create(touchpoint);
        }

        private static NpsCategory? CategoryOf(OptionSetValue? option)
        {
            switch (option?.Value)
            {
                case SurveyResponseTable.CategoryOptions.Promoter: return NpsCategory.Promoter;
                case SurveyResponseTable.CategoryOptions.Passive: return NpsCategory.Passive;
                case SurveyResponseTable.CategoryOptions.Detractor: return NpsCategory.Detractor;
                default: return null;
            }
        }
    }
}
