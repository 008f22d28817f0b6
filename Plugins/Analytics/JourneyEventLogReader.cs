using System;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.Analytics;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Plugins.Mapping;

namespace PatientJourney.Crm.Plugins.Analytics
{
    /// <summary>
    /// Reads the event log of the journey metrics from Dataverse: one paged query per table (two for stage visits when the
    /// readmission window reaches past the period), 5,000 rows a page with the paging cookie, named columns only, the
    /// period applied in the query. Reads through the service it is given, so the caller's security decides what is seen.
    /// See https://learn.microsoft.com/power-apps/developer/data-platform/org-service/page-large-result-sets-with-queryexpression
    /// </summary>
    internal sealed class JourneyEventLogReader
    {
        private const string RowsRefused = "rows (journeys, stage visits, touchpoints and the other tables together)";

        /// <summary>Dataverse's largest page.</summary>
        public const int PageSize = 5000;

        private readonly IOrganizationService service;
        private readonly MetricsFilter filter;
        private readonly int maxStageVisits;
        private readonly int maxRows;
        private readonly JourneyEventLog log = new JourneyEventLog();

        public JourneyEventLogReader(IOrganizationService service, MetricsFilter filter, int maxStageVisits, int maxRows)
        {
            this.service = service;
            this.filter = filter;
            this.maxStageVisits = maxStageVisits;
            this.maxRows = maxRows;
        }

        /// <summary>RetrieveMultiple calls made (one per page).</summary>
        public int Queries { get; private set; }

        public int RowsRead { get; private set; }

        public JourneyEventLog Read()
        {
            ReadStages();
            ReadJourneys();
            ReadStageVisits();
            ReadReferrals();
            ReadAppointments();
            ReadFollowUps();
            ReadSurveys();
            ReadTouchpoints();
            return log;
        }

        private void ReadStages()
        {
            var query = Query(PathwayStageTable.LogicalName, PathwayStageTable.PrimaryId,
                PathwayStageTable.Name, PathwayStageTable.PathwayId, PathwayStageTable.Sequence, PathwayStageTable.Phase, PathwayStageTable.TargetDurationHours);
            ReadAll(query, row => log.Stages.Add(new StageRecord
            {
                Id = row.Id,
                PathwayId = Id(row, PathwayStageTable.PathwayId) ?? Guid.Empty,
                Name = row.GetAttributeValue<string>(PathwayStageTable.Name) ?? "",
                Sequence = row.GetAttributeValue<int>(PathwayStageTable.Sequence),
                Phase = AnalyticsChoices.ToPhase(row.GetAttributeValue<OptionSetValue>(PathwayStageTable.Phase)),
                TargetHours = row.Contains(PathwayStageTable.TargetDurationHours) ? row.GetAttributeValue<int>(PathwayStageTable.TargetDurationHours) : (decimal?)null,
            }));
        }

        // Every journey, whatever its pathway or start: a patient's first journey decides "new patient", and a readmission
        // may happen on another pathway's journey. Few columns, and journeys are a fraction of the stage visits.
        private void ReadJourneys()
        {
            var query = Query(JourneyTable.LogicalName, JourneyTable.PrimaryId,
                JourneyTable.PatientId, JourneyTable.PathwayId, JourneyTable.Status, JourneyTable.StartedOn, JourneyTable.CompletedOn, JourneyTable.CreatedOn);
            ReadAll(query, row => log.Journeys.Add(new JourneyRecord
            {
                Id = row.Id,
                PatientId = Id(row, JourneyTable.PatientId) ?? Guid.Empty,
                PathwayId = Id(row, JourneyTable.PathwayId) ?? Guid.Empty,
                Status = ChoiceMapping.ToJourneyStatus(row.GetAttributeValue<OptionSetValue>(JourneyTable.Status), JourneyStatus.Active),
                StartedOn = Instant(row, JourneyTable.StartedOn) ?? Instant(row, JourneyTable.CreatedOn) ?? DateTime.MinValue,
                CompletedOn = Instant(row, JourneyTable.CompletedOn),
            }));
        }

        /// <summary>
        /// The period's visits (of the pathway's journeys when filtered), and the during-care visits, on any pathway, up to
        /// 30 days past the period that a readmission looks for. Refused above the limit before the computation starts.
        /// </summary>
        private void ReadStageVisits()
        {
            var seen = new System.Collections.Generic.HashSet<Guid>();
            var periodVisits = VisitQuery(filter.From, filter.To);
            if (filter.PathwayId.HasValue)
            {
                var journey = periodVisits.AddLink(JourneyTable.LogicalName, JourneyStageHistoryTable.JourneyId, JourneyTable.PrimaryId, JoinOperator.Inner);
                journey.LinkCriteria.AddCondition(JourneyTable.PathwayId, ConditionOperator.Equal, filter.PathwayId.Value);
            }
            ReadAll(periodVisits, row => AddVisit(row, seen));

            var readmissionFrom = filter.PathwayId.HasValue ? filter.From : filter.To;
            if (!filter.PathwayId.HasValue && !filter.To.HasValue) return;   // the first query read every visit
            var readmissionVisits = VisitQuery(readmissionFrom, Beyond(filter.To, JourneyMetricsCalculator.ReadmissionWindow));
            var stage = readmissionVisits.AddLink(PathwayStageTable.LogicalName, JourneyStageHistoryTable.StageId, PathwayStageTable.PrimaryId, JoinOperator.Inner);
            stage.LinkCriteria.AddCondition(PathwayStageTable.Phase, ConditionOperator.Equal, AnalyticsChoices.ToOptionValue(StagePhase.DuringCare));
            ReadAll(readmissionVisits, row => AddVisit(row, seen));
        }

        /// <summary>
        /// The end of a window past the period's end; none (read to the end) when the period has no end or the window
        /// would run past the last date-time there is (a To of 9999-12-31 has nothing later to bound).
        /// </summary>
        private static DateTime? Beyond(DateTime? to, TimeSpan window) =>
            to.HasValue && to.Value <= DateTime.MaxValue - window ? to.Value + window : (DateTime?)null;

        private QueryExpression VisitQuery(DateTime? from, DateTime? to)
        {
            var query = Query(JourneyStageHistoryTable.LogicalName, JourneyStageHistoryTable.PrimaryId,
                JourneyStageHistoryTable.JourneyId, JourneyStageHistoryTable.StageId, JourneyStageHistoryTable.EnteredOn, JourneyStageHistoryTable.ExitedOn,
                JourneyStageHistoryTable.WasOverdue);
            InRange(query, JourneyStageHistoryTable.EnteredOn, from, to);
            return query;
        }

        private void AddVisit(Entity row, System.Collections.Generic.HashSet<Guid> seen)
        {
            if (!seen.Add(row.Id)) return;
            if (log.StageVisits.Count == maxStageVisits) throw new BusinessRuleViolation(JourneyMetricsLimits.TooMany("stage visits", maxStageVisits));
            var entered = Instant(row, JourneyStageHistoryTable.EnteredOn);
            var journeyId = Id(row, JourneyStageHistoryTable.JourneyId);
            var stageId = Id(row, JourneyStageHistoryTable.StageId);
            if (!entered.HasValue || !journeyId.HasValue || !stageId.HasValue) return;   // not a visit yet: nothing to place on the map
            log.StageVisits.Add(new StageVisitRecord
            {
                Id = row.Id,
                JourneyId = journeyId.Value,
                StageId = stageId.Value,
                EnteredOn = entered.Value,
                ExitedOn = Instant(row, JourneyStageHistoryTable.ExitedOn),
                WasOverdue = row.GetAttributeValue<bool>(JourneyStageHistoryTable.WasOverdue),
            });
        }

        private void ReadReferrals()
        {
            var query = Query(ReferralTable.LogicalName, ReferralTable.PrimaryId,
                ReferralTable.PathwayId, ReferralTable.JourneyId, ReferralTable.Status, ReferralTable.SubmittedOn, ReferralTable.FirstResponseOn,
                ReferralTable.SlaDueOn, ReferralTable.ReferringOrganization, ReferralTable.ReferringProvider);
            query.Criteria.AddCondition(ReferralTable.SubmittedOn, ConditionOperator.NotNull);
            InRange(query, ReferralTable.SubmittedOn, filter.From, filter.To);
            ReadAll(query, row => log.Referrals.Add(new ReferralRecord
            {
                Id = row.Id,
                PathwayId = Id(row, ReferralTable.PathwayId),
                JourneyId = Id(row, ReferralTable.JourneyId),
                Status = ChoiceMapping.ToReferralStatus(row.GetAttributeValue<OptionSetValue>(ReferralTable.Status), ReferralStatus.Draft),
                SubmittedOn = Instant(row, ReferralTable.SubmittedOn),
                FirstResponseOn = Instant(row, ReferralTable.FirstResponseOn),
                SlaDueOn = Instant(row, ReferralTable.SlaDueOn),
                Source = row.GetAttributeValue<string>(ReferralTable.ReferringOrganization) ?? row.GetAttributeValue<string>(ReferralTable.ReferringProvider),
            }));
        }

        // Up to 90 days past the period: follow-up retention looks for an attended appointment after a discharge.
        private void ReadAppointments()
        {
            var query = Query(AppointmentTable.LogicalName, AppointmentTable.PrimaryId,
                AppointmentTable.PatientId, AppointmentTable.JourneyId, AppointmentTable.ScheduledStart, AppointmentTable.Attendance);
            query.Criteria.AddCondition(AppointmentTable.ScheduledStart, ConditionOperator.NotNull);
            InRange(query, AppointmentTable.ScheduledStart, filter.From, Beyond(filter.To, JourneyMetricsCalculator.RetentionWindow));
            ReadAll(query, row => log.Appointments.Add(new AppointmentRecord
            {
                Id = row.Id,
                PatientId = Id(row, AppointmentTable.PatientId),
                JourneyId = Id(row, AppointmentTable.JourneyId),
                ScheduledStart = Instant(row, AppointmentTable.ScheduledStart)!.Value,
                Attendance = AnalyticsChoices.ToAttendance(row.GetAttributeValue<OptionSetValue>(AppointmentTable.Attendance)),
            }));
        }

        private void ReadFollowUps()
        {
            var query = Query(FollowUpTable.LogicalName, FollowUpTable.PrimaryId, FollowUpTable.JourneyId, FollowUpTable.DueOn, FollowUpTable.Status, FollowUpTable.Kind);
            query.Criteria.AddCondition(FollowUpTable.DueOn, ConditionOperator.NotNull);
            InRange(query, FollowUpTable.DueOn, filter.From, filter.To);
            ReadAll(query, row =>
            {
                var kind = row.GetAttributeValue<OptionSetValue>(FollowUpTable.Kind);
                log.FollowUps.Add(new FollowUpRecord
                {
                    Id = row.Id,
                    JourneyId = Id(row, FollowUpTable.JourneyId),
                    DueOn = Instant(row, FollowUpTable.DueOn)!.Value,
                    Status = FollowUpChoices.ToStatus(row.GetAttributeValue<OptionSetValue>(FollowUpTable.Status)),
                    Kind = kind == null ? (Domain.FollowUps.FollowUpKind?)null : FollowUpChoices.ToKind(kind),
                });
            });
        }

        private void ReadSurveys()
        {
            var query = Query(SurveyResponseTable.LogicalName, SurveyResponseTable.PrimaryId, SurveyResponseTable.JourneyId, SurveyResponseTable.RespondedOn, SurveyResponseTable.Score);
            query.Criteria.AddCondition(SurveyResponseTable.RespondedOn, ConditionOperator.NotNull);
            InRange(query, SurveyResponseTable.RespondedOn, filter.From, filter.To);
            ReadAll(query, row => log.Surveys.Add(new SurveyRecord
            {
                Id = row.Id,
                JourneyId = Id(row, SurveyResponseTable.JourneyId),
                RespondedOn = Instant(row, SurveyResponseTable.RespondedOn)!.Value,
                Score = row.Contains(SurveyResponseTable.Score) ? row.GetAttributeValue<int>(SurveyResponseTable.Score) : (int?)null,
            }));
        }

        private void ReadTouchpoints()
        {
            var query = Query(TouchpointTable.LogicalName, TouchpointTable.PrimaryId,
                TouchpointTable.JourneyId, TouchpointTable.StageId, TouchpointTable.OccurredOn, TouchpointTable.Channel, TouchpointTable.Direction,
                TouchpointTable.Sentiment, TouchpointTable.IsPainPoint, TouchpointTable.PainPointCategory);
            query.Criteria.AddCondition(TouchpointTable.OccurredOn, ConditionOperator.NotNull);
            InRange(query, TouchpointTable.OccurredOn, filter.From, filter.To);
            ReadAll(query, row => log.Touchpoints.Add(new TouchpointRecord
            {
                Id = row.Id,
                JourneyId = Id(row, TouchpointTable.JourneyId),
                StageId = Id(row, TouchpointTable.StageId),
                OccurredOn = Instant(row, TouchpointTable.OccurredOn)!.Value,
                Channel = AnalyticsChoices.ToChannel(row.GetAttributeValue<OptionSetValue>(TouchpointTable.Channel)),
                Direction = AnalyticsChoices.ToDirection(row.GetAttributeValue<OptionSetValue>(TouchpointTable.Direction)),
                Sentiment = AnalyticsChoices.ToSentiment(row.GetAttributeValue<OptionSetValue>(TouchpointTable.Sentiment)),
                IsPainPoint = row.GetAttributeValue<bool>(TouchpointTable.IsPainPoint),
                PainPointCategory = AnalyticsChoices.ToPainPointCategory(row.GetAttributeValue<OptionSetValue>(TouchpointTable.PainPointCategory)),
            }));
        }

        /// <summary>A query of the named columns, ordered by the primary key as paging with a cookie expects.</summary>
        private static QueryExpression Query(string table, string primaryId, params string[] columns)
        {
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(columns) };
            query.AddOrder(primaryId, OrderType.Ascending);
            return query;
        }

        private static void InRange(QueryExpression query, string column, DateTime? from, DateTime? to)
        {
            if (from.HasValue) query.Criteria.AddCondition(column, ConditionOperator.GreaterEqual, from.Value);
            if (to.HasValue) query.Criteria.AddCondition(column, ConditionOperator.LessThan, to.Value);
        }

        private void ReadAll(QueryExpression query, Action<Entity> read)
        {
            query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                Queries++;
                RowsRead += page.Entities.Count;
                if (RowsRead > maxRows) throw new BusinessRuleViolation(JourneyMetricsLimits.TooMany(RowsRefused, maxRows));
                foreach (var row in page.Entities) read(row);
                if (!page.MoreRecords) return;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        private static DateTime? Instant(Entity row, string column) =>
            row.Contains(column) && row[column] is DateTime value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : (DateTime?)null;

        private static Guid? Id(Entity row, string column) => row.GetAttributeValue<EntityReference>(column)?.Id;
    }
}
