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
    /// After a survey response is saved: the journey's survey count and latest score are recounted from its responses
    /// (so a retried job counts nothing twice), and a detractor gets a service-recovery staff task due within one
    /// business day, keyed by the response. Runs asynchronously: the patient's answer is saved whatever happens here.
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
            if (journey != null) RecountJourney(context, journey);
            if (response.Get<OptionSetValue>(SurveyResponseTable.Category)?.Value != SurveyResponseTable.CategoryOptions.Detractor) return;

            var patient = response.Get<EntityReference>(SurveyResponseTable.PatientId);
            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.SurveyDetractor);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var source = new FollowUpSource(response.Id, patient, PatientPreferences.From(contact)) { Journey = journey };
            source.Events.Add(new FollowUpEvent(FollowUpTrigger.SurveyDetractor, response.Id, response.Get<DateTime?>(SurveyResponseTable.RespondedOn) ?? context.Now));
            var written = FollowUpWriter.Write(context.UserService, planner, rules, new[] { source }, FollowUpTable.PatientId, context.Now);
            context.Trace("Survey detractor {0}: {1} follow-ups created", response.Id, written.Created);
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
