using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>A root row with the rows its link entities joined (null where an outer join found nothing).</summary>
internal sealed class JoinedRow(Entity root, Entity?[] linked)
{
    public Entity Root { get; } = root;
    public Entity?[] Linked { get; } = linked;

    public Entity? At(int index) => index < 0 ? Root : Linked[index];
}

/// <summary>One link entity, flattened: its alias, the link it hangs from and its table.</summary>
internal sealed record LinkPlan(LinkEntity Link, string Alias, int Parent, TableMetadata Table);

/// <summary>
/// Evaluates QueryExpression (and QueryByAttribute, and FetchXML once translated) over the store: joins through hash
/// indexes on the link-to column, compiled filters, stable ordering, distinct, top count and paging with cookie.
/// Rows the caller may not read are left out, on the root table and in every link entity, as Dataverse does.
/// </summary>
internal sealed class QueryEngine(MetadataRegistry metadata, DataStore store, AccessChecker security, FormattedValues formatting)
{
    /// <summary>Dataverse's page size when the query names none.</summary>
    public const int DefaultPageSize = 5000;

    public EntityCollection Execute(QueryExpression query, QueryCaller caller)
    {
        var pageSize = query.PageInfo?.Count > 0 ? query.PageInfo.Count : DefaultPageSize;
        if (query.TopCount != null && query.PageInfo?.Count > 0)
        {
            throw DataverseFaultException.InvalidArgument("The TopCount and PageInfo properties of a query cannot both be set.");
        }
        // "You can't use the QueryExpression.TopCount property together with ReturnTotalRecordCount"
        // (https://learn.microsoft.com/power-apps/developer/data-platform/org-service/queryexpression/count-rows; fetchxml/count-rows alike).
        if (query.TopCount != null && query.PageInfo?.ReturnTotalRecordCount == true)
        {
            throw DataverseFaultException.InvalidArgument("A query's TopCount (fetch top) cannot be used together with ReturnTotalRecordCount (returntotalrecordcount).");
        }
        // The fetch element's top "can't exceed 5,000" (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/fetch).
        if (query.TopCount is < 0 or > DefaultPageSize)
        {
            throw DataverseFaultException.InvalidArgument($"The TopCount of a query must be between 0 and {DefaultPageSize}; it was {query.TopCount}.");
        }
        var (table, plans, rows) = Select(query, caller);
        var ordered = Order(query, table, plans, rows);
        // Distinct compares projected values, so it projects every row; otherwise only the returned page is projected.
        var matches = query.Distinct
            ? ordered.Select(r => Project(query, table, plans, r)).Distinct(new EntityValueComparer()).Select(e => (Row: (JoinedRow?)null, Entity: (Entity?)e)).ToList()
            : ordered.Select(r => (Row: (JoinedRow?)r, Entity: (Entity?)null)).ToList();
        var page = Math.Max(1, query.PageInfo?.PageNumber ?? 1);
        var slice = query.TopCount is { } top ? matches.Take(top) : matches.Skip((page - 1) * pageSize).Take(pageSize);
        var result = new EntityCollection
        {
            EntityName = table.LogicalName,
            // "The total number of records up to 5000", with TotalRecordCountLimitExceeded beyond
            // (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/count-rows).
            TotalRecordCount = query.PageInfo?.ReturnTotalRecordCount == true ? Math.Min(matches.Count, DefaultPageSize) : -1,
            TotalRecordCountLimitExceeded = query.PageInfo?.ReturnTotalRecordCount == true && matches.Count > DefaultPageSize,
            MoreRecords = query.TopCount == null && matches.Count > page * pageSize,
        };
        result.Entities.AddRange(slice.Select(m => m.Entity ?? Project(query, table, plans, m.Row!)));
        if (query.TopCount == null && result.Entities.Count > 0)
        {
            result.PagingCookie = string.Format(CultureInfo.InvariantCulture, "<cookie page=\"{0}\"><{1} last=\"{2:B}\" first=\"{3:B}\" /></cookie>",
                page, table.PrimaryIdColumn, result.Entities[^1].Id, result.Entities[0].Id);
        }
        return result;
    }

    /// <summary>The joined, filtered rows of a query, before ordering and projection (aggregates start here).</summary>
    public (TableMetadata Table, IReadOnlyList<LinkPlan> Plans, IEnumerable<JoinedRow> Rows) Select(QueryExpression query, QueryCaller caller)
    {
        var table = metadata.Table(query.EntityName);
        var plans = new List<LinkPlan>();
        Flatten(query.LinkEntities, -1, table, plans, new Dictionary<string, int>(StringComparer.Ordinal));
        Check(table, query.ColumnSet);
        var principal = security.PrincipalOf(caller.UserId);
        security.Demand(principal, table, PrivilegeAccess.Read, null);
        bool Readable(TableMetadata t, Entity r) => security.Allows(principal, t, PrivilegeAccess.Read, r);
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (plan, index) in plans.Select((p, i) => (p, i)))
        {
            // SQL Server, under Dataverse, refuses a query whose joins share an alias.
            if (!aliases.TryAdd(plan.Alias, index)) throw DataverseFaultException.InvalidArgument($"Table alias {plan.Alias} is not unique amongst all top-level table and join aliases. Give each link-entity its own alias.");
        }
        var filter = query.Criteria == null ? null : CompileFilter(query.Criteria, -1, table, plans, aliases, table, caller);
        // A filter on the root table alone runs before the joins (and before any allocation), so joins only see qualifying rows.
        var rootOnly = query.Criteria == null || !NamesAlias(query.Criteria, table.LogicalName);
        var candidates = IndexedCandidates.Of(store, table.LogicalName, query.Criteria) ?? store.All(table.LogicalName);
        var source = filter != null && rootOnly ? candidates.Where(r => filter(r, [])) : candidates;
        var rows = source.Where(r => Readable(table, r)).Select(r => new JoinedRow(r, plans.Count == 0 ? [] : new Entity?[plans.Count]));
        for (var i = 0; i < plans.Count; i++) rows = Join(rows, i, plans, caller, Readable);
        if (filter != null && !rootOnly) rows = rows.Where(r => filter(r.Root, r.Linked));
        return (table, plans, rows);
    }

    private static bool NamesAlias(FilterExpression filter, string rootTable) =>
        filter.Conditions.Any(c => !string.IsNullOrEmpty(c.EntityName) && c.EntityName != rootTable) || filter.Filters.Any(f => NamesAlias(f, rootTable));

    /// <summary>
    /// Link entities that filter the parent rows without joining their own (no columns, one result row per parent):
    /// "in" and "exists" (variants of inner), "any", "not any", "all" and "not all"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/link-entity#link-type-options,
    /// https://learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.query.joinoperator).
    /// </summary>
    private static bool IsSemiJoin(JoinOperator join) =>
        join is JoinOperator.In or JoinOperator.Exists or JoinOperator.Any or JoinOperator.NotAny or JoinOperator.All or JoinOperator.NotAll;

    private void Flatten(IEnumerable<LinkEntity> links, int parent, TableMetadata parentTable, List<LinkPlan> plans, Dictionary<string, int> perTable)
    {
        foreach (var link in links)
        {
            var table = metadata.Table(link.LinkToEntityName);
            if (!parentTable.HasColumn(link.LinkFromAttributeName)) throw DataverseFaultException.NoAttribute(parentTable.LogicalName, link.LinkFromAttributeName);
            if (!table.HasColumn(link.LinkToAttributeName)) throw DataverseFaultException.NoAttribute(table.LogicalName, link.LinkToAttributeName);
            Check(table, link.Columns);
            if (link.JoinOperator == JoinOperator.Natural)
            {
                throw DataverseFaultException.InvalidArgument($"The link entity join operator {link.JoinOperator} is not supported by the emulator.");
            }
            if (IsSemiJoin(link.JoinOperator) && link.LinkEntities.Count > 0)
            {
                throw DataverseFaultException.InvalidArgument($"A link entity nested in a {link.JoinOperator} link entity is not supported by the emulator.");
            }
            // An alias left unset is the table's name numbered per table in the order the links appear (contact1, contact2,
            // pj_journey1). Not confirmed against a real organisation: see the emulator README's open questions.
            perTable[table.LogicalName] = perTable.GetValueOrDefault(table.LogicalName) + 1;
            var alias = string.IsNullOrEmpty(link.EntityAlias) ? table.LogicalName + perTable[table.LogicalName].ToString(CultureInfo.InvariantCulture) : link.EntityAlias;
            plans.Add(new LinkPlan(link, alias, parent, table));
            Flatten(link.LinkEntities, plans.Count - 1, table, plans, perTable);
        }
    }

    private static void Check(TableMetadata table, ColumnSet? columns)
    {
        if (columns == null || columns.AllColumns) return;
        foreach (var column in columns.Columns.Where(c => !table.HasColumn(c))) throw DataverseFaultException.NoAttribute(table.LogicalName, column);
    }

    private IEnumerable<JoinedRow> Join(IEnumerable<JoinedRow> rows, int index, List<LinkPlan> plans, QueryCaller caller, Func<TableMetadata, Entity, bool> readable)
    {
        var plan = plans[index];
        var link = plan.Link;
        var criteria = link.LinkCriteria == null || (link.LinkCriteria.Conditions.Count == 0 && link.LinkCriteria.Filters.Count == 0)
            ? null
            : CompileFilter(link.LinkCriteria, index, plan.Table, plans, new Dictionary<string, int>(), plan.Table, caller);
        ILookup<object?, Entity> Index(bool filtered) => store.All(plan.Table.LogicalName)
            .Where(r => !filtered || criteria == null || criteria(r, Single(index, plans.Count, r)))
            .Where(r => readable(plan.Table, r))
            .Where(r => r.Contains(link.LinkToAttributeName))
            .ToLookup(r => Values.Underlying(r[link.LinkToAttributeName]), Values.Comparer);
        var matching = new Lazy<ILookup<object?, Entity>>(() => Index(filtered: true));
        var related = new Lazy<ILookup<object?, Entity>>(() => Index(filtered: false));
        // A link to a primary key or an indexed column finds each parent's rows through the store's index, so the cost
        // follows the rows joined, not the size of the linked table; other links group the linked table once.
        IEnumerable<Entity> Related(object key, bool filtered)
        {
            var candidates = store.TryCandidateRows(plan.Table.LogicalName, [(link.LinkToAttributeName, new[] { key })]);
            if (candidates == null) return (filtered ? matching : related).Value[key];
            return candidates
                .Where(r => r.Attributes.TryGetValue(link.LinkToAttributeName, out var v) && Values.Comparer.Equals(Values.Underlying(v), key))
                .Where(r => !filtered || criteria == null || criteria(r, Single(index, plans.Count, r)))
                .Where(r => readable(plan.Table, r))
                .ToList();
        }
        var join = link.JoinOperator;
        foreach (var row in rows)
        {
            var parent = row.At(plan.Parent);
            var key = parent != null && parent.Attributes.TryGetValue(link.LinkFromAttributeName, out var value) ? Values.Underlying(value) : null;
            var matches = key == null ? [] : Related(key, filtered: true);
            switch (join)
            {
                case JoinOperator.In or JoinOperator.Exists or JoinOperator.Any or JoinOperator.NotAll:
                    // "not all" returns the same rows as "any", despite its name (link-entity reference, link-type options).
                    if (matches.Any()) yield return row;
                    continue;
                case JoinOperator.NotAny:
                    if (!matches.Any()) yield return row;
                    continue;
                case JoinOperator.All:
                    // Related rows exist and none of them meets the link's filter.
                    if (key != null && Related(key, filtered: false).Any() && !matches.Any()) yield return row;
                    continue;
            }
            var any = false;
            foreach (var match in join == JoinOperator.MatchFirstRowUsingCrossApply ? matches.Take(1) : matches)
            {
                any = true;
                var linked = (Entity?[])row.Linked.Clone();
                linked[index] = match;
                yield return new JoinedRow(row.Root, linked);
            }
            if (!any && join == JoinOperator.LeftOuter) yield return row;
        }
    }

    // Linked rows holding only one entity, for evaluating that link's own criteria before the join.
    private static Entity?[] Single(int index, int count, Entity row)
    {
        var linked = new Entity?[count];
        linked[index] = row;
        return linked;
    }

    /// <summary>A filter over a root row and its linked rows (index -1 is the root).</summary>
    private static Func<Entity, Entity?[], bool> CompileFilter(FilterExpression filter, int scope, TableMetadata scopeTable, List<LinkPlan> plans, Dictionary<string, int> aliases,
        TableMetadata rootTable, QueryCaller caller)
    {
        var parts = new List<Func<Entity, Entity?[], bool>>();
        foreach (var condition in filter.Conditions)
        {
            var index = scope;
            var table = scopeTable;
            if (!string.IsNullOrEmpty(condition.EntityName))
            {
                // A condition may name a link entity by its alias, or the query's own table by its logical name.
                if (aliases.TryGetValue(condition.EntityName, out index)) table = plans[index].Table;
                else if (condition.EntityName == rootTable.LogicalName) (index, table) = (-1, rootTable);
                else throw DataverseFaultException.InvalidArgument($"No link entity with alias '{condition.EntityName}' in the query.");
            }
            var column = table.Column(condition.AttributeName) ?? throw DataverseFaultException.NoAttribute(table.LogicalName, condition.AttributeName);
            var attribute = condition.AttributeName;
            var at = index;
            if (condition.CompareColumns)
            {
                var compare = ColumnComparison(condition, table, column);
                var other = (string)condition.Values[0];
                parts.Add((root, linked) => (at < 0 ? root : linked[at]) is { } e && compare(e.Attributes.TryGetValue(attribute, out var v) ? v : null, e.Attributes.TryGetValue(other, out var w) ? w : null));
                continue;
            }
            var test = ConditionEvaluator.Compile(table.LogicalName, condition, column, caller);
            parts.Add((root, linked) => test((at < 0 ? root : linked[at]) is { } e && e.Attributes.TryGetValue(attribute, out var v) ? v : null));
        }
        parts.AddRange(filter.Filters.Select(f => CompileFilter(f, scope, scopeTable, plans, aliases, rootTable, caller)));
        if (parts.Count == 0) return (_, _) => true;
        var array = parts.ToArray();
        return filter.FilterOperator == LogicalOperator.Or ? (root, linked) => AnyTrue(array, root, linked) : (root, linked) => AllTrue(array, root, linked);
    }

    /// <summary>
    /// A condition comparing two columns of the same row (CompareColumns, FetchXML valueof): Dataverse allows the six
    /// comparison operators between two columns of one table and of the same type
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/column-comparison). A null on either side matches nothing, as in SQL.
    /// </summary>
    private static Func<object?, object?, bool> ColumnComparison(ConditionExpression condition, TableMetadata table, ColumnDefinition column)
    {
        if (condition.Values.Count != 1 || condition.Values[0] is not string otherName)
        {
            throw DataverseFaultException.InvalidArgument($"A column comparison on '{condition.AttributeName}' needs exactly one value: the name of the other column.");
        }
        var other = table.Column(otherName) ?? throw DataverseFaultException.NoAttribute(table.LogicalName, otherName);
        if (other.Type != column.Type)
        {
            throw DataverseFaultException.InvalidArgument($"The columns '{column.LogicalName}' and '{other.LogicalName}' of {table.LogicalName} cannot be compared: they are of different types.");
        }
        Func<int, bool> outcome = condition.Operator switch
        {
            ConditionOperator.Equal => c => c == 0,
            ConditionOperator.NotEqual => c => c != 0,
            ConditionOperator.GreaterThan => c => c > 0,
            ConditionOperator.GreaterEqual => c => c >= 0,
            ConditionOperator.LessThan => c => c < 0,
            ConditionOperator.LessEqual => c => c <= 0,
            _ => throw DataverseFaultException.InvalidArgument(
                $"The condition operator {condition.Operator} cannot compare columns; column comparison supports Equal, NotEqual, GreaterThan, GreaterEqual, LessThan and LessEqual."),
        };
        return (left, right) => left != null && right != null && outcome(Values.Compare(left, right));
    }

    private static bool AnyTrue(Func<Entity, Entity?[], bool>[] parts, Entity root, Entity?[] linked)
    {
        foreach (var part in parts) if (part(root, linked)) return true;
        return false;
    }

    private static bool AllTrue(Func<Entity, Entity?[], bool>[] parts, Entity root, Entity?[] linked)
    {
        foreach (var part in parts) if (!part(root, linked)) return false;
        return true;
    }

    /// <summary>
    /// Orders as Dataverse does: a lookup by the referenced row's primary name and a choice by its label, not by id or
    /// number (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/order-rows).
    /// </summary>
    private IEnumerable<JoinedRow> Order(QueryExpression query, TableMetadata table, IReadOnlyList<LinkPlan> plans, IEnumerable<JoinedRow> rows)
    {
        var keys = query.Orders.Select(o => (Index: IndexOf(o, plans), o.AttributeName, o.OrderType))
            .Concat(plans.SelectMany((p, i) => p.Link.Orders.Select(o => (Index: i, o.AttributeName, o.OrderType))))
            .ToList();
        if (keys.Count == 0) return rows;
        IOrderedEnumerable<JoinedRow>? ordered = null;
        var comparer = Comparer<object?>.Create(Values.Compare);
        foreach (var (index, attribute, type) in keys)
        {
            var owner = index < 0 ? table : plans[index].Table;
            if (!owner.HasColumn(attribute)) throw DataverseFaultException.NoAttribute(owner.LogicalName, attribute ?? "");
            object? Key(JoinedRow r) => r.At(index) is { } e && e.Attributes.TryGetValue(attribute, out var v) ? SortValue(owner, attribute, v) : null;
            ordered = ordered == null
                ? type == OrderType.Ascending ? rows.OrderBy(Key, comparer) : rows.OrderByDescending(Key, comparer)
                : type == OrderType.Ascending ? ordered.ThenBy(Key, comparer) : ordered.ThenByDescending(Key, comparer);
        }
        return ordered!;
    }

    private object? SortValue(TableMetadata table, string attribute, object? value) => value switch
    {
        EntityReference reference => formatting.NameOf(reference),
        OptionSetValue option => FormattedValues.Label(table, attribute, option.Value),
        _ => value,
    };

    private static int IndexOf(OrderExpression order, IReadOnlyList<LinkPlan> plans)
    {
        var alias = string.IsNullOrEmpty(order.EntityName) ? order.Alias : order.EntityName;
        if (string.IsNullOrEmpty(alias)) return -1;
        for (var i = 0; i < plans.Count; i++) if (plans[i].Alias == alias) return i;
        return -1;
    }

    private static Entity Project(QueryExpression query, TableMetadata table, IReadOnlyList<LinkPlan> plans, JoinedRow row)
    {
        var columns = query.ColumnSet;
        var entity = columns == null || columns.AllColumns
            ? Values.Copy(row.Root)
            : Values.Copy(row.Root, name => (name == table.PrimaryIdColumn && !query.Distinct) || columns.Columns.Contains(name));
        for (var i = 0; i < plans.Count; i++)
        {
            var linked = row.Linked[i];
            var linkColumns = plans[i].Link.Columns;
            if (linked == null || linkColumns == null) continue;
            foreach (var attribute in linked.Attributes.Where(a => linkColumns.AllColumns || linkColumns.Columns.Contains(a.Key)))
            {
                entity[plans[i].Alias + "." + attribute.Key] = new AliasedValue(plans[i].Table.LogicalName, attribute.Key, Values.Copy(attribute.Value));
            }
        }
        return entity;
    }

    public static QueryExpression FromQueryByAttribute(QueryByAttribute query)
    {
        if (query.Attributes.Count != query.Values.Count) throw DataverseFaultException.InvalidArgument("QueryByAttribute needs one value per attribute.");
        var expression = new QueryExpression(query.EntityName) { ColumnSet = query.ColumnSet ?? new ColumnSet(), PageInfo = query.PageInfo, TopCount = query.TopCount };
        for (var i = 0; i < query.Attributes.Count; i++) expression.Criteria.AddCondition(query.Attributes[i], ConditionOperator.Equal, query.Values[i]);
        foreach (var order in query.Orders) expression.Orders.Add(order);
        return expression;
    }

    /// <summary>Distinct compares the returned columns' values, not row ids.</summary>
    private sealed class EntityValueComparer : IEqualityComparer<Entity>
    {
        public bool Equals(Entity? x, Entity? y) =>
            x != null && y != null && x.Attributes.Count == y.Attributes.Count
            && x.Attributes.All(a => y.Attributes.TryGetValue(a.Key, out var v) && Values.Comparer.Equals(a.Value, v));

        public int GetHashCode(Entity obj) => obj.Attributes.Aggregate(0, (h, a) => HashCode.Combine(h, a.Key, a.Value == null ? 0 : Values.Comparer.GetHashCode(a.Value)));
    }
}
