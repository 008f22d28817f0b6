using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.WebApi.OData;

/// <summary>
/// The system query options of a request on an entity set or row: $select, $filter, $orderby, $top, $expand, $count
/// and the paging token (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/overview).
/// </summary>
public sealed partial class QueryOptions
{
    private static readonly string[] Known = ["$select", "$filter", "$orderby", "$top", "$expand", "$count", "$skiptoken", "fetchXml"];

    private QueryOptions(IReadOnlyList<ColumnDefinition>? select, IReadOnlyList<Expansion> expand)
    {
        Select = select;
        Expand = expand;
    }

    /// <summary>The columns asked for; null for all.</summary>
    public IReadOnlyList<ColumnDefinition>? Select { get; }

    public IReadOnlyList<Expansion> Expand { get; }

    public FilterExpression? Filter { get; private init; }

    public IReadOnlyList<OrderExpression> Orders { get; private init; } = [];

    public int? Top { get; private init; }

    public bool Count { get; private init; }

    /// <summary>The page asked for by a <c>$skiptoken</c> from an earlier <c>@odata.nextLink</c>.</summary>
    public int Page { get; private init; } = 1;

    /// <summary>
    /// What to retrieve: the selected columns, plus versionnumber (every row's @odata.etag comes from it) and the
    /// lookups being expanded.
    /// </summary>
    public ColumnSet ColumnSet => Select == null
        ? new ColumnSet(true)
        : new ColumnSet(Select.Select(c => c.LogicalName).Concat(etag).Concat(Expand.Select(e => e.Property.Column.LogicalName)).Distinct().ToArray());

    private string[] etag = [];

    public IReadOnlyList<ColumnDefinition> Columns(TableMetadata table) => Select ?? table.Columns.ToList();

    [GeneratedRegex("pagenumber=\"(\\d+)\"")]
    private static partial Regex PageNumber();

    public static QueryOptions Parse(ServiceModel model, TableMetadata table, IReadOnlyDictionary<string, string> query, bool collection)
    {
        foreach (var key in query.Keys.Where(k => k.StartsWith('$') && !Known.Contains(k, StringComparer.Ordinal)))
        {
            throw WebApiError.BadQuery($"The query parameter '{key}' is not supported.");
        }
        var expand = query.TryGetValue("$expand", out var e) ? ParseExpand(model, table, e) : [];
        var options = new QueryOptions(query.TryGetValue("$select", out var s) ? ParseSelect(model, table, s) : null, expand)
        {
            Filter = collection && query.TryGetValue("$filter", out var f) ? FilterParser.Parse(model, table, f, name => Alias(query, name)) : null,
            Orders = collection && query.TryGetValue("$orderby", out var o) ? ParseOrderBy(model, table, o) : [],
            Top = collection && query.TryGetValue("$top", out var t) ? ParseTop(t) : null,
            Count = collection && query.TryGetValue("$count", out var c) && ParseCount(c),
            Page = collection && query.TryGetValue("$skiptoken", out var token) ? ParsePage(token) : 1,
            etag = table.HasColumn("versionnumber") ? ["versionnumber"] : [],
        };
        if (!collection && query.Keys.Any(k => k is "$filter" or "$orderby" or "$top" or "$count"))
        {
            throw WebApiError.BadQuery("$filter, $orderby, $top and $count apply to collections, not to a single row.");
        }
        return options;
    }

    /// <summary>A parameter alias's value (<c>@p1=…</c> in the query string) as a literal.</summary>
    public static Literal Alias(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text)) throw WebApiError.BadQuery($"The parameter alias '{name}' has no value in the query string.");
        var tokens = UriLexer.Tokenize(text);
        if (tokens.Count != 2 || tokens[0].Kind != TokenKind.Literal || tokens[0].Literal!.Kind == LiteralKind.Alias)
        {
            throw WebApiError.BadQuery($"The value of the parameter alias '{name}' is not a literal.");
        }
        return tokens[0].Literal!;
    }

    private static List<ColumnDefinition> ParseSelect(ServiceModel model, TableMetadata table, string select) =>
        select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => model.Property(table, p)).Distinct().ToList();

    private static List<OrderExpression> ParseOrderBy(ServiceModel model, TableMetadata table, string orderBy)
    {
        var orders = new List<OrderExpression>();
        foreach (var part in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var direction = words.Length == 1 ? OrderType.Ascending : words.Length == 2 && words[1] is "asc" or "desc"
                ? (words[1] == "asc" ? OrderType.Ascending : OrderType.Descending)
                : throw WebApiError.BadQuery($"Syntax error in $orderby: '{part}' is not a property followed by asc or desc.");
            orders.Add(new OrderExpression(model.Property(table, words[0]).LogicalName, direction));
        }
        return orders;
    }

    private static int ParseTop(string top) =>
        int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WebApiError.BadQuery($"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.");

    private static bool ParseCount(string count) => count switch
    {
        "true" => true,
        "false" => false,
        _ => throw WebApiError.BadQuery($"'{count}' is not a valid count option."),
    };

    private static int ParsePage(string token)
    {
        var match = PageNumber().Match(token);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0
            ? page
            : throw WebApiError.BadQuery("The $skiptoken is not one this service issued; follow @odata.nextLink as given.");
    }

    /// <summary>$expand of single-valued navigation properties, each with an optional nested $select.</summary>
    private static List<Expansion> ParseExpand(ServiceModel model, TableMetadata table, string expand)
    {
        var result = new List<Expansion>();
        foreach (var item in SplitTopLevel(expand))
        {
            var open = item.IndexOf('(', StringComparison.Ordinal);
            var name = open < 0 ? item : item[..open];
            var property = model.Navigation(table, name);
            if (property == null)
            {
                // Collection-valued navigation properties exist in Dataverse; the emulator's host expands only single-valued ones.
                throw WebApiError.BadQuery($"Could not find a single-valued navigation property named '{name}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}' (the emulator expands lookups only).");
            }
            IReadOnlyList<ColumnDefinition>? select = null;
            if (open >= 0)
            {
                if (!item.EndsWith(')')) throw WebApiError.BadQuery($"Syntax error in $expand: '{name}(' is not closed.");
                var target = model.Table(property.Target);
                foreach (var option in item[(open + 1)..^1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!option.StartsWith("$select=", StringComparison.Ordinal)) throw WebApiError.BadQuery($"Only $select is supported inside $expand of '{name}'.");
                    select = ParseSelect(model, target, option["$select=".Length..]);
                }
            }
            result.Add(new Expansion(property, select));
        }
        return result;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        if (start < text.Length) yield return text[start..].Trim();
    }
}
