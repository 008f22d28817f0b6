using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>
    /// Columns the solution computes (stage entered and due, lifecycle timestamps, scores and categories) are not
    /// the caller's to write: a value a caller sends is ignored and the solution's own is kept (the form shows them
    /// read-only; this holds for every other caller too). Each step that computes such columns drops the caller's
    /// values before it sets its own, in the same PreOperation write.
    /// </summary>
    internal static class MaintainedColumns
    {
        public static void DropCallerValues(LocalPluginContext context, Entity target, params string[] columns)
        {
            var dropped = new List<string>();
            foreach (var column in columns.Where(target.Contains))
            {
                target.Attributes.Remove(column);
                dropped.Add(column);
            }
            if (dropped.Count > 0) context.Trace("Ignored caller values for {0} (maintained by the solution)", string.Join(", ", dropped));
        }
    }
}
