using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.LogicalNames;

namespace PatientJourney.Crm.Domain
{
    /// <summary>One column the solution computes, and the table whose change computes it.</summary>
    public sealed class ComputedColumn
    {
        public ComputedColumn(string table, string column, string computedFrom, bool setOnOwnWrite)
        {
            Table = table;
            Column = column;
            ComputedFrom = computedFrom;
            SetOnOwnWrite = setOnOwnWrite;
        }

        public string Table { get; }

        public string Column { get; }

        /// <summary>
        /// What sets the column: the row's own table when the row's own step sets it on the same write (stage dates,
        /// referral timestamps, scores); otherwise the table (or custom API) whose operation writes it afterwards
        /// (counters from appointments and touchpoints, the latest risk from risk assessments, the SLA breach flag from
        /// the scheduled SLA action; a breach found at acceptance is set by the referral's own step).
        /// </summary>
        public string ComputedFrom { get; }

        /// <summary>Whether the row's own step sets it on the same write, rather than a later write of the solution.</summary>
        public bool SetOnOwnWrite { get; }
    }

    /// <summary>
    /// Every column the solution maintains, in one list. A caller's value for any of them is ignored and the
    /// solution's kept, whoever the caller is (form, SDK, Web API, import): columns set on the row's own write are
    /// dropped from the caller's write by the step that then sets them; columns written later by a step on another
    /// table are kept only from a write made inside an operation on that table (the solution's own update).
    /// </summary>
    public static class ComputedColumns
    {
        public static readonly IReadOnlyList<ComputedColumn> All = new[]
        {
            Own(JourneyTable.LogicalName, JourneyTable.StageEnteredOn),
            Own(JourneyTable.LogicalName, JourneyTable.StageDueOn),
            Own(JourneyTable.LogicalName, JourneyTable.CompletedOn),
            Later(JourneyTable.LogicalName, JourneyTable.DischargedOn, JourneyTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.LatestRiskScore, RiskAssessmentTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.LatestRiskBand, RiskAssessmentTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.LastTouchpointOn, TouchpointTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.TouchpointCount, TouchpointTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.SurveyCount, SurveyResponseTable.LogicalName),
            Later(JourneyTable.LogicalName, JourneyTable.LatestSurveyScore, SurveyResponseTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.AppointmentCount, AppointmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.NoShowCount, AppointmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.NoShowRate, AppointmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.NoShowRiskEstimate, AppointmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.NoShowRiskBand, AppointmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.LatestReadmissionRiskScore, RiskAssessmentTable.LogicalName),
            Later(ContactTable.LogicalName, ContactTable.LatestReadmissionRiskBand, RiskAssessmentTable.LogicalName),
            Own(ReferralTable.LogicalName, ReferralTable.SubmittedOn),
            Own(ReferralTable.LogicalName, ReferralTable.AcceptedOn),
            Own(ReferralTable.LogicalName, ReferralTable.ScheduledOn),
            Own(ReferralTable.LogicalName, ReferralTable.CompletedOn),
            Own(ReferralTable.LogicalName, ReferralTable.FirstResponseOn),
            Own(ReferralTable.LogicalName, ReferralTable.SlaDueOn),
            Later(ReferralTable.LogicalName, ReferralTable.SlaBreached, CustomApis.EvaluateReferralSlas.MessageName),
            Later(ReferralTable.LogicalName, ReferralTable.BreachReason, CustomApis.EvaluateReferralSlas.MessageName),
            Own(SurveyResponseTable.LogicalName, SurveyResponseTable.Category),
            Own(RiskAssessmentTable.LogicalName, RiskAssessmentTable.Score),
            Own(RiskAssessmentTable.LogicalName, RiskAssessmentTable.Band),
            // Which occurrence of a recurring rule a follow-up is: written when the follow-up engine creates it, from
            // whichever operation plans follow-ups (a booking, a stage change, a custom API, the previous occurrence).
            Later(FollowUpTable.LogicalName, FollowUpTable.Occurrence, AnyOperationOfTheSolution),
        };

        /// <summary>
        /// The <see cref="ComputedColumn.ComputedFrom"/> of a column any step of the solution may write: a caller's value
        /// is kept only from a write nested in another operation (a step's own write), never from a top-level request.
        /// </summary>
        public const string AnyOperationOfTheSolution = "*";

        /// <summary>The columns of a table that its own step sets on the same write (dropped from the caller's values first).</summary>
        public static string[] SetOnOwnWrite(string table) =>
            All.Where(c => c.SetOnOwnWrite && c.Table == table).Select(c => c.Column).ToArray();

        /// <summary>The columns of a table written later by the solution's steps (the filtering attributes of the guard).</summary>
        public static string[] WrittenLater(string table) =>
            All.Where(c => !c.SetOnOwnWrite && c.Table == table).Select(c => c.Column).ToArray();

        /// <summary>
        /// Of the columns a write to <paramref name="table"/> carries, those written later by the solution that this
        /// write may not set: all of them, except the ones computed from an operation the write is nested in (the tables
        /// and messages of the operations that led to it).
        /// </summary>
        public static string[] CallerValuesToIgnore(string table, IEnumerable<string> written, IEnumerable<string> nestedIn)
        {
            var within = new HashSet<string>(nestedIn, StringComparer.OrdinalIgnoreCase);
            var columns = new HashSet<string>(written, StringComparer.OrdinalIgnoreCase);
            return All.Where(c => !c.SetOnOwnWrite && c.Table == table && columns.Contains(c.Column)
                    && !(c.ComputedFrom == AnyOperationOfTheSolution ? within.Count > 0 : within.Contains(c.ComputedFrom)))
                .Select(c => c.Column).ToArray();
        }

        private static ComputedColumn Own(string table, string column) => new ComputedColumn(table, column, table, setOnOwnWrite: true);

        private static ComputedColumn Later(string table, string column, string from) => new ComputedColumn(table, column, from, setOnOwnWrite: false);
    }
}
