using System;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.ScheduleFollowUps;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_ScheduleFollowUps: makers fire a journey trigger from their own flows — stage entered, discharge, risk band
    /// high or periodic — and get the follow-ups the rules call for. Offsets count from the journey's own dates
    /// (discharge: when it was discharged, else when its stage was entered; periodic: when it started; others: when
    /// its current stage was entered), so repeated calls find the same follow-ups and create nothing new. Triggers
    /// that belong to another record (appointments, referrals, surveys) are refused: those records drive them.
    /// </summary>
    public sealed class ScheduleFollowUps : PluginBase
    {
        protected override void Execute(LocalPluginContext context)
        {
            var journeyRef = context.Input<EntityReference>(Api.InJourney);
            if (journeyRef.LogicalName != JourneyTable.LogicalName)
                throw new BusinessRuleViolation($"The {Api.InJourney} parameter must be a journey ({JourneyTable.LogicalName}), not a {journeyRef.LogicalName} record; give the journey to schedule follow-ups for.");
            var trigger = FollowUpChoices.ToTrigger(context.Input<OptionSetValue>(Api.InTrigger));
            if (trigger != FollowUpTrigger.StageEntered && trigger != FollowUpTrigger.Discharge && trigger != FollowUpTrigger.RiskBandHigh && trigger != FollowUpTrigger.Periodic)
                throw new BusinessRuleViolation("Appointment, no-show, referral and survey follow-ups are scheduled by those records; choose stage entered, discharge, risk band high or periodic.");
            var journey = Records.EnsureExists(context.UserService, journeyRef, "journey", JourneyTable.PatientId, JourneyTable.PathwayId, JourneyTable.CurrentStageId,
                JourneyTable.StageEnteredOn, JourneyTable.StartedOn, JourneyTable.DischargedOn, JourneyTable.LatestRiskBand);
            var patient = journey.Get<EntityReference>(JourneyTable.PatientId);

            var enteredOn = journey.Get<DateTime?>(JourneyTable.StageEnteredOn) ?? journey.Get<DateTime?>(JourneyTable.StartedOn) ?? context.Now;
            DateTime anchor;
            switch (trigger)
            {
                case FollowUpTrigger.Discharge: anchor = journey.Get<DateTime?>(JourneyTable.DischargedOn) ?? enteredOn; break;
                case FollowUpTrigger.Periodic: anchor = journey.Get<DateTime?>(JourneyTable.StartedOn) ?? enteredOn; break;
                default: anchor = enteredOn; break;
            }
            var band = trigger == FollowUpTrigger.RiskBandHigh ? Domain.Risk.RiskBand.High : FollowUpChoices.ToBand(journey.Get<OptionSetValue>(JourneyTable.LatestRiskBand));

            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, trigger);
            var contact = Records.EnsureExists(context.UserService, patient, "patient", PatientPreferences.Columns);
            // Discharge follow-ups share their source with the discharge step's, so both find the same rows; other
            // triggers get a source of their own, so scheduling one never cancels another's follow-ups.
            var sourceId = trigger == FollowUpTrigger.Discharge
                ? DeterministicId.From(journey.Id, anchor)
                : DeterministicId.From(journey.Id, trigger + ":" + anchor.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var source = new FollowUpSource(sourceId, patient, PatientPreferences.From(contact)) { Journey = journeyRef };
            source.Events.Add(new FollowUpEvent(trigger, sourceId, anchor, journey.Get<EntityReference>(JourneyTable.PathwayId)?.Id,
                journey.Get<EntityReference>(JourneyTable.CurrentStageId)?.Id, band));
            // Education rules choose from the content (and a discharge re-scheduled here keeps the discharge step's education).
            var education = EducationContentReader.Load(context, planner, rules, source.Events);
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.JourneyId, context.Now, education);
            context.ExecutionContext.OutputParameters[Api.OutCreatedCount] = written.Created;
            context.Trace("Scheduled {0} follow-ups for journey {1}", written.Created, journeyRef.Id);
        }
    }
}
