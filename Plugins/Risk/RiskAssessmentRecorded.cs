using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Risk
{
    /// <summary>
    /// A readmission risk assessment (LACE or HOSPITAL) becomes the patient's and the journey's latest readmission
    /// risk. A journey's latest band changing re-plans its post-discharge follow-ups (<see cref="FollowUps.DischargeFollowUps"/>),
    /// so a high band after discharge adds the extra check-in calls. A high band also fires the "risk band high"
    /// trigger for follow-up rules an administrator has configured (there is no built-in one), once per journey and
    /// rule while the follow-up it created is open: repeated high assessments do not stack up staff calls.
    /// </summary>
    [PluginStep("Create", RiskAssessmentTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous)]
    public sealed class RiskAssessmentRecorded : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var target = context.Target;
            var model = FollowUpChoices.ToModel(target.Get<OptionSetValue>(RiskAssessmentTable.Model));
            if (!RiskModels.IsReadmissionModel(model)) return;
            var patient = target.Get<EntityReference>(RiskAssessmentTable.PatientId);
            var journey = target.Get<EntityReference>(RiskAssessmentTable.JourneyId);
            var score = target.Get<decimal>(RiskAssessmentTable.Score);
            var band = target.Get<OptionSetValue>(RiskAssessmentTable.Band);
            if (patient == null) throw new Domain.BusinessRuleViolation("A risk assessment needs the patient it is for; choose the patient.");

            context.UserService.Update(new Entity(ContactTable.LogicalName, patient.Id)
            {
                [ContactTable.LatestReadmissionRiskScore] = score,
                [ContactTable.LatestReadmissionRiskBand] = band,
            });
            if (journey == null) return;
            context.UserService.Update(new Entity(JourneyTable.LogicalName, journey.Id)
            {
                [JourneyTable.LatestRiskScore] = (int)Math.Round(score),
                [JourneyTable.LatestRiskBand] = band,
            });
            if (FollowUpChoices.ToBand(band) != RiskBand.High) return;

            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            // One open follow-up per journey and rule is enough: a rule whose earlier one is still open is not applied again.
            var open = OpenHighRiskRules(context.UserService, journey.Id);
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.RiskBandHigh).Where(r => !open.Contains(r.Identity)).ToList();
            if (rules.Count == 0) return;
            var journeyRow = Records.EnsureExists(context.UserService, journey, "journey", JourneyTable.PathwayId, JourneyTable.CurrentStageId);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var source = new FollowUpSource(context.ExecutionContext.PrimaryEntityId, patient, PatientPreferences.From(contact)) { Journey = journey };
            source.Events.Add(new FollowUpEvent(FollowUpTrigger.RiskBandHigh, source.SourceId, context.Now,
                journeyRow.Get<EntityReference>(JourneyTable.PathwayId)?.Id, journeyRow.Get<EntityReference>(JourneyTable.CurrentStageId)?.Id, RiskBand.High));
            var education = EducationContentReader.Load(context, planner, rules, source.Events);
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.JourneyId, context.Now, education);
            context.Trace("High readmission risk: {0} follow-ups created", written.Created);
        }

        // One query: the rule identities of the journey's open "risk band high" follow-ups.
        private static HashSet<string> OpenHighRiskRules(IOrganizationService service, Guid journeyId)
        {
            var query = new QueryExpression(FollowUpTable.LogicalName) { ColumnSet = new ColumnSet(FollowUpTable.IdempotencyKey) };
            query.Criteria.AddCondition(FollowUpTable.JourneyId, ConditionOperator.Equal, journeyId);
            query.Criteria.AddCondition(FollowUpTable.IdempotencyKey, ConditionOperator.BeginsWith, FollowUpTrigger.RiskBandHigh + ":");
            query.Criteria.AddCondition(FollowUpTable.Status, ConditionOperator.In, FollowUpTable.StatusOptions.Pending, FollowUpTable.StatusOptions.Due, FollowUpTable.StatusOptions.Suppressed);
            return new HashSet<string>(service.RetrieveMultiple(query).Entities
                .Select(f => FollowUpPlanner.RuleIdentityOf(f.Get<string>(FollowUpTable.IdempotencyKey) ?? string.Empty)), StringComparer.Ordinal);
        }
    }
}
