using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Surveys
{
    /// <summary>
    /// After a survey response is saved, a detractor gets a service-recovery staff task due within one business day,
    /// keyed by the response, so a retried job creates nothing twice. Runs asynchronously, apart from the journey's
    /// recount (<see cref="SurveyResponseCounted"/>): the patient's answer and the count are kept whatever happens here,
    /// and a failure (a setting to correct) says which setting.
    /// </summary>
    [PluginStep("Create", SurveyResponseTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Asynchronous,
        PostImageAlias = After, PostImageAttributes = SurveyResponseTable.PatientId + "," + SurveyResponseTable.JourneyId + "," + SurveyResponseTable.Category + "," + SurveyResponseTable.RespondedOn)]
    public sealed class SurveyResponseRecorded : PluginBase
    {
        private const string After = "after";

        protected override void Execute(LocalPluginContext context)
        {
            var response = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The survey step is registered without its post-image.");
            var journey = response.Get<EntityReference>(SurveyResponseTable.JourneyId);
            if (response.Get<OptionSetValue>(SurveyResponseTable.Category)?.Value != SurveyResponseTable.CategoryOptions.Detractor) return;

            var patient = response.Get<EntityReference>(SurveyResponseTable.PatientId);
            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.SurveyDetractor);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var source = new FollowUpSource(response.Id, patient, PatientPreferences.From(contact)) { Journey = journey };
            source.Events.Add(new FollowUpEvent(FollowUpTrigger.SurveyDetractor, response.Id, response.Get<DateTime?>(SurveyResponseTable.RespondedOn) ?? context.Now));
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.PatientId, context.Now);
            context.Trace("Survey detractor {0}: {1} follow-ups created", response.Id, written.Created);
        }
    }

    /// <summary>
    /// After a survey response is saved, its journey's survey count and latest score are recounted from the journey's
    /// responses (so a retried job counts nothing twice). Asynchronous, and separate from the detractor follow-up, so
    /// neither one's failure leaves the other undone. One query and one Update.
    /// </summary>
    [PluginStep("Create", SurveyResponseTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Asynchronous,
        PostImageAlias = After, PostImageAttributes = SurveyResponseTable.JourneyId)]
    public sealed class SurveyResponseCounted : PluginBase
    {
        private const string After = "after";

        protected override void Execute(LocalPluginContext context)
        {
            var response = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The survey count step is registered without its post-image.");
            var journey = response.Get<EntityReference>(SurveyResponseTable.JourneyId);
            if (journey != null) RecountJourney(context, journey);
        }

        private static void RecountJourney(LocalPluginContext context, EntityReference journey)
        {
            var query = new QueryExpression(SurveyResponseTable.LogicalName) { ColumnSet = new ColumnSet(SurveyResponseTable.Score, SurveyResponseTable.RespondedOn, SurveyResponseTable.CreatedOn) };
            query.Criteria.AddCondition(SurveyResponseTable.JourneyId, ConditionOperator.Equal, journey.Id);
            var responses = context.UserService.RetrieveMultiple(query).Entities;
            var latest = responses.OrderByDescending(r => r.Get<DateTime?>(SurveyResponseTable.RespondedOn)).ThenByDescending(r => r.Get<DateTime?>(SurveyResponseTable.CreatedOn)).FirstOrDefault();
            context.UserService.Update(new Entity(JourneyTable.LogicalName, journey.Id)
            {
                [JourneyTable.SurveyCount] = responses.Count,
                [JourneyTable.LatestSurveyScore] = latest?.Get<int?>(SurveyResponseTable.Score),
            });
        }
    }
}
