using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Store;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>
/// The rows a query's root filter can let through, from the store's indexes; null to scan the table. The filter still
/// runs on the rows returned, so the answer only has to hold every match:
/// - an And: the rows its Equal and In conditions on the root table reach through an index
///   (<see cref="DataStore.TryCandidateRows"/>), else those of the first nested filter that reaches one;
/// - an Or: the union of what each of its conditions and nested filters reaches, when every one of them reaches an
///   index (one branch that needs a scan makes the whole Or scan).
/// Rows come in the order a scan meets them, so results do not depend on whether an index answered.
/// </summary>
internal static class IndexedCandidates
{
    public static IEnumerable<Entity>? Of(DataStore store, string table, FilterExpression? filter)
    {
        if (filter == null) return null;
        if (filter.FilterOperator == LogicalOperator.And)
        {
            var indexable = filter.Conditions.Where(c => Indexable(c, table)).Select(Probe).ToList();
            return (indexable.Count > 0 ? store.TryCandidateRows(table, indexable) : null)
                ?? filter.Filters.Select(f => Of(store, table, f)).FirstOrDefault(rows => rows != null);
        }
        var parts = new List<IEnumerable<Entity>>();
        foreach (var condition in filter.Conditions)
        {
            if (!Indexable(condition, table) || store.TryCandidateRows(table, [Probe(condition)]) is not { } rows) return null;
            parts.Add(rows);
        }
        foreach (var nested in filter.Filters)
        {
            if (Of(store, table, nested) is not { } rows) return null;
            parts.Add(rows);
        }
        return parts.Count == 0 ? null : store.Union(table, parts);
    }

    private static bool Indexable(ConditionExpression condition, string table) =>
        (string.IsNullOrEmpty(condition.EntityName) || condition.EntityName == table) && !condition.CompareColumns
        && condition.Operator is ConditionOperator.Equal or ConditionOperator.In;

    private static (string, IReadOnlyCollection<object?>) Probe(ConditionExpression condition) => (condition.AttributeName, condition.Values);
}
