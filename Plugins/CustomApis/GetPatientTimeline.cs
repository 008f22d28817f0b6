using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Timeline;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetPatientTimeline;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_GetPatientTimeline (function): a patient's journeys, stage visits, referrals, appointments, touchpoints,
    /// survey responses and follow-ups in time order, as JSON for a timeline control. Runs as the caller, so the
    /// caller's security decides what is seen. Eight queries whatever the history's size: the patient, then one per
    /// record kind. From and To (UTC, both optional)
    /// keep entries whose span touches the window; an open journey, visit or referral runs on to the present.
    /// </summary>
    /// <remarks>
    /// TimelineJson is a JSON array, oldest first (ties: journey, stage visit, referral, appointment, touchpoint,
    /// survey, follow-up). Every entry has:
    /// <code>
    /// "kind"      "journey" | "stageVisit" | "referral" | "appointment" | "touchpoint" | "survey" | "followUp"
    /// "table"     logical name of the record's table;  "id": the record's id (GUID)
    /// "start"     ISO 8601 UTC ("2026-11-26T09:00:00Z");  "end": the same, or null when an instant or still open
    /// "open"      true while a journey (active, on hold), stage visit (not exited) or referral (not closed) runs
    /// "title"     the record's name (stage name for a visit, subject for an appointment)
    /// "journeyId" the journey it belongs to, or null;  "overdue": see below
    /// </code>
    /// and, by kind (choice columns as their option values, lookups as ids, missing values as null):
    /// <code>
    /// journey      pathwayId, currentStageId, currentStage (name), status, stageEnteredOn, stageDueOn, touchpointCount;
    ///              overdue = active and past the current stage's due time
    /// stageVisit   stageId, phase, durationHours; overdue = exited after its due time, or open and its active
    ///              journey past the stage's due time
    /// referral     status, priority, pathwayId, acceptedOn, slaDueOn; overdue = SLA breached
    /// appointment  attendance, referralId; overdue = false
    /// touchpoint   type, channel, direction, sentiment, isPainPoint, painPointCategory, stageId, summary;
    ///              overdue = false
    /// survey       surveyType, score, category; start = responded on; overdue = false
    /// followUp     followUpKind, type, status, channel, appointmentId, referralId; an instant at its due time;
    ///              overdue = pending or due and past its due time
    /// </code>
    /// Kinds added later come after these, so a reader that does not know a kind can skip it.
    /// Clinical free text (reasons, notes) is left out: the timeline shows what happened and when, and the record
    /// itself, behind field security, shows why.
    /// </remarks>
    public sealed class GetPatientTimeline : PluginBase
    {
        private const string StageAlias = "stage";
        private const string JourneyAlias = "journey";

        protected override void Execute(LocalPluginContext context)
        {
            var patient = context.Input<EntityReference>(Api.InPatient);
            if (patient.LogicalName != ContactTable.LogicalName) throw new BusinessRuleViolation("The Patient parameter must be a patient (contact).");
            var from = Utc(context.OptionalValue<DateTime>(Api.InFrom));
            var to = Utc(context.OptionalValue<DateTime>(Api.InTo));
            PatientTimeline.CheckWindow(from, to);
            var service = context.UserService;
            Records.EnsureExists(service, patient, "patient");

            var now = context.Now;
            var entries = new List<TimelineEntry>();
            entries.AddRange(Journeys(service, patient.Id, now));
            entries.AddRange(StageVisits(service, patient.Id, now));
            entries.AddRange(Referrals(service, patient.Id));
            entries.AddRange(Appointments(service, patient.Id));
            entries.AddRange(Touchpoints(service, patient.Id, from, to));
            entries.AddRange(Surveys(service, patient.Id));
            entries.AddRange(FollowUps(service, patient.Id, from, to, now));

            var timeline = PatientTimeline.Arrange(entries, from, to);
            context.Trace("GetPatientTimeline: {0} of {1} entries in the window", timeline.Count, entries.Count);
            context.ExecutionContext.OutputParameters[Api.OutTimelineJson] = PatientTimeline.ToJson(timeline);
        }

        private static IEnumerable<TimelineEntry> Journeys(IOrganizationService service, Guid patientId, DateTime now)
        {
            var query = new QueryExpression(JourneyTable.LogicalName)
            {
                ColumnSet = new ColumnSet(JourneyTable.Name, JourneyTable.PathwayId, JourneyTable.CurrentStageId, JourneyTable.Status, JourneyTable.StartedOn,
                    JourneyTable.CompletedOn, JourneyTable.StageEnteredOn, JourneyTable.StageDueOn, JourneyTable.TouchpointCount, JourneyTable.CreatedOn, JourneyTable.ModifiedOn),
            };
            query.Criteria.AddCondition(JourneyTable.PatientId, ConditionOperator.Equal, patientId);
            var stage = query.AddLink(PathwayStageTable.LogicalName, JourneyTable.CurrentStageId, PathwayStageTable.PrimaryId, JoinOperator.LeftOuter);
            stage.EntityAlias = StageAlias;
            stage.Columns = new ColumnSet(PathwayStageTable.Name);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var status = Option(row, JourneyTable.Status);
                var open = status == null || status == JourneyTable.StatusOptions.Active || status == JourneyTable.StatusOptions.OnHold;
                var dueOn = Instant(row, JourneyTable.StageDueOn);
                yield return new TimelineEntry(TimelineEntryKind.Journey, JourneyTable.LogicalName, row.Id, Instant(row, JourneyTable.StartedOn) ?? Instant(row, JourneyTable.CreatedOn) ?? now)
                {
                    End = open ? null : Instant(row, JourneyTable.CompletedOn) ?? Instant(row, JourneyTable.ModifiedOn),
                    IsOpen = open,
                    Title = row.Get<string>(JourneyTable.Name),
                    JourneyId = row.Id,
                    Overdue = status == JourneyTable.StatusOptions.Active && dueOn.HasValue && dueOn.Value < now,
                }
                .With("pathwayId", Id(row, JourneyTable.PathwayId))
                .With("currentStageId", Id(row, JourneyTable.CurrentStageId))
                .With("currentStage", Aliased<string>(row, StageAlias, PathwayStageTable.Name))
                .With("status", status)
                .With("stageEnteredOn", Instant(row, JourneyTable.StageEnteredOn))
                .With("stageDueOn", dueOn)
                .With("touchpointCount", row.Contains(JourneyTable.TouchpointCount) ? row.Get<int>(JourneyTable.TouchpointCount) : 0);
            }
        }

        private static IEnumerable<TimelineEntry> StageVisits(IOrganizationService service, Guid patientId, DateTime now)
        {
            var query = new QueryExpression(JourneyStageHistoryTable.LogicalName)
            {
                ColumnSet = new ColumnSet(JourneyStageHistoryTable.JourneyId, JourneyStageHistoryTable.StageId, JourneyStageHistoryTable.EnteredOn,
                    JourneyStageHistoryTable.ExitedOn, JourneyStageHistoryTable.DurationHours, JourneyStageHistoryTable.WasOverdue, JourneyStageHistoryTable.CreatedOn),
            };
            var journey = query.AddLink(JourneyTable.LogicalName, JourneyStageHistoryTable.JourneyId, JourneyTable.PrimaryId, JoinOperator.Inner);
            journey.EntityAlias = JourneyAlias;
            journey.Columns = new ColumnSet(JourneyTable.Status, JourneyTable.StageDueOn, JourneyTable.CurrentStageId);
            journey.LinkCriteria.AddCondition(JourneyTable.PatientId, ConditionOperator.Equal, patientId);
            var stage = query.AddLink(PathwayStageTable.LogicalName, JourneyStageHistoryTable.StageId, PathwayStageTable.PrimaryId, JoinOperator.LeftOuter);
            stage.EntityAlias = StageAlias;
            stage.Columns = new ColumnSet(PathwayStageTable.Name, PathwayStageTable.Phase);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var exited = Instant(row, JourneyStageHistoryTable.ExitedOn);
                var journeyActive = Aliased<OptionSetValue>(row, JourneyAlias, JourneyTable.Status)?.Value == JourneyTable.StatusOptions.Active;
                var journeyDue = Aliased<DateTime?>(row, JourneyAlias, JourneyTable.StageDueOn);
                var overdueNow = exited == null && journeyActive && journeyDue.HasValue && journeyDue.Value < now
                    && Aliased<EntityReference>(row, JourneyAlias, JourneyTable.CurrentStageId)?.Id == Id(row, JourneyStageHistoryTable.StageId);
                yield return new TimelineEntry(TimelineEntryKind.StageVisit, JourneyStageHistoryTable.LogicalName, row.Id,
                    Instant(row, JourneyStageHistoryTable.EnteredOn) ?? Instant(row, JourneyStageHistoryTable.CreatedOn) ?? now)
                {
                    End = exited,
                    IsOpen = exited == null,
                    Title = Aliased<string>(row, StageAlias, PathwayStageTable.Name),
                    JourneyId = Id(row, JourneyStageHistoryTable.JourneyId),
                    Overdue = row.Get<bool>(JourneyStageHistoryTable.WasOverdue) || overdueNow,
                }
                .With("stageId", Id(row, JourneyStageHistoryTable.StageId))
                .With("phase", Aliased<OptionSetValue>(row, StageAlias, PathwayStageTable.Phase)?.Value)
                .With("durationHours", row.Contains(JourneyStageHistoryTable.DurationHours) ? row.Get<decimal>(JourneyStageHistoryTable.DurationHours) : (decimal?)null);
            }
        }

        private static IEnumerable<TimelineEntry> Referrals(IOrganizationService service, Guid patientId)
        {
            var query = new QueryExpression(ReferralTable.LogicalName)
            {
                ColumnSet = new ColumnSet(ReferralTable.Name, ReferralTable.JourneyId, ReferralTable.PathwayId, ReferralTable.Status, ReferralTable.Priority,
                    ReferralTable.SubmittedOn, ReferralTable.AcceptedOn, ReferralTable.CompletedOn, ReferralTable.SlaDueOn, ReferralTable.SlaBreached,
                    ReferralTable.CreatedOn, ReferralTable.ModifiedOn),
            };
            query.Criteria.AddCondition(ReferralTable.PatientId, ConditionOperator.Equal, patientId);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var status = Option(row, ReferralTable.Status);
                var closed = status == ReferralTable.StatusOptions.Completed || status == ReferralTable.StatusOptions.Rejected
                    || status == ReferralTable.StatusOptions.Cancelled || status == ReferralTable.StatusOptions.Expired;
                var created = Instant(row, ReferralTable.CreatedOn) ?? DateTime.MinValue;
                yield return new TimelineEntry(TimelineEntryKind.Referral, ReferralTable.LogicalName, row.Id, Instant(row, ReferralTable.SubmittedOn) ?? created)
                {
                    End = closed ? Instant(row, ReferralTable.CompletedOn) ?? Instant(row, ReferralTable.ModifiedOn) : null,
                    IsOpen = !closed,
                    Title = row.Get<string>(ReferralTable.Name),
                    JourneyId = Id(row, ReferralTable.JourneyId),
                    Overdue = row.Get<bool>(ReferralTable.SlaBreached),
                }
                .With("status", status)
                .With("priority", Option(row, ReferralTable.Priority))
                .With("pathwayId", Id(row, ReferralTable.PathwayId))
                .With("acceptedOn", Instant(row, ReferralTable.AcceptedOn))
                .With("slaDueOn", Instant(row, ReferralTable.SlaDueOn));
            }
        }

        private static IEnumerable<TimelineEntry> Appointments(IOrganizationService service, Guid patientId)
        {
            var query = new QueryExpression(AppointmentTable.LogicalName)
            {
                ColumnSet = new ColumnSet(AppointmentTable.Subject, AppointmentTable.ScheduledStart, AppointmentTable.ScheduledEnd, AppointmentTable.JourneyId,
                    AppointmentTable.ReferralId, AppointmentTable.Attendance, AppointmentTable.CreatedOn),
            };
            query.Criteria.AddCondition(AppointmentTable.PatientId, ConditionOperator.Equal, patientId);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                yield return new TimelineEntry(TimelineEntryKind.Appointment, AppointmentTable.LogicalName, row.Id,
                    Instant(row, AppointmentTable.ScheduledStart) ?? Instant(row, AppointmentTable.CreatedOn) ?? DateTime.MinValue)
                {
                    End = Instant(row, AppointmentTable.ScheduledEnd),
                    Title = row.Get<string>(AppointmentTable.Subject),
                    JourneyId = Id(row, AppointmentTable.JourneyId),
                }
                .With("attendance", Option(row, AppointmentTable.Attendance))
                .With("referralId", Id(row, AppointmentTable.ReferralId));
            }
        }

        // Touchpoints are the kind that grows without bound (bulk imports), so the window is applied in the query too.
        private static IEnumerable<TimelineEntry> Touchpoints(IOrganizationService service, Guid patientId, DateTime? from, DateTime? to)
        {
            var query = new QueryExpression(TouchpointTable.LogicalName)
            {
                ColumnSet = new ColumnSet(TouchpointTable.Name, TouchpointTable.JourneyId, TouchpointTable.StageId, TouchpointTable.Type, TouchpointTable.Channel,
                    TouchpointTable.Direction, TouchpointTable.OccurredOn, TouchpointTable.Sentiment, TouchpointTable.IsPainPoint, TouchpointTable.PainPointCategory,
                    TouchpointTable.Summary, TouchpointTable.CreatedOn),
            };
            query.Criteria.AddCondition(TouchpointTable.PatientId, ConditionOperator.Equal, patientId);
            if (from.HasValue) query.Criteria.AddCondition(TouchpointTable.OccurredOn, ConditionOperator.GreaterEqual, from.Value);
            if (to.HasValue) query.Criteria.AddCondition(TouchpointTable.OccurredOn, ConditionOperator.LessEqual, to.Value);
            query.AddOrder(TouchpointTable.OccurredOn, OrderType.Descending);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                yield return new TimelineEntry(TimelineEntryKind.Touchpoint, TouchpointTable.LogicalName, row.Id,
                    Instant(row, TouchpointTable.OccurredOn) ?? Instant(row, TouchpointTable.CreatedOn) ?? DateTime.MinValue)
                {
                    Title = row.Get<string>(TouchpointTable.Name),
                    JourneyId = Id(row, TouchpointTable.JourneyId),
                }
                .With("type", Option(row, TouchpointTable.Type))
                .With("channel", Option(row, TouchpointTable.Channel))
                .With("direction", Option(row, TouchpointTable.Direction))
                .With("sentiment", Option(row, TouchpointTable.Sentiment))
                .With("isPainPoint", row.Get<bool>(TouchpointTable.IsPainPoint))
                .With("painPointCategory", Option(row, TouchpointTable.PainPointCategory))
                .With("stageId", Id(row, TouchpointTable.StageId))
                .With("summary", row.Get<string>(TouchpointTable.Summary));
            }
        }

        private static IEnumerable<TimelineEntry> Surveys(IOrganizationService service, Guid patientId)
        {
            var query = new QueryExpression(SurveyResponseTable.LogicalName)
            {
                ColumnSet = new ColumnSet(SurveyResponseTable.Name, SurveyResponseTable.JourneyId, SurveyResponseTable.SurveyType, SurveyResponseTable.Score,
                    SurveyResponseTable.Category, SurveyResponseTable.RespondedOn, SurveyResponseTable.CreatedOn),
            };
            query.Criteria.AddCondition(SurveyResponseTable.PatientId, ConditionOperator.Equal, patientId);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                yield return new TimelineEntry(TimelineEntryKind.Survey, SurveyResponseTable.LogicalName, row.Id,
                    Instant(row, SurveyResponseTable.RespondedOn) ?? Instant(row, SurveyResponseTable.CreatedOn) ?? DateTime.MinValue)
                {
                    Title = row.Get<string>(SurveyResponseTable.Name),
                    JourneyId = Id(row, SurveyResponseTable.JourneyId),
                }
                .With("surveyType", Option(row, SurveyResponseTable.SurveyType))
                .With("score", row.Get<int?>(SurveyResponseTable.Score))
                .With("category", Option(row, SurveyResponseTable.Category));
            }
        }

        // Follow-ups grow with every booking (two reminders each), so the window is applied in the query too.
        private static IEnumerable<TimelineEntry> FollowUps(IOrganizationService service, Guid patientId, DateTime? from, DateTime? to, DateTime now)
        {
            var query = new QueryExpression(FollowUpTable.LogicalName)
            {
                ColumnSet = new ColumnSet(FollowUpTable.Name, FollowUpTable.JourneyId, FollowUpTable.AppointmentId, FollowUpTable.ReferralId, FollowUpTable.Kind,
                    FollowUpTable.Type, FollowUpTable.Status, FollowUpTable.Channel, FollowUpTable.DueOn, FollowUpTable.CreatedOn),
            };
            query.Criteria.AddCondition(FollowUpTable.PatientId, ConditionOperator.Equal, patientId);
            if (from.HasValue) query.Criteria.AddCondition(FollowUpTable.DueOn, ConditionOperator.GreaterEqual, from.Value);
            if (to.HasValue) query.Criteria.AddCondition(FollowUpTable.DueOn, ConditionOperator.LessEqual, to.Value);

            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                var status = Option(row, FollowUpTable.Status);
                var waiting = status == null || status == FollowUpTable.StatusOptions.Pending || status == FollowUpTable.StatusOptions.Due;
                var dueOn = Instant(row, FollowUpTable.DueOn);
                yield return new TimelineEntry(TimelineEntryKind.FollowUp, FollowUpTable.LogicalName, row.Id, dueOn ?? Instant(row, FollowUpTable.CreatedOn) ?? DateTime.MinValue)
                {
                    Title = row.Get<string>(FollowUpTable.Name),
                    JourneyId = Id(row, FollowUpTable.JourneyId),
                    Overdue = waiting && dueOn.HasValue && dueOn.Value < now,
                }
                .With("followUpKind", Option(row, FollowUpTable.Kind))
                .With("type", Option(row, FollowUpTable.Type))
                .With("status", status)
                .With("channel", Option(row, FollowUpTable.Channel))
                .With("appointmentId", Id(row, FollowUpTable.AppointmentId))
                .With("referralId", Id(row, FollowUpTable.ReferralId));
            }
        }

        private static DateTime? Utc(DateTime? instant) =>
            instant.HasValue ? (instant.Value.Kind == DateTimeKind.Local ? instant.Value.ToUniversalTime() : DateTime.SpecifyKind(instant.Value, DateTimeKind.Utc)) : (DateTime?)null;

        private static DateTime? Instant(Entity row, string column) =>
            row.Contains(column) && row[column] is DateTime value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : (DateTime?)null;

        private static int? Option(Entity row, string column) => row.Get<OptionSetValue>(column)?.Value;

        private static Guid? Id(Entity row, string column) => row.Get<EntityReference>(column)?.Id;

        private static T? Aliased<T>(Entity row, string alias, string column)
        {
            var key = alias + "." + column;
            return row.Contains(key) && row[key] is AliasedValue aliased && aliased.Value is T value ? value : default;
        }
    }
}
