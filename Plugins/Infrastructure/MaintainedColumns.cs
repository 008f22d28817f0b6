using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Registration;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>
    /// Columns the solution computes (listed once, in <see cref="ComputedColumns"/>) are not the caller's to write: a
    /// value a caller sends is ignored and the solution's own is kept (the form shows them read-only; this holds for
    /// every other caller too). Each step that computes such columns on the row's own write drops the caller's values
    /// before it sets its own, in the same PreOperation write.
    /// </summary>
    internal static class MaintainedColumns
    {
        /// <summary>
        /// Drops a caller's values for the row's computed columns: those the row's own step sets on this write, and
        /// those written later by the solution unless this write is made inside the operation they are computed from.
        /// </summary>
        public static void DropCallerValues(LocalPluginContext context, Entity target)
        {
            var ignored = ComputedColumns.SetOnOwnWrite(target.LogicalName)
                .Concat(ComputedColumns.CallerValuesToIgnore(target.LogicalName, target.Attributes.Keys, NestedIn(context.ExecutionContext)))
                .Where(target.Contains).Distinct().ToList();
            foreach (var column in ignored) target.Attributes.Remove(column);
            if (ignored.Count > 0) context.Trace("Ignored caller values for {0} (maintained by the solution)", string.Join(", ", ignored));
        }

        // The tables and messages of the operations this write was made inside, innermost first. PreValidation contexts
        // are skipped: no step of the solution writes from PreValidation, and a request's own PreValidation context is
        // the parent of its later stages.
        private static IEnumerable<string> NestedIn(IPluginExecutionContext context)
        {
            for (var parent = context.ParentContext; parent != null; parent = parent.ParentContext)
            {
                if (parent.Stage == (int)PipelineStage.PreValidation) continue;
                yield return parent.PrimaryEntityName;
                yield return parent.MessageName;
            }
        }
    }

    /// <summary>
    /// Counters, the latest risk, the discharge time and a follow-up's occurrence are written by the solution's steps on other rows
    /// (appointments, touchpoints, survey responses, risk assessments, the journey's own stage change) after the event
    /// that changes them (a new journey's are dropped by the journey's own Create step). A write that carries them is kept only when it is made inside an operation on the table they
    /// are computed from — the solution's own update, reached through the pipeline's parent contexts
    /// (https://learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.ipluginexecutioncontext.parentcontext); any other
    /// caller's value is dropped and the solution's kept. No service calls.
    /// </summary>
    [PluginStep("Create", ContactTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", ContactTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = ContactTable.AppointmentCount + "," + ContactTable.NoShowCount + "," + ContactTable.NoShowRate + "," + ContactTable.NoShowRiskEstimate + ","
            + ContactTable.NoShowRiskBand + "," + ContactTable.LatestReadmissionRiskScore + "," + ContactTable.LatestReadmissionRiskBand)]
    [PluginStep("Update", JourneyTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous,
        FilteringAttributes = JourneyTable.DischargedOn + "," + JourneyTable.LatestRiskScore + "," + JourneyTable.LatestRiskBand + "," + JourneyTable.LastTouchpointOn + ","
            + JourneyTable.TouchpointCount + "," + JourneyTable.SurveyCount + "," + JourneyTable.LatestSurveyScore)]
    [PluginStep("Create", FollowUpTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous)]
    [PluginStep("Update", FollowUpTable.LogicalName, PipelineStage.PreOperation, ExecutionMode.Synchronous, FilteringAttributes = FollowUpTable.Occurrence)]
    public sealed class MaintainedColumnsKept : PluginBase
    {
        protected override void Execute(LocalPluginContext context) => MaintainedColumns.DropCallerValues(context, context.Target);
    }
}
