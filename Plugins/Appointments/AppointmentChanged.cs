using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Appointments;
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
    /// A patient's appointment is booked, moved, attended, missed or cancelled. The appointment table has no
    /// CreateMultiple/UpdateMultiple messages (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/appointment),
    /// so this runs on Create and Update, once per appointment; a bulk import arrives as single Creates (inside
    /// ExecuteMultiple) and costs the same per row. The images say what the save changed (<see cref="AppointmentChange"/>):
    /// booked (scheduled, confirmed, rescheduled) — its reminders are planned, moved when the start moves, and those
    /// whose time has passed are not created (or are cancelled); a high no-show risk adds a staff call; a first
    /// appointment that lies ahead (no other appointment of its journey, or of the patient outside any journey,
    /// that is not cancelled starts before it) gets the pre-visit messages (welcome counted from the booking,
    /// pre-registration and directions counted back from the start: <see cref="FirstAppointment"/>);
    /// cancelled — its open follow-ups are cancelled; arrived or fulfilled — open reminders are cancelled, and a
    /// fulfilled appointment is recorded as a touchpoint and gets its post-visit education (counted from its end); no-show — a recovery task for the next business day and a
    /// fresh no-show risk assessment. When a counted attendance changes, the patient's appointment and no-show
    /// counters, no-show rate and risk band are recounted. A save that changes none of this (the patient confirming)
    /// writes nothing, so a reminder that is already due is still sent. Everything is written by key or derived id,
    /// so saving the same appointment again creates nothing new.
    /// </summary>
    [PluginStep("Create", AppointmentTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", AppointmentTable.LogicalName, PipelineStage.PostOperation, ExecutionMode.Synchronous,
        FilteringAttributes = Followed, PreImageAlias = Before, PreImageAttributes = Followed, PostImageAlias = After, PostImageAttributes = Followed)]
    public sealed class AppointmentChanged : PluginBase
    {
        private const string Followed = AppointmentTable.ScheduledStart + "," + AppointmentTable.Attendance + "," + AppointmentTable.PatientId + "," + AppointmentTable.JourneyId;
        private const string Before = "before";
        private const string After = "after";
        private const string Patient = "patient";
        private const string Journey = "journey";
        private const string FulfilledTouchpoint = "appointment-fulfilled";
        private const string NoShowAssessment = "appointment-no-show-risk";

        protected override void Execute(LocalPluginContext context)
        {
            var isCreate = context.ExecutionContext.MessageName == "Create";
            var saved = isCreate
                ? context.Target
                : context.PostImage(After) ?? throw new InvalidPluginExecutionException("The appointment step is registered without its post-image.");
            var previous = isCreate ? null : context.PreImage(Before) ?? throw new InvalidPluginExecutionException("The appointment step is registered without its pre-image.");
            var change = AppointmentChange.Between(previous == null ? null : StateOf(previous), StateOf(saved));
            if (change.After.PatientId.HasValue && !change.After.Start.HasValue)
                throw new BusinessRuleViolation("An appointment with a patient needs its start time; set the start time.");

            var histories = change.RecountsAttendance
                ? AttendanceCounters.Recount(context.UserService, new[] { change.Before?.PatientId, change.After.PatientId }.Where(p => p.HasValue).Select(p => p!.Value).Distinct().ToList())
                : new Dictionary<Guid, AttendanceHistory>();
            AttendanceCounters.Write(context.UserService, histories);
            if (!change.After.PatientId.HasValue || !change.ReplansFollowUps) return;

            var appointment = Load(context.UserService, context.ExecutionContext.PrimaryEntityId);
            var now = context.Now;
            var settings = OrganisationSettings.Load(context.SystemService);
            var planner = settings.FollowUpPlanner();
            if (change.BecameMissed) RecordNoShowRisk(context, appointment, histories[change.After.PatientId.Value], now, planner.DefaultCareTeamId);
            if (change.BecameFulfilled) RecordAttendedTouchpoint(context, appointment, change.After.Start!.Value);

            var rules = ConfiguredFollowUpRules.Load(context, planner.Defaults, FollowUpTrigger.AppointmentScheduled, FollowUpTrigger.NoShow,
                FollowUpTrigger.FirstAppointmentBooked, FollowUpTrigger.BeforeFirstAppointment, FollowUpTrigger.AppointmentAttended);
            var source = SourceFor(appointment, change, histories);
            if (change.After.Attendance == AttendanceState.Booked && change.After.Start!.Value > now && FirstAppointment(context.UserService, appointment, change.After.Start.Value))
            {
                // The welcome is counted from the booking (the row's creation), so re-saving the appointment does not move it.
                var bookedOn = appointment.Get<DateTime?>(AppointmentTable.CreatedOn) ?? now;
                var booked = source.Events[0];
                source.Events.Add(new FollowUpEvent(FollowUpTrigger.FirstAppointmentBooked, appointment.Id, bookedOn, booked.PathwayId, booked.StageId, booked.RiskBand));
                source.Events.Add(new FollowUpEvent(FollowUpTrigger.BeforeFirstAppointment, appointment.Id, booked.AnchorOn, booked.PathwayId, booked.StageId, booked.RiskBand));
            }
            var education = EducationContentReader.Load(context, planner, rules, source.Events);
            var written = FollowUpWriter.Write(context, planner, rules, new[] { source }, FollowUpTable.AppointmentId, now, education);
            context.Trace("Appointment {0}: {1} follow-ups created, {2} moved, {3} cancelled", appointment.Id, written.Created, written.Updated, written.Cancelled);
        }

        private static AppointmentState StateOf(Entity row) => new AppointmentState(
            row.Get<EntityReference>(AppointmentTable.PatientId)?.Id,
            row.Get<EntityReference>(AppointmentTable.JourneyId)?.Id,
            row.Get<DateTime?>(AppointmentTable.ScheduledStart),
            FollowUpChoices.ToAttendance(row.Get<OptionSetValue>(AppointmentTable.Attendance)));

        // One query: the appointment as saved, with its patient's channels and no-show band and its journey's pathway and stage.
        private static Entity Load(IOrganizationService service, Guid id)
        {
            var query = new QueryExpression(AppointmentTable.LogicalName)
            {
                ColumnSet = new ColumnSet(AppointmentTable.PatientId, AppointmentTable.JourneyId, AppointmentTable.ScheduledStart, AppointmentTable.ScheduledEnd,
                    AppointmentTable.Attendance, AppointmentTable.CreatedOn),
            };
            query.Criteria.AddCondition(AppointmentTable.PrimaryId, ConditionOperator.Equal, id);
            var patient = query.AddLink(ContactTable.LogicalName, AppointmentTable.PatientId, ContactTable.PrimaryId, JoinOperator.LeftOuter);
            patient.EntityAlias = Patient;
            patient.Columns = new ColumnSet(PatientPreferences.Columns.Concat(new[] { ContactTable.NoShowRiskBand }).ToArray());
            var journey = query.AddLink(JourneyTable.LogicalName, AppointmentTable.JourneyId, JourneyTable.PrimaryId, JoinOperator.LeftOuter);
            journey.EntityAlias = Journey;
            journey.Columns = new ColumnSet(JourneyTable.PathwayId, JourneyTable.CurrentStageId);
            return service.RetrieveMultiple(query).Entities.FirstOrDefault()
                ?? throw new InvalidPluginExecutionException("The appointment just saved cannot be read back; check that your security role can read appointments.");
        }

        private static FollowUpSource SourceFor(Entity appointment, AppointmentChange change, Dictionary<Guid, AttendanceHistory> histories)
        {
            var patientId = change.After.PatientId!.Value;
            var source = new FollowUpSource(appointment.Id, new EntityReference(ContactTable.LogicalName, patientId), PatientPreferences.From(appointment, Patient))
            {
                Appointment = appointment.ToEntityReference(),
                Journey = appointment.Get<EntityReference>(AppointmentTable.JourneyId),
            };
            var start = change.After.Start!.Value;
            var pathway = appointment.Value<EntityReference>(Journey, JourneyTable.PathwayId)?.Id;
            var stage = appointment.Value<EntityReference>(Journey, JourneyTable.CurrentStageId)?.Id;
            var band = histories.TryGetValue(patientId, out var history)
                ? history.Risk.Band
                : FollowUpChoices.ToBand(appointment.Value<OptionSetValue>(Patient, ContactTable.NoShowRiskBand));
            switch (change.After.Attendance)
            {
                case AttendanceState.Booked:
                    source.Events.Add(new FollowUpEvent(FollowUpTrigger.AppointmentScheduled, appointment.Id, start, pathway, stage, band));
                    source.NoLongerNeeded = "The appointment moved and this follow-up's time has passed.";
                    break;
                case AttendanceState.Missed:
                    // The recovery call is counted from the missed appointment, so replays and late recording agree.
                    source.Events.Add(new FollowUpEvent(FollowUpTrigger.NoShow, appointment.Id, start, pathway, stage, band));
                    source.NoLongerNeeded = "The patient missed the appointment.";
                    break;
                case AttendanceState.Cancelled:
                    source.NoLongerNeeded = "The appointment was cancelled.";
                    break;
                case AttendanceState.Fulfilled:
                    source.Events.Add(new FollowUpEvent(FollowUpTrigger.AppointmentAttended, appointment.Id,
                        appointment.Get<DateTime?>(AppointmentTable.ScheduledEnd) ?? start, pathway, stage, band));
                    source.NoLongerNeeded = "The patient attended the appointment.";
                    break;
                default:
                    source.NoLongerNeeded = "The patient attended the appointment.";
                    break;
            }
            return source;
        }

        /// <summary>
        /// Whether the appointment is a first one: no other appointment of its journey (of the patient outside any
        /// journey, when it has none) that is not cancelled starts before it. One query.
        /// </summary>
        private static bool FirstAppointment(IOrganizationService service, Entity appointment, DateTime start)
        {
            var query = new QueryExpression(AppointmentTable.LogicalName) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            var journey = appointment.Get<EntityReference>(AppointmentTable.JourneyId);
            if (journey != null) query.Criteria.AddCondition(AppointmentTable.JourneyId, ConditionOperator.Equal, journey.Id);
            else
            {
                query.Criteria.AddCondition(AppointmentTable.PatientId, ConditionOperator.Equal, appointment.Get<EntityReference>(AppointmentTable.PatientId).Id);
                query.Criteria.AddCondition(AppointmentTable.JourneyId, ConditionOperator.Null);
            }
            query.Criteria.AddCondition(AppointmentTable.PrimaryId, ConditionOperator.NotEqual, appointment.Id);
            query.Criteria.AddCondition(AppointmentTable.ScheduledStart, ConditionOperator.LessThan, start);
            var notCancelled = new FilterExpression(LogicalOperator.Or);
            notCancelled.AddCondition(AppointmentTable.Attendance, ConditionOperator.Null);
            notCancelled.AddCondition(AppointmentTable.Attendance, ConditionOperator.NotIn,
                AppointmentTable.AttendanceOptions.CancelledByPatient, AppointmentTable.AttendanceOptions.CancelledByProvider);
            query.Criteria.AddFilter(notCancelled);
            return service.RetrieveMultiple(query).Entities.Count == 0;
        }

        // A no-show risk assessment for the missed appointment, with a derived id so it is written once (one query, one Create).
        // The no-show risk is clinical data the person recording attendance (the front desk) may neither read nor write:
        // it is written as SYSTEM and owned by who works the patient's risk (RiskOwner; one query). Its inputs never reach the caller.
        private static void RecordNoShowRisk(LocalPluginContext context, Entity appointment, AttendanceHistory history, DateTime now, Guid? defaultCareTeamId)
        {
            var id = DeterministicId.From(appointment.Id, NoShowAssessment);
            if (Exists(context.SystemService, RiskAssessmentTable.LogicalName, RiskAssessmentTable.PrimaryId, id)) return;
            var patient = appointment.Get<EntityReference>(AppointmentTable.PatientId);
            var journey = appointment.Get<EntityReference>(AppointmentTable.JourneyId);
            var row = new Entity(RiskAssessmentTable.LogicalName, id)
            {
                [RiskAssessmentTable.Name] = "No-show risk after a missed appointment",
                [RiskAssessmentTable.PatientId] = patient,
                [RiskAssessmentTable.Model] = RiskModel.NoShow.ToOption(),
                [RiskAssessmentTable.Inputs] = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "{{\"appointmentsDue\": {0}, \"noShows\": {1}}}", history.AppointmentsDue, history.NoShows),
                [RiskAssessmentTable.AssessedOn] = now,
                [RiskAssessmentTable.OwnerId] = RiskOwner(context.SystemService, journey, patient, defaultCareTeamId),
            };
            if (journey != null) row[RiskAssessmentTable.JourneyId] = journey;
            context.SystemService.Create(row);
        }

        private const string CoordinatorUser = "coordinator";
        private const string JourneyOwnerUser = "journeyowner";
        private const string PatientOwnerUser = "patientowner";

        // Who works the patient's no-show risk, by the rule staff tasks follow (CareOwnership): the journey's care
        // coordinator, else the journey's owner, else the patient's owner, else the default care team, skipping disabled
        // users. With nobody usable it stays with the patient's owner, so reassigning a leaver's records carries it along.
        // One query: the patient with its owner and, when the appointment is on a journey, the journey's coordinator and owner.
        private static EntityReference RiskOwner(IOrganizationService system, EntityReference? journey, EntityReference patient, Guid? defaultCareTeamId)
        {
            var query = new QueryExpression(ContactTable.LogicalName) { ColumnSet = new ColumnSet(ContactTable.OwnerId) };
            query.Criteria.AddCondition(ContactTable.PrimaryId, ConditionOperator.Equal, patient.Id);
            query.LinkEntities.Add(CareWorkers.UserState(ContactTable.LogicalName, "owninguser", PatientOwnerUser));
            if (journey != null)
            {
                var journeys = query.AddLink(JourneyTable.LogicalName, ContactTable.PrimaryId, JourneyTable.PatientId, JoinOperator.LeftOuter);
                journeys.EntityAlias = Journey;
                journeys.Columns = new ColumnSet(JourneyTable.CareCoordinatorId, JourneyTable.OwnerId);
                journeys.LinkCriteria.AddCondition(JourneyTable.PrimaryId, ConditionOperator.Equal, journey.Id);
                journeys.LinkEntities.Add(CareWorkers.UserState(JourneyTable.LogicalName, JourneyTable.CareCoordinatorId, CoordinatorUser));
                journeys.LinkEntities.Add(CareWorkers.UserState(JourneyTable.LogicalName, "owninguser", JourneyOwnerUser));
            }
            var row = system.RetrieveMultiple(query).Entities.FirstOrDefault()
                ?? throw new InvalidPluginExecutionException("The appointment's patient no longer exists; choose the patient again.");
            var patientOwner = row.Get<EntityReference>(ContactTable.OwnerId);
            var owner = CareOwnership.FirstWhoCanWork(defaultCareTeamId,
                CareWorkers.Candidate(row.Value<EntityReference>(Journey, JourneyTable.CareCoordinatorId), row, CoordinatorUser),
                CareWorkers.Candidate(row.Value<EntityReference>(Journey, JourneyTable.OwnerId), row, JourneyOwnerUser),
                CareWorkers.Candidate(patientOwner, row, PatientOwnerUser));
            return owner == null ? patientOwner : new EntityReference(owner.IsTeam ? "team" : "systemuser", owner.Id);
        }

        // A fulfilled appointment is a touchpoint on the patient's journey, written once (one query, one Create).
        private static void RecordAttendedTouchpoint(LocalPluginContext context, Entity appointment, DateTime start)
        {
            var id = DeterministicId.From(appointment.Id, FulfilledTouchpoint);
            if (Exists(context.UserService, TouchpointTable.LogicalName, TouchpointTable.PrimaryId, id)) return;
            var row = new Entity(TouchpointTable.LogicalName, id)
            {
                [TouchpointTable.Name] = "Appointment attended",
                [TouchpointTable.PatientId] = appointment.Get<EntityReference>(AppointmentTable.PatientId),
                [TouchpointTable.Type] = new OptionSetValue(TouchpointTable.TypeOptions.Appointment),
                [TouchpointTable.Channel] = new OptionSetValue(Choices.Channel.InPerson),
                [TouchpointTable.Direction] = new OptionSetValue(TouchpointTable.DirectionOptions.Inbound),
                [TouchpointTable.OccurredOn] = start,
            };
            var journey = appointment.Get<EntityReference>(AppointmentTable.JourneyId);
            if (journey != null) row[TouchpointTable.JourneyId] = journey;
            context.UserService.Create(row);
        }

        // Whether a row with a derived id was written before (a replay, or the same state reached again).
        private static bool Exists(IOrganizationService service, string table, string idColumn, Guid id)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(false), TopCount = 1 };
            query.Criteria.AddCondition(idColumn, ConditionOperator.Equal, id);
            return service.RetrieveMultiple(query).Entities.Count > 0;
        }
    }
}
