using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>Lookups of rows named in a request, with a clear error when the row is not there.</summary>
    internal static class Records
    {
        /// <summary>
        /// The row with the requested columns; a missing row (or one the user cannot see) is refused by name of its kind.
        /// For tables whose id column is the table name + "id" (custom tables, contact), not activities.
        /// </summary>
        public static Entity EnsureExists(IOrganizationService service, EntityReference reference, string kind, params string[] columns)
        {
            var query = new QueryExpression(reference.LogicalName) { ColumnSet = new ColumnSet(columns), TopCount = 1 };
            query.Criteria.AddCondition(reference.LogicalName + "id", ConditionOperator.Equal, reference.Id);
            var rows = service.RetrieveMultiple(query).Entities;
            if (rows.Count == 0) throw new BusinessRuleViolation($"The {kind} does not exist or you do not have access to it; choose another {kind}.");
            return rows[0];
        }
    }
}
