using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// Entering a post-care stage from an earlier phase is a discharge: the journey records when (pj_dischargedon) and
    /// gets its post-discharge follow-ups (check-in call, experience survey, follow-up appointment check; extra calls at
    /// 7 and 30 days when its latest readmission risk is high; discharge education for its pathway and stage in the
    /// patient's language, when there is such content), counted from the discharge. When the journey's latest
    /// risk band changes after discharge, the same follow-ups are re-planned, so a high LACE adds the calls. Moves
    /// between post-care stages are not a new discharge. Runs asynchronously after the stage change commits; every
    /// follow-up is written by key, so a retried job creates nothing new.
    /// </summary>
    [PluginStep("Update", JourneyTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Asynchronous,
        FilteringAttributes = JourneyTable.CurrentStageId + "," + JourneyTable.LatestRiskBand,
        PreImageAlias = Before, PreImageAttributes = JourneyTable.CurrentStageId,
        PostImageAlias = After, PostImageAttributes = JourneyTable.PatientId + "," + JourneyTable.PathwayId + "," + JourneyTable.CurrentStageId + ","
            + JourneyTable.StageEnteredOn + "," + JourneyTable.LatestRiskBand + "," + JourneyTable.DischargedOn + "," + JourneyTable.Status)]
    public sealed class DischargeFollowUps : PluginBase
    {
        private const string Before = "before";
        private const string After = "after";

        protected override void Execute(LocalPluginContext context)
        {
            var before = context.PreImage(Before);
            var after = context.PostImage(After) ?? throw new InvalidPluginExecutionException("The discharge step is registered without its post-image.");
            var stageAfter = after.Get<EntityReference>(JourneyTable.CurrentStageId);
            var stageBefore = before?.Get<EntityReference>(JourneyTable.CurrentStageId);
            if (stageAfter == null) return;

            var phases = StagePhases(context.UserService, stageBefore, stageAfter);
            if (!IsPostCare(phases, stageAfter.Id)) return;
            var journeyId = context.ExecutionContext.PrimaryEntityId;
            var entering = stageBefore == null || (stageBefore.Id != stageAfter.Id && !IsPostCare(phases, stageBefore.Id));
            DateTime dischargedOn;
            if (entering)
            {
                dischargedOn = after.Get<DateTime?>(JourneyTable.StageEnteredOn) ?? context.Now;
                if (after.Get<DateTime?>(JourneyTable.DischargedOn) != dischargedOn)
                    context.UserService.Update(new Entity(JourneyTable.LogicalName, journeyId) { [JourneyTable.DischargedOn] = dischargedOn });
            }
            else
            {
                var recorded = after.Get<DateTime?>(JourneyTable.DischargedOn);
                if (!recorded.HasValue || !context.Target.Contains(JourneyTable.LatestRiskBand)) return;
                dischargedOn = recorded.Value;
            }

            var patient = after.Get<EntityReference>(JourneyTable.PatientId);
            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.Discharge);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var source = new FollowUpSource(DeterministicId.From(journeyId, dischargedOn), patient, PatientPreferences.From(contact))
            {
                Journey = new EntityReference(JourneyTable.LogicalName, journeyId),
            };
            source.Events.Add(new FollowUpEvent(FollowUpTrigger.Discharge, source.SourceId, dischargedOn,
                after.Get<EntityReference>(JourneyTable.PathwayId)?.Id, stageAfter.Id,
                FollowUpChoices.ToBand(after.Get<OptionSetValue>(JourneyTable.LatestRiskBand))));
            var education = EducationContentReader.Load(context, planner, rules, source.Events);
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.JourneyId, context.Now, education);
            context.Trace("Discharge of journey {0}: {1} follow-ups created, {2} changed", journeyId, written.Created, written.Updated + written.Cancelled);
        }

        private static System.Collections.Generic.Dictionary<Guid, int?> StagePhases(IOrganizationService service, EntityReference? before, EntityReference after)
        {
            var ids = new[] { before?.Id, after.Id }.Where(i => i.HasValue).Select(i => (object)i!.Value).Distinct().ToArray();
            var query = new QueryExpression(PathwayStageTable.LogicalName) { ColumnSet = new ColumnSet(PathwayStageTable.Phase) };
            query.Criteria.AddCondition(PathwayStageTable.PrimaryId, ConditionOperator.In, ids);
            return service.RetrieveMultiple(query).Entities.ToDictionary(s => s.Id, s => s.Get<OptionSetValue>(PathwayStageTable.Phase)?.Value);
        }

        private static bool IsPostCare(System.Collections.Generic.Dictionary<Guid, int?> phases, Guid stageId) =>
            phases.TryGetValue(stageId, out var phase) && phase == PathwayStageTable.PhaseOptions.PostCare;
    }
}
