using System;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;

namespace PatientJourney.Crm.Emulator.Tests.Fuzz;

/// <summary>
/// Malformed queries: QueryExpression and QueryByAttribute with unknown names, operators outside the enum, values of the
/// wrong type, deep nesting and huge In lists; FetchXML with unknown elements and operators, bad values, broken markup
/// and entity declarations.
/// </summary>
public sealed class HostileQueries(Hostile hostile)
{
    private static readonly ConditionOperator[] Operators = Enum.GetValues<ConditionOperator>();

    /// <summary>Operators, mostly real ones, sometimes a number no operator has.</summary>
    private static readonly Gen<ConditionOperator> Operator = Gen.Frequency(
        (9, Gen.OneOf(Operators)), (1, Gen.Int.Select(i => (ConditionOperator)i)));

    /// <summary>Condition values: none, a few hostile ones, or an In list of thousands.</summary>
    private Gen<object?[]> Values => Gen.Frequency(
        (8, hostile.AnyValue.Array[0, 3]),
        (1, Gen.Int[1000, 20000].Select(n => Enumerable.Range(0, n).Select(i => (object?)i).ToArray())),
        (1, Gen.Const(Enumerable.Range(0, 5000).Select(_ => (object?)Guid.NewGuid()).ToArray())));

    /// <summary>
    /// A condition on a column: mostly against values, sometimes against other columns (column comparison, whose values
    /// are column names: Dataverse's unknown-column fault names them, so they are names, never the patient marker).
    /// </summary>
    private Gen<ConditionExpression> Condition(TableMetadata? table) =>
        Gen.Select(hostile.ColumnName(table), Operator, Values, Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))), Gen.Frequency((9, Gen.Const<string?>((string?)null)), (1, Hostile.UnknownName)),
            hostile.ColumnName(table).Array[0, 2],
            (column, op, values, compareColumns, entityName, otherColumns) => new ConditionExpression(entityName, column, op, compareColumns,
                compareColumns ? otherColumns.Cast<object>().ToArray() : values.Cast<object>().ToArray()));

    /// <summary>A filter nested up to <paramref name="depth"/> levels (the deepest runs far beyond what anyone writes).</summary>
    private Gen<FilterExpression> Filter(TableMetadata? table, int depth) =>
        Gen.Select(Gen.Int[0, 2], Condition(table).Array[0, 3], depth > 0 ? Filter(table, depth - 1).Array[0, 2] : Gen.Const(Array.Empty<FilterExpression>()),
            (op, conditions, children) =>
            {
                var filter = new FilterExpression((LogicalOperator)op);
                foreach (var condition in conditions) filter.AddCondition(condition);
                foreach (var child in children) filter.AddFilter(child);
                return filter;
            });

    /// <summary>A filter nested as deep as a loop can build it: one chain of 200 levels.</summary>
    private static FilterExpression DeepChain(string column)
    {
        var root = new FilterExpression();
        var current = root;
        for (var i = 0; i < 200; i++) current = current.AddFilter(i % 2 == 0 ? LogicalOperator.Or : LogicalOperator.And);
        current.AddCondition(column, ConditionOperator.NotNull);
        return root;
    }

    private Gen<ColumnSet?> Columns(TableMetadata? table) => Gen.Frequency(
        (2, Gen.Const<ColumnSet?>(new ColumnSet(true))),
        (1, Gen.Const<ColumnSet?>((ColumnSet?)null)),
        (1, Gen.Const<ColumnSet?>(new ColumnSet(false))),
        (4, hostile.ColumnName(table).Array[0, 4].Select(names => (ColumnSet?)new ColumnSet(names.Select(n => n!).ToArray()))));

    private Gen<LinkEntity> Link(TableMetadata? from) =>
        Gen.Select(hostile.Table, hostile.ColumnName(from), Gen.Int[-1, 12], Gen.Frequency((3, Gen.Const<string?>((string?)null)), (1, Hostile.UnknownName), (1, Gen.Const<string?>("a"))), Gen.Bool,
            (to, fromColumn, join, alias, nonsenseTo) => (to, fromColumn, join, alias, nonsenseTo))
        .SelectMany(l => Gen.Select(hostile.ColumnName(l.to), Filter(l.to, 1), Columns(l.to),
            (toColumn, criteria, columns) => new LinkEntity(from?.LogicalName, l.nonsenseTo ? "pj_nothing" : l.to.LogicalName, l.fromColumn, toColumn, (JoinOperator)l.join)
            {
                EntityAlias = l.alias, LinkCriteria = criteria, Columns = columns,
            }));

    public Gen<QueryBase> Query => Gen.Frequency(
        (6, Gen.Frequency((6, hostile.Table.Select(t => (TableMetadata?)t)), (1, Gen.Const<TableMetadata?>((TableMetadata?)null)))
            .SelectMany(table => Gen.Select(Gen.Frequency((8, Gen.Const(table?.LogicalName)), (1, Hostile.UnknownName)), Columns(table), Filter(table, 3), Link(table).Array[0, 2],
                Gen.Select(hostile.ColumnName(table), Gen.Int[-1, 3]).Array[0, 2], Gen.Frequency((3, Gen.Const<int?>((int?)null)), (1, Gen.Int[-5, 6000].Select(i => (int?)i))),
                Gen.Frequency((3, Gen.Const<PagingInfo?>((PagingInfo?)null)), (1, Gen.Select(Gen.Int[-2, 6000], Gen.Int[-2, 5], Gen.Frequency((2, Gen.Const<string?>((string?)null)), (1, Gen.OneOf<string?>("", "<cookie", "<cookie page='x'><contactid last='nope'/></cookie>", "{}", "<cookie page='1'><nothing/></cookie>")), (1, Hostile.UnknownName)),
                    (count, page, cookie) => (PagingInfo?)new PagingInfo { Count = count, PageNumber = page, PagingCookie = cookie }))),
                Gen.Frequency((9, Gen.Const(false)), (1, Gen.Const(true))),
                (name, columns, filter, links, orders, top, paging, deep) =>
                {
                    var query = new QueryExpression(name) { ColumnSet = columns, Criteria = deep ? DeepChain(table?.PrimaryIdColumn ?? "x") : filter, TopCount = top, PageInfo = paging };
                    foreach (var link in links) query.LinkEntities.Add(link);
                    foreach (var (column, order) in orders) query.Orders.Add(new OrderExpression(column, (OrderType)order));
                    return (QueryBase)query;
                }))),
        (2, hostile.Table.SelectMany(table => Gen.Select(hostile.ColumnName(table).Array[0, 3], hostile.AnyValue.Array[0, 3], Columns(table),
            (columns, values, columnSet) =>
            {
                var query = new QueryByAttribute(table.LogicalName) { ColumnSet = columnSet };
                query.Attributes.AddRange(columns.Select(c => c!));
                query.Values.AddRange(values.Cast<object>());
                return (QueryBase)query;
            }))),
        (3, FetchXml.Select(xml => (QueryBase)new FetchExpression(xml))));

    private static readonly string[] FetchOperators =
    [
        "eq", "ne", "gt", "lt", "like", "not-like", "in", "not-in", "between", "null", "not-null", "on-or-after", "last-x-days", "eq-userid",
        "under", "above", "contain-values", "begins-with", "equal", "=", "", "olderthan-x-minutes", "in-fiscal-year", "next-x-weeks",
    ];

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    private Gen<string> FetchCondition(TableMetadata table) =>
        Gen.Select(hostile.ColumnName(table), Gen.OneOf(FetchOperators), Hostile.ShortText, Gen.Int[0, 3],
            (column, op, value, shape) => shape switch
            {
                0 => $"<condition attribute='{Escape(column ?? "")}' operator='{op}' value='{Escape(value)}'/>",
                1 => $"<condition attribute='{Escape(column ?? "")}' operator='{op}'><value>{Escape(value)}</value><value>1</value></condition>",
                2 => $"<condition attribute='{Escape(column ?? "")}' operator='{op}' valueof='{Escape(column ?? "")}'/>",
                _ => $"<condition operator='{op}'/>",
            });

    private Gen<string> FetchFilter(TableMetadata table, int depth) =>
        Gen.Select(Gen.OneOf("and", "or", "xor", ""), FetchCondition(table).Array[0, 3], depth > 0 ? FetchFilter(table, depth - 1).Array[0, 2] : Gen.Const(Array.Empty<string>()),
            (type, conditions, children) => $"<filter type='{type}'>{string.Concat(conditions)}{string.Concat(children)}</filter>");

    private Gen<string> WellFormedFetch => hostile.Table.SelectMany(table =>
        Gen.Select(hostile.Table, hostile.ColumnName(table).Array[0, 3], FetchFilter(table, 3),
            Gen.OneOf("", " aggregate='true'", " distinct='true'", " top='-1'", " count='0' page='0'", " top='5' count='5'", " count='999999'", " page='2' paging-cookie='&lt;cookie/&gt;'", " aggregate='maybe'"),
            Gen.OneOf("", " aggregate='count'", " aggregate='sum' alias='s'", " groupby='true' alias='g'", " dategrouping='fortnight' groupby='true' alias='d'", " aggregate='avg'"),
            Gen.OneOf("inner", "outer", "any", "not any", "all", "exists", "in", "natural", "sideways", ""),
            Gen.Int[0, 3],
            (linked, columns, filter, fetchAttributes, attributeAggregate, linkType, extra) =>
            {
                var xml = new StringBuilder($"<fetch{fetchAttributes}><entity name='{table.LogicalName}'>");
                foreach (var column in columns) xml.Append($"<attribute name='{Escape(column ?? "")}'{attributeAggregate}/>");
                xml.Append(filter);
                xml.Append(extra switch
                {
                    0 => $"<link-entity name='{linked.LogicalName}' from='{linked.PrimaryIdColumn}' to='{Escape(columns.FirstOrDefault() ?? "")}' link-type='{linkType}'>{filter}</link-entity>",
                    1 => $"<order attribute='{Escape(columns.FirstOrDefault() ?? "")}' descending='sometimes'/>",
                    2 => "<all-attributes/><unknown-element/>",
                    _ => $"<link-entity name='{linked.LogicalName}' link-type='{linkType}'><link-entity name='pj_nothing'/></link-entity>",
                });
                xml.Append("</entity></fetch>");
                return xml.ToString();
            }));

    /// <summary>FetchXML: well-formed with bad names and values, or broken: cut short, spliced, with an entity declaration, not XML at all.</summary>
    public Gen<string> FetchXml => Gen.Frequency(
        (5, WellFormedFetch),
        (2, Gen.Select(WellFormedFetch, Gen.Double.Unit, (xml, at) => xml[..(int)(xml.Length * at)])),
        (1, Gen.Select(WellFormedFetch, Gen.Double.Unit, Gen.String, (xml, at, junk) => xml.Insert((int)(xml.Length * at), junk))),
        (1, Gen.Const("<fetch><entity name='contact'><filter><condition attribute='lastname' operator='eq' value='" + FuzzOrganisation.PatientMarker + new string('x', 1_100_000) + "'/></filter></entity></fetch>")),
        (1, Gen.Const("<?xml version='1.0'?><!DOCTYPE fetch [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><fetch><entity name='contact'><filter><condition attribute='lastname' operator='eq' value='&c;'/></filter></entity></fetch>")),
        (1, Gen.Const("<!DOCTYPE fetch [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><fetch><entity name='contact'><attribute name='&x;'/></entity></fetch>")),
        (1, Gen.OneOf("", " ", "null", "<fetch/>", "<fetch><entity/></fetch>", "<fetch><entity name='contact'></fetch>", "<fetch><fetch/></fetch>", "{\"fetch\":1}",
            "<fetch><entity name='contact'><filter><condition attribute='birthdate' operator='on' value='" + FuzzOrganisation.PatientMarker + "'/></filter></entity></fetch>",
            "<fetch><entity name='contact'><filter><condition attribute='pj_quiethoursstart' operator='eq' value='" + FuzzOrganisation.PatientMarker + "'/></filter></entity></fetch>",
            "<fetch><entity name='pj_journey'><filter><condition attribute='pj_patientid' operator='eq' value='" + FuzzOrganisation.PatientMarker + "'/></filter></entity></fetch>",
            "<fetch><entity name='pj_journey'><filter><condition attribute='pj_status' operator='in'>" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"<value>{i.ToString(CultureInfo.InvariantCulture)}</value>")) + "</condition></filter></entity></fetch>",
            "<fetch><entity name='contact'>" + string.Concat(Enumerable.Repeat("<filter type='or'>", 300)) + "<condition attribute='lastname' operator='null'/>" + string.Concat(Enumerable.Repeat("</filter>", 300)) + "</entity></fetch>")));
}
