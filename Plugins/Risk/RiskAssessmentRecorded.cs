using System;
using System.Linq;
using Microsoft.Xrm.Sdk;
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
    /// trigger for follow-up rules an administrator has configured (there is no built-in one).
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
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.RiskBandHigh);
            if (rules.Count == 0) return;
            var journeyRow = Records.EnsureExists(context.UserService, journey, "journey", JourneyTable.PathwayId, JourneyTable.CurrentStageId);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            var source = new FollowUpSource(context.ExecutionContext.PrimaryEntityId, patient, PatientPreferences.From(contact)) { Journey = journey };
            source.Events.Add(new FollowUpEvent(FollowUpTrigger.RiskBandHigh, source.SourceId, context.Now,
                journeyRow.Get<EntityReference>(JourneyTable.PathwayId)?.Id, journeyRow.Get<EntityReference>(JourneyTable.CurrentStageId)?.Id, RiskBand.High));
            var written = FollowUpWriter.Write(context.UserService, planner, rules, new[] { source }, FollowUpTable.JourneyId, context.Now);
            context.Trace("High readmission risk: {0} follow-ups created", written.Created);
        }
    }
}
