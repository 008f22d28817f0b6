using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Plugins.Infrastructure;

namespace PatientJourney.Crm.Plugins.Configuration
{
    /// <summary>
    /// Reads environment variables in one query: each definition's current value, or its default when no value is set.
    /// Runs as SYSTEM, since configuration is not the calling user's data.
    /// </summary>
    internal static class EnvironmentVariableReader
    {
        private const string Definition = "environmentvariabledefinition";
        private const string Value = "environmentvariablevalue";
        private const string ValueAlias = "current";

        public static IReadOnlyDictionary<string, string?> Read(IOrganizationService systemService, params string[] schemaNames)
        {
            var query = new QueryExpression(Definition) { ColumnSet = new ColumnSet("schemaname", "defaultvalue") };
            query.Criteria.AddCondition("schemaname", ConditionOperator.In, schemaNames.Cast<object>().ToArray());
            var values = query.AddLink(Value, "environmentvariabledefinitionid", "environmentvariabledefinitionid", JoinOperator.LeftOuter);
            values.EntityAlias = ValueAlias;
            values.Columns = new ColumnSet("value");

            var result = schemaNames.ToDictionary(n => n, n => (string?)null);
            foreach (var row in systemService.RetrieveMultiple(query).Entities)
            {
                var name = row.Get<string>("schemaname");
                var current = row.Contains(ValueAlias + ".value") ? (row[ValueAlias + ".value"] as AliasedValue)?.Value as string : null;
                result[name] = current ?? row.Get<string>("defaultvalue");
            }
            return result;
        }
    }
}
