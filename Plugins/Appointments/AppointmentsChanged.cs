using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Risk;
using PatientJourney.Crm.Plugins.Configuration;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Plugins.Mapping;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Appointments
{
    /// <summary>
    /// Patient appointments are booked, moved, attended, missed and cancelled one at a time in the app and in bulk by
    /// imports, so this runs on CreateMultiple and UpdateMultiple (the platform routes single Creates and Updates here)
    /// with a constant number of service calls per batch. From each appointment's current state:
    /// booked (scheduled, confirmed, rescheduled) — its reminders are planned, moved when the start moves, and those
    /// whose time has passed are not created (or are cancelled); a high no-show risk adds a staff call;
    /// cancelled — its open follow-ups are cancelled; arrived or fulfilled — open reminders are cancelled, and a
    /// fulfilled appointment is recorded as a touchpoint; no-show — a recovery task for the next business day and a
    /// fresh no-show risk assessment. Whenever attendance changes, the patients' appointment and no-show counters,
    /// no-show rate and risk band are recounted. Everything is derived from state and written by key or derived id, so
    /// saving the same appointment again creates nothing new.
    /// </summary>
    [PluginStep("CreateMultiple", AppointmentTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous)]
    [PluginStep("UpdateMultiple", AppointmentTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        FilteringAttributes = AppointmentTable.ScheduledStart + "," + AppointmentTable.Attendance + "," + AppointmentTable.PatientId + "," + AppointmentTable.JourneyId)]
    public sealed class AppointmentsChanged : PluginBase
    {
        private const string Patient = "patient";
        private const string Journey = "journey";
        private const string FulfilledTouchpoint = "appointment-fulfilled";
        private const string NoShowAssessment = "appointment-no-show-risk";

        protected override void Execute(LocalPluginContext context)
        {
            var isCreate = context.ExecutionContext.MessageName.StartsWith("Create", StringComparison.Ordinal);
            var relevant = context.Targets.Entities.Where(t => isCreate || Touches(t)).ToList();
            if (relevant.Count == 0) return;
            var attendanceChanged = new HashSet<Guid>(relevant.Where(t => isCreate || t.Contains(AppointmentTable.Attendance) || t.Contains(AppointmentTable.PatientId)).Select(t => t.Id));

            var appointments = Load(context.UserService, relevant.Select(t => t.Id).ToArray())
                .Where(a => a.GetAttributeValue<EntityReference>(AppointmentTable.PatientId) != null).ToList();
            if (appointments.Count == 0) return;
            foreach (var appointment in appointments)
            {
                if (!appointment.Contains(AppointmentTable.ScheduledStart))
                    throw new BusinessRuleViolation("An appointment with a patient needs its start time; set the start time.");
            }

            var now = context.Now;
            var histories = AttendanceCounters.Recount(context.UserService,
                appointments.Where(a => attendanceChanged.Contains(a.Id)).Select(PatientOf).Distinct().ToList());
            AttendanceCounters.Write(context.UserService, histories);
            RecordNoShowRisk(context, appointments.Where(a => Attendance(a) == AppointmentTable.AttendanceOptions.NoShow).ToList(), histories, now);
            RecordAttendedTouchpoints(context, appointments.Where(a => Attendance(a) == AppointmentTable.AttendanceOptions.Fulfilled).ToList());

            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            var rules = ConfiguredFollowUpRules.Load(context.SystemService, planner.Defaults, FollowUpTrigger.AppointmentScheduled, FollowUpTrigger.NoShow);
            var sources = appointments.Select(a => SourceFor(a, histories)).ToList();
            var written = FollowUpWriter.Write(context.UserService, planner, rules, sources, FollowUpTable.AppointmentId, now);
            context.Trace("Appointments: {0} handled, {1} follow-ups created, {2} moved, {3} cancelled", appointments.Count, written.Created, written.Updated, written.Cancelled);
        }

        private static bool Touches(Entity target) =>
            target.Contains(AppointmentTable.ScheduledStart) || target.Contains(AppointmentTable.Attendance)
            || target.Contains(AppointmentTable.PatientId) || target.Contains(AppointmentTable.JourneyId);

        // One query: the appointments as saved, with their patient's channels and no-show band and their journey's pathway and stage.
        private static List<Entity> Load(IOrganizationService service, Guid[] ids)
        {
            var query = new QueryExpression(AppointmentTable.LogicalName)
            {
                ColumnSet = new ColumnSet(AppointmentTable.PatientId, AppointmentTable.JourneyId, AppointmentTable.ScheduledStart, AppointmentTable.Attendance),
            };
            query.Criteria.AddCondition(AppointmentTable.PrimaryId, ConditionOperator.In, ids.Cast<object>().ToArray());
            var patient = query.AddLink(ContactTable.LogicalName, AppointmentTable.PatientId, ContactTable.PrimaryId, JoinOperator.LeftOuter);
            patient.EntityAlias = Patient;
            patient.Columns = new ColumnSet(PatientPreferences.Columns.Concat(new[] { ContactTable.NoShowRiskBand }).ToArray());
            var journey = query.AddLink(JourneyTable.LogicalName, AppointmentTable.JourneyId, JourneyTable.PrimaryId, JoinOperator.LeftOuter);
            journey.EntityAlias = Journey;
            journey.Columns = new ColumnSet(JourneyTable.PathwayId, JourneyTable.CurrentStageId);
            return service.RetrieveMultiple(query).Entities.ToList();
        }

        private static FollowUpSource SourceFor(Entity appointment, Dictionary<Guid, AttendanceHistory> histories)
        {
            var patientId = PatientOf(appointment);
            var source = new FollowUpSource(appointment.Id, new EntityReference(ContactTable.LogicalName, patientId), PatientPreferences.From(appointment, Patient))
            {
                Appointment = appointment.ToEntityReference(),
                Journey = appointment.GetAttributeValue<EntityReference>(AppointmentTable.JourneyId),
            };
            var start = appointment.GetAttributeValue<DateTime>(AppointmentTable.ScheduledStart);
            var pathway = appointment.Value<EntityReference>(Journey, JourneyTable.PathwayId)?.Id;
            var stage = appointment.Value<EntityReference>(Journey, JourneyTable.CurrentStageId)?.Id;
            var band = histories.TryGetValue(patientId, out var history)
                ? history.Risk.Band
                : FollowUpChoices.ToBand(appointment.Value<OptionSetValue>(Patient, ContactTable.NoShowRiskBand));
            switch (Attendance(appointment))
            {
                case null:
                case AppointmentTable.AttendanceOptions.Scheduled:
                case AppointmentTable.AttendanceOptions.Confirmed:
                case AppointmentTable.AttendanceOptions.Rescheduled:
                    source.Events.Add(new FollowUpEvent(FollowUpTrigger.AppointmentScheduled, appointment.Id, start, pathway, stage, band));
                    break;
                case AppointmentTable.AttendanceOptions.NoShow:
                    // The recovery call is counted from the missed appointment, so replays and late recording agree.
                    source.Events.Add(new FollowUpEvent(FollowUpTrigger.NoShow, appointment.Id, start, pathway, stage, band));
                    break;
            }
            return source;
        }

        // One query and one CreateMultiple: a no-show risk assessment per missed appointment, with a derived id so it is written once.
        private static void RecordNoShowRisk(LocalPluginContext context, List<Entity> missed, Dictionary<Guid, AttendanceHistory> histories, DateTime now)
        {
            var wanted = missed.Where(a => histories.ContainsKey(PatientOf(a)))
                .ToDictionary(a => DeterministicId.From(a.Id, NoShowAssessment), a => a);
            if (wanted.Count == 0) return;
            var query = new QueryExpression(RiskAssessmentTable.LogicalName) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(RiskAssessmentTable.PrimaryId, ConditionOperator.In, wanted.Keys.Cast<object>().ToArray());
            var existing = new HashSet<Guid>(context.UserService.RetrieveMultiple(query).Entities.Select(e => e.Id));
            var creates = wanted.Where(p => !existing.Contains(p.Key)).Select(p =>
            {
                var history = histories[PatientOf(p.Value)];
                var row = new Entity(RiskAssessmentTable.LogicalName, p.Key)
                {
                    [RiskAssessmentTable.Name] = "No-show risk after a missed appointment",
                    [RiskAssessmentTable.PatientId] = p.Value.GetAttributeValue<EntityReference>(AppointmentTable.PatientId),
                    [RiskAssessmentTable.Model] = RiskModel.NoShow.ToOption(),
                    [RiskAssessmentTable.Inputs] = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        "{{\"appointmentsDue\": {0}, \"noShows\": {1}}}", history.AppointmentsDue, history.NoShows),
                    [RiskAssessmentTable.AssessedOn] = now,
                };
                var journey = p.Value.GetAttributeValue<EntityReference>(AppointmentTable.JourneyId);
                if (journey != null) row[RiskAssessmentTable.JourneyId] = journey;
                return row;
            }).ToList();
            if (creates.Count > 0)
                context.UserService.Execute(new CreateMultipleRequest { Targets = new EntityCollection(creates) { EntityName = RiskAssessmentTable.LogicalName } });
        }

        // One query and one CreateMultiple: an attended appointment is a touchpoint on the patient's journey, written once.
        private static void RecordAttendedTouchpoints(LocalPluginContext context, List<Entity> attended)
        {
            if (attended.Count == 0) return;
            var wanted = attended.ToDictionary(a => DeterministicId.From(a.Id, FulfilledTouchpoint), a => a);
            var query = new QueryExpression(TouchpointTable.LogicalName) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(TouchpointTable.PrimaryId, ConditionOperator.In, wanted.Keys.Cast<object>().ToArray());
            var existing = new HashSet<Guid>(context.UserService.RetrieveMultiple(query).Entities.Select(e => e.Id));
            var creates = wanted.Where(p => !existing.Contains(p.Key)).Select(p =>
            {
                var row = new Entity(TouchpointTable.LogicalName, p.Key)
                {
                    [TouchpointTable.Name] = "Appointment attended",
                    [TouchpointTable.PatientId] = p.Value.GetAttributeValue<EntityReference>(AppointmentTable.PatientId),
                    [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Appointment),
                    [TouchpointTable.Channel] = new OptionSetValue(Choices.Channel.InPerson),
                    [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Inbound),
                    [TouchpointTable.OccurredOn] = p.Value.GetAttributeValue<DateTime>(AppointmentTable.ScheduledStart),
                };
                var journey = p.Value.GetAttributeValue<EntityReference>(AppointmentTable.JourneyId);
                if (journey != null) row[TouchpointTable.JourneyId] = journey;
                return row;
            }).ToList();
            if (creates.Count > 0)
                context.UserService.Execute(new CreateMultipleRequest { Targets = new EntityCollection(creates) { EntityName = TouchpointTable.LogicalName } });
        }

        private static Guid PatientOf(Entity appointment) => appointment.GetAttributeValue<EntityReference>(AppointmentTable.PatientId).Id;

        private static int? Attendance(Entity appointment) => appointment.GetAttributeValue<OptionSetValue>(AppointmentTable.Attendance)?.Value;
    }
}
