using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Query;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Fetch;

/// <summary>
/// FetchXML: translated to a QueryExpression (values typed by the columns' metadata) and run by the query engine;
/// aggregate queries group the joined rows and compute count, countcolumn, sum, avg, min and max, with date grouping.
/// </summary>
internal sealed class FetchEngine(MetadataRegistry metadata, QueryEngine queries)
{
    private static readonly Dictionary<string, ConditionOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = ConditionOperator.Equal, ["ne"] = ConditionOperator.NotEqual, ["neq"] = ConditionOperator.NotEqual,
        ["gt"] = ConditionOperator.GreaterThan, ["ge"] = ConditionOperator.GreaterEqual, ["lt"] = ConditionOperator.LessThan, ["le"] = ConditionOperator.LessEqual,
        ["like"] = ConditionOperator.Like, ["not-like"] = ConditionOperator.NotLike, ["in"] = ConditionOperator.In, ["not-in"] = ConditionOperator.NotIn,
        ["between"] = ConditionOperator.Between, ["not-between"] = ConditionOperator.NotBetween, ["null"] = ConditionOperator.Null, ["not-null"] = ConditionOperator.NotNull,
        ["begins-with"] = ConditionOperator.BeginsWith, ["not-begin-with"] = ConditionOperator.DoesNotBeginWith,
        ["ends-with"] = ConditionOperator.EndsWith, ["not-end-with"] = ConditionOperator.DoesNotEndWith,
        ["yesterday"] = ConditionOperator.Yesterday, ["today"] = ConditionOperator.Today, ["tomorrow"] = ConditionOperator.Tomorrow,
        ["last-seven-days"] = ConditionOperator.Last7Days, ["next-seven-days"] = ConditionOperator.Next7Days,
        ["last-week"] = ConditionOperator.LastWeek, ["this-week"] = ConditionOperator.ThisWeek, ["next-week"] = ConditionOperator.NextWeek,
        ["last-month"] = ConditionOperator.LastMonth, ["this-month"] = ConditionOperator.ThisMonth, ["next-month"] = ConditionOperator.NextMonth,
        ["last-year"] = ConditionOperator.LastYear, ["this-year"] = ConditionOperator.ThisYear, ["next-year"] = ConditionOperator.NextYear,
        ["on"] = ConditionOperator.On, ["not-on"] = ConditionOperator.NotOn, ["on-or-before"] = ConditionOperator.OnOrBefore, ["on-or-after"] = ConditionOperator.OnOrAfter,
        ["last-x-hours"] = ConditionOperator.LastXHours, ["next-x-hours"] = ConditionOperator.NextXHours,
        ["last-x-days"] = ConditionOperator.LastXDays, ["next-x-days"] = ConditionOperator.NextXDays,
        ["last-x-weeks"] = ConditionOperator.LastXWeeks, ["next-x-weeks"] = ConditionOperator.NextXWeeks,
        ["last-x-months"] = ConditionOperator.LastXMonths, ["next-x-months"] = ConditionOperator.NextXMonths,
        ["last-x-years"] = ConditionOperator.LastXYears, ["next-x-years"] = ConditionOperator.NextXYears,
        ["olderthan-x-minutes"] = ConditionOperator.OlderThanXMinutes, ["olderthan-x-hours"] = ConditionOperator.OlderThanXHours,
        ["olderthan-x-days"] = ConditionOperator.OlderThanXDays, ["olderthan-x-weeks"] = ConditionOperator.OlderThanXWeeks,
        ["olderthan-x-months"] = ConditionOperator.OlderThanXMonths, ["olderthan-x-years"] = ConditionOperator.OlderThanXYears,
        ["eq-userid"] = ConditionOperator.EqualUserId, ["ne-userid"] = ConditionOperator.NotEqualUserId,
        ["eq-businessid"] = ConditionOperator.EqualBusinessId, ["ne-businessid"] = ConditionOperator.NotEqualBusinessId,
        ["contain-values"] = ConditionOperator.ContainValues, ["not-contain-values"] = ConditionOperator.DoesNotContainValues,
    };

    private static readonly HashSet<ConditionOperator> CountOperators =
    [
        ConditionOperator.LastXHours, ConditionOperator.NextXHours, ConditionOperator.LastXDays, ConditionOperator.NextXDays,
        ConditionOperator.LastXWeeks, ConditionOperator.NextXWeeks, ConditionOperator.LastXMonths, ConditionOperator.NextXMonths,
        ConditionOperator.LastXYears, ConditionOperator.NextXYears, ConditionOperator.OlderThanXMinutes, ConditionOperator.OlderThanXHours,
        ConditionOperator.OlderThanXDays, ConditionOperator.OlderThanXWeeks, ConditionOperator.OlderThanXMonths, ConditionOperator.OlderThanXYears,
    ];

    /// <summary>An attribute of an aggregate query: where it comes from, what it computes, and its alias.</summary>
    private sealed record AggregateColumn(int Index, string Table, string Attribute, string Alias, string? Aggregate, bool GroupBy, string? DateGrouping, bool Distinct);

    public string TableOf(string fetchXml) => Entity(Parse(fetchXml)).Attribute("name")?.Value ?? throw Invalid("The fetch has no entity name.");

    public EntityCollection Execute(string fetchXml, QueryCaller caller)
    {
        var fetch = Parse(fetchXml);
        var entity = Entity(fetch);
        var table = metadata.Table(entity.Attribute("name")?.Value);
        var query = new QueryExpression(table.LogicalName) { ColumnSet = new ColumnSet(), Distinct = Flag(fetch, "distinct") };
        var aggregates = new List<AggregateColumn>();
        var linkCount = 0;
        Fill(entity, table, -1, query.ColumnSet, query.Criteria, query.Orders, query.LinkEntities, ref linkCount, aggregates);
        TypeAliasedConditions(query.Criteria, query.LinkEntities);
        if (!Flag(fetch, "aggregate"))
        {
            if (Int(fetch, "top") is { } top) query.TopCount = top;
            if (Int(fetch, "count") is var count && (count != null || Flag(fetch, "returntotalrecordcount")))
            {
                query.PageInfo = new PagingInfo { Count = count ?? 0, PageNumber = Int(fetch, "page") ?? 1, PagingCookie = fetch.Attribute("paging-cookie")?.Value!, ReturnTotalRecordCount = Flag(fetch, "returntotalrecordcount") };
            }
            return queries.Execute(query, caller);
        }
        return Aggregate(query, aggregates, entity, caller, Int(fetch, "top"), AggregateLimit(fetch));
    }

    /// <summary>
    /// "Queries that return aggregate values are limited to 50,000 records"; aggregatelimit sets a lower limit for one
    /// query and "can't exceed default aggregate limit" (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data#limitations).
    /// </summary>
    public const int DefaultAggregateLimit = 50_000;

    private static int AggregateLimit(XElement fetch)
    {
        var limit = Int(fetch, "aggregatelimit") ?? DefaultAggregateLimit;
        if (limit is < 1 or > DefaultAggregateLimit) throw Invalid($"The aggregatelimit must be between 1 and {DefaultAggregateLimit}; it was {limit}.");
        return limit;
    }

    /// <summary>
    /// Conditions naming a link entity (entityname) are read before the link is known, so their text is typed here, by
    /// the linked table's column, once all links of the fetch have been read.
    /// </summary>
    private void TypeAliasedConditions(FilterExpression filter, IEnumerable<LinkEntity> links)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        void Collect(IEnumerable<LinkEntity> level)
        {
            foreach (var link in level)
            {
                tables.TryAdd(string.IsNullOrEmpty(link.EntityAlias) ? link.LinkToEntityName : link.EntityAlias, link.LinkToEntityName);
                Collect(link.LinkEntities);
            }
        }
        Collect(links);
        void Type(FilterExpression level)
        {
            foreach (var condition in level.Conditions.Where(c => !string.IsNullOrEmpty(c.EntityName) && !c.CompareColumns))
            {
                if (!tables.TryGetValue(condition.EntityName, out var table) || metadata.Find(table)?.Column(condition.AttributeName) is not { } column) continue;
                var typed = condition.Values.Select(v => v is string text ? Typed(text, condition.Operator, column, condition.AttributeName) : v).ToArray();
                condition.Values.Clear();
                foreach (var value in typed) condition.Values.Add(value);
            }
            foreach (var nested in level.Filters) Type(nested);
        }
        Type(filter);
    }

    private static XElement Parse(string fetchXml)
    {
        try
        {
            var root = XElement.Parse(fetchXml);
            return root.Name.LocalName == "fetch" ? root : throw Invalid("The FetchXML root element must be <fetch>.");
        }
        catch (System.Xml.XmlException e)
        {
            throw Invalid("The FetchXML is not well-formed: " + e.Message);
        }
    }

    private static XElement Entity(XElement fetch) => fetch.Element("entity") ?? throw Invalid("The fetch has no <entity> element.");

    private static DataverseFaultException Invalid(string message) => DataverseFaultException.InvalidArgument(message);

    private static bool Flag(XElement element, string name) => element.Attribute(name)?.Value is "true" or "1";

    private static int? Int(XElement element, string name) => element.Attribute(name) is { } a ? int.Parse(a.Value, CultureInfo.InvariantCulture) : null;

    private void Fill(XElement element, TableMetadata table, int index, ColumnSet columns, FilterExpression criteria, ICollection<OrderExpression> orders,
        ICollection<LinkEntity> links, ref int linkCount, List<AggregateColumn> aggregates)
    {
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "all-attributes":
                    columns.AllColumns = true;
                    break;
                case "attribute":
                    var name = child.Attribute("name")?.Value ?? throw Invalid("An <attribute> has no name.");
                    if (!table.HasColumn(name)) throw DataverseFaultException.NoAttribute(table.LogicalName, name);
                    columns.AddColumn(name);
                    var aggregate = child.Attribute("aggregate")?.Value;
                    if (aggregate is not (null or "count" or "countcolumn" or "sum" or "avg" or "min" or "max"))
                    {
                        throw Invalid($"The aggregate '{aggregate}' on '{name}' is not supported by the emulator.");
                    }
                    if (aggregate != null || Flag(child, "groupby"))
                    {
                        aggregates.Add(new AggregateColumn(index, table.LogicalName, name, child.Attribute("alias")?.Value ?? name, aggregate, Flag(child, "groupby"),
                            child.Attribute("dategrouping")?.Value, Flag(child, "distinct")));
                    }
                    break;
                case "order":
                    orders.Add(new OrderExpression(child.Attribute("attribute")?.Value ?? child.Attribute("alias")?.Value ?? "", Flag(child, "descending") ? OrderType.Descending : OrderType.Ascending)
                    {
                        Alias = child.Attribute("alias")?.Value!,
                    });
                    break;
                case "filter":
                    // any / not any / all / not all link entities sit in the entity's filter (link-entity reference, link-type options).
                    if (child.Attribute("type")?.Value is null or "and")
                    {
                        foreach (var filterLink in child.Elements("link-entity")) Link(filterLink, table, links, ref linkCount, aggregates, inFilter: true);
                    }
                    var filter = Filter(child, table);
                    if (criteria.Conditions.Count == 0 && criteria.Filters.Count == 0) criteria.FilterOperator = filter.FilterOperator;
                    if (criteria.FilterOperator == filter.FilterOperator)
                    {
                        foreach (var condition in filter.Conditions) criteria.AddCondition(condition);
                        foreach (var nested in filter.Filters) criteria.AddFilter(nested);
                    }
                    else
                    {
                        criteria.AddFilter(filter);
                    }
                    break;
                case "link-entity":
                    Link(child, table, links, ref linkCount, aggregates, inFilter: false);
                    break;
                default:
                    throw Invalid($"The FetchXML element <{child.Name.LocalName}> is not supported by the emulator.");
            }
        }
    }

    /// <summary>FetchXML link types (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/link-entity).</summary>
    private static readonly Dictionary<string, JoinOperator> LinkTypes = new(StringComparer.Ordinal)
    {
        ["inner"] = JoinOperator.Inner, ["outer"] = JoinOperator.LeftOuter, ["in"] = JoinOperator.In, ["exists"] = JoinOperator.Exists,
        ["any"] = JoinOperator.Any, ["not any"] = JoinOperator.NotAny, ["all"] = JoinOperator.All, ["not all"] = JoinOperator.NotAll,
        ["matchfirstrowusingcrossapply"] = JoinOperator.MatchFirstRowUsingCrossApply,
    };

    private void Link(XElement element, TableMetadata table, ICollection<LinkEntity> links, ref int linkCount, List<AggregateColumn> aggregates, bool inFilter)
    {
        var linkTable = metadata.Table(element.Attribute("name")?.Value);
        var type = element.Attribute("link-type")?.Value ?? "inner";
        if (!LinkTypes.TryGetValue(type, out var join)) throw Invalid($"The link-type '{type}' of the link-entity {linkTable.LogicalName} is not a FetchXML link type.");
        var filtering = join is JoinOperator.Any or JoinOperator.NotAny or JoinOperator.All or JoinOperator.NotAll;
        if (filtering != inFilter)
        {
            throw Invalid(filtering
                ? $"A link-entity with link-type '{type}' ({linkTable.LogicalName}) must be placed in a filter of its parent."
                : $"A link-entity with link-type '{type}' ({linkTable.LogicalName}) cannot be placed in a filter; only any, not any, all and not all can.");
        }
        var link = new LinkEntity(table.LogicalName, linkTable.LogicalName, element.Attribute("to")?.Value ?? table.PrimaryIdColumn,
            element.Attribute("from")?.Value ?? linkTable.PrimaryIdColumn, join)
        {
            EntityAlias = element.Attribute("alias")?.Value!,
            Columns = new ColumnSet(),
            LinkCriteria = new FilterExpression(),
        };
        links.Add(link);
        linkCount++;
        Fill(element, linkTable, linkCount - 1, link.Columns, link.LinkCriteria, link.Orders, link.LinkEntities, ref linkCount, aggregates);
    }

    private FilterExpression Filter(XElement element, TableMetadata table)
    {
        var filter = new FilterExpression(element.Attribute("type")?.Value == "or" ? LogicalOperator.Or : LogicalOperator.And);
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == "filter")
            {
                filter.AddFilter(Filter(child, table));
                continue;
            }
            if (child.Name.LocalName == "link-entity")
            {
                if (element.Parent?.Name.LocalName is "entity" or "link-entity" && element.Attribute("type")?.Value is null or "and") continue; // read by Fill
                throw Invalid("A link-entity in a nested or 'or' filter is not supported by the emulator.");
            }
            var attribute = child.Attribute("attribute")?.Value ?? throw Invalid("A <condition> has no attribute.");
            var operatorName = child.Attribute("operator")?.Value ?? throw Invalid("A <condition> has no operator.");
            if (!Operators.TryGetValue(operatorName, out var op)) throw Invalid($"The FetchXML condition operator '{operatorName}' is not supported by the emulator.");
            var entityName = child.Attribute("entityname")?.Value;
            if (child.Attribute("valueof")?.Value is { } otherColumn)
            {
                // Column comparison (https://learn.microsoft.com/power-apps/developer/data-platform/column-comparison).
                filter.AddCondition(new ConditionExpression(entityName!, attribute, op, true, otherColumn));
                continue;
            }
            var raw = child.Attribute("value") is { } single ? [single.Value] : child.Elements("value").Select(v => v.Value).ToArray();
            var column = entityName == null ? table.Column(attribute) : null;
            var values = raw.Select(v => Typed(v, op, column, attribute)).ToArray();
            filter.AddCondition(new ConditionExpression(entityName!, attribute, op, values));
        }
        return filter;
    }

    // FetchXML carries text; the column's type says what the value means (a condition on a link's alias is typed once
    // the links are known). Text that does not read as that type is refused as Dataverse refuses it ("An exception
    // System.FormatException was thrown while trying to convert input value ... to attribute ..."), naming the column
    // but not the value.
    private static object Typed(string value, ConditionOperator op, ColumnDefinition? column, string attribute)
    {
        try
        {
            return TypedOrThrow(value, op, column);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Invalid($"An exception {e.GetType().FullName} was thrown while trying to convert the input value of the {op} condition to attribute '{attribute}'. Send a value of the column's type.");
        }
    }

    private static object TypedOrThrow(string value, ConditionOperator op, ColumnDefinition? column)
    {
        if (CountOperators.Contains(op)) return int.Parse(value, CultureInfo.InvariantCulture);
        if (op is ConditionOperator.Like or ConditionOperator.NotLike or ConditionOperator.BeginsWith or ConditionOperator.EndsWith
            or ConditionOperator.DoesNotBeginWith or ConditionOperator.DoesNotEndWith) return value;
        return column?.Type switch
        {
            ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status or ColumnType.MultiChoice => int.Parse(value, CultureInfo.InvariantCulture),
            ColumnType.BigInt => long.Parse(value, CultureInfo.InvariantCulture),
            ColumnType.Decimal or ColumnType.Money => decimal.Parse(value, CultureInfo.InvariantCulture),
            ColumnType.Double => double.Parse(value, CultureInfo.InvariantCulture),
            ColumnType.Boolean => value is "1" or "true",
            // A time without an offset is the caller's local time; the condition reads it in their time zone.
            ColumnType.DateTime => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner or ColumnType.PrimaryKey or ColumnType.UniqueIdentifier => Guid.Parse(value),
            _ => value,
        };
    }

    private EntityCollection Aggregate(QueryExpression query, List<AggregateColumn> columns, XElement entity, QueryCaller caller, int? top, int limit)
    {
        if (columns.Count == 0) throw Invalid("An aggregate fetch needs at least one attribute with aggregate or groupby.");
        var (table, _, rows) = queries.Select(query, caller);
        var groupBy = columns.Where(c => c.GroupBy).ToList();
        var aggregated = columns.Where(c => !c.GroupBy).ToList();
        // One pass: rows are grouped on comparable values and folded into accumulators; a group's typed values come from its first row.
        var groups = new Dictionary<GroupKey, (JoinedRow? First, Accumulator[] Accumulators)>();
        var counted = 0;
        foreach (var row in rows)
        {
            if (++counted > limit)
            {
                throw DataverseFaultException.Create(ErrorCodes.AggregateQueryRecordLimit, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");
            }
            var key = new object?[groupBy.Count];
            for (var i = 0; i < key.Length; i++) key[i] = Values.Underlying(GroupValue(groupBy[i], Value(row, groupBy[i])));
            if (!groups.TryGetValue(new GroupKey(key), out var group))
            {
                group = (row, aggregated.Select(c => new Accumulator(c)).ToArray());
                groups[new GroupKey(key)] = group;
            }
            foreach (var accumulator in group.Accumulators) accumulator.Add(Value(row, accumulator.Column));
        }
        // Without group-by there is always one result row: a count over no rows is 0, not an empty result
        // (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data).
        if (groups.Count == 0 && groupBy.Count == 0) groups[new GroupKey([])] = (null, aggregated.Select(c => new Accumulator(c)).ToArray());
        var results = new List<Entity>();
        foreach (var (first, accumulators) in groups.Values)
        {
            var result = new Entity(table.LogicalName);
            foreach (var column in groupBy)
            {
                if (first != null && GroupValue(column, Value(first, column)) is { } value) result[column.Alias] = new AliasedValue(column.Table, column.Attribute, Values.Copy(value));
            }
            foreach (var accumulator in accumulators)
            {
                result[accumulator.Column.Alias] = new AliasedValue(accumulator.Column.Table, accumulator.Column.Attribute, accumulator.Result());
            }
            results.Add(result);
        }
        IEnumerable<Entity> ordered = results;
        foreach (var order in entity.Elements("order").Reverse())
        {
            var alias = order.Attribute("alias")?.Value ?? order.Attribute("attribute")?.Value ?? "";
            object? Key(Entity e) => e.Attributes.TryGetValue(alias, out var v) ? v : null;
            var comparer = Comparer<object?>.Create(Values.Compare);
            ordered = Flag(order, "descending") ? ordered.OrderByDescending(Key, comparer) : ordered.OrderBy(Key, comparer);
        }
        var collection = new EntityCollection { EntityName = table.LogicalName };
        collection.Entities.AddRange(top is { } t ? ordered.Take(t) : ordered);
        return collection;
    }

    private static object? Value(JoinedRow row, AggregateColumn column) =>
        row.At(column.Index) is { } e && e.Attributes.TryGetValue(column.Attribute, out var v) ? v : null;

    private static object? GroupValue(AggregateColumn column, object? value)
    {
        if (column.DateGrouping == null || value is not DateTime date) return value;
        return column.DateGrouping switch
        {
            "day" => date.Day,
            // SQL Server's DATEPART(week): week 1 holds January 1st and weeks start on Sunday. The aggregate page's example
            // puts 2023-08-27 (a Sunday) in week 35, where ISO 8601 says 34 (fetchxml/aggregate-data, "Grouping by parts of a date").
            "week" => (date.DayOfYear - 1 + (int)new DateTime(date.Year, 1, 1).DayOfWeek) / 7 + 1,
            "month" => date.Month,
            "quarter" => (date.Month - 1) / 3 + 1,
            "year" => date.Year,
            _ => throw Invalid($"The date grouping '{column.DateGrouping}' is not supported by the emulator."),
        };
    }

    /// <summary>The running state of one aggregate over one group.</summary>
    private sealed class Accumulator(AggregateColumn column)
    {
        private readonly HashSet<object?>? distinct = column.Distinct ? new HashSet<object?>(Values.Comparer) : null;
        private int rows;
        private int present;
        private decimal sum;
        private object? min;
        private object? max;
        private object? sample;

        public AggregateColumn Column { get; } = column;

        public void Add(object? value)
        {
            rows++;
            if (value == null) return;
            present++;
            sample ??= value;
            distinct?.Add(Values.Underlying(value));
            switch (Column.Aggregate)
            {
                case "sum" or "avg":
                    sum += Convert.ToDecimal(Values.Underlying(value), CultureInfo.InvariantCulture);
                    break;
                case "min" when min == null || Values.Compare(value, min) < 0:
                    min = value;
                    break;
                case "max" when max == null || Values.Compare(value, max) > 0:
                    max = value;
                    break;
            }
        }

        // Sums keep the column's type (money stays Money, whole numbers stay whole); averages of whole numbers are decimal.
        public object? Result() => Column.Aggregate switch
        {
            "count" => rows,
            "countcolumn" => distinct?.Count ?? present,
            "min" => Values.Copy(min),
            "max" => Values.Copy(max),
            "sum" or "avg" when present == 0 => null,
            "sum" or "avg" => (Column.Aggregate == "sum" ? sum : sum / present) switch
            {
                var total when sample is Money => new Money(total),
                var total when sample is int && Column.Aggregate == "sum" => (int)total,
                var total when sample is long && Column.Aggregate == "sum" => (long)total,
                var total when sample is double => (double)total,
                var total => total,
            },
            _ => throw new InvalidOperationException("Aggregate names are checked when the fetch is read."),
        };
    }

    /// <summary>Group-by values compared as Dataverse compares column values.</summary>
    private sealed class GroupKey(object?[] values) : IEquatable<GroupKey>
    {
        public object?[] Values { get; } = values;

        public bool Equals(GroupKey? other) => other != null && Values.Zip(other.Values).All(p => Store.Values.Comparer.Equals(p.First, p.Second));

        public override bool Equals(object? obj) => Equals(obj as GroupKey);

        public override int GetHashCode() => Values.Aggregate(17, (h, v) => HashCode.Combine(h, v == null ? 0 : Store.Values.Comparer.GetHashCode(v)));
    }
}
