using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>The caller a query runs for: who (for the user and business-unit operators), and when and where (for date operators).</summary>
internal sealed record QueryCaller(Guid UserId, Guid BusinessUnitId, DateTime UtcNow, TimeZoneInfo TimeZone);

/// <summary>
/// Turns one condition into a predicate over a column value. Date operators are evaluated as Dataverse evaluates them:
/// "today", "this month", "on" and the like are days and months of the caller's time zone (their user settings) at
/// the emulator clock's time, and a user-local column's UTC value is read in that zone, while date-only and
/// time-zone-independent values are compared as stored
/// (https://learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute). Weeks start
/// on Sunday, the en-US setting a new user gets.
/// </summary>
internal static class ConditionEvaluator
{
    public static Func<object?, bool> Compile(string table, ConditionExpression condition, ColumnDefinition column, QueryCaller caller)
    {
        try
        {
            return CompileOperator(table, condition, column, caller);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Date arithmetic past the calendar (e.g. last-x-days with a billion days).
            throw DataverseFaultException.InvalidArgument($"The value of the {condition.Operator} condition on '{condition.AttributeName}' is out of range.");
        }
    }

    /// <summary>Dataverse's refusal of a condition value of the wrong type (wording as real organisations answer, e.g. https://github.com/daryllabar/XrmUnitTest/issues/246).</summary>
    private static DataverseFaultException WrongType(string table, ConditionExpression condition, string expected, object? received) =>
        DataverseFaultException.InvalidArgument(
            $"Condition for attribute '{table}.{condition.AttributeName}': expected argument(s) of type '{expected}' but received '{received?.GetType().FullName ?? "null"}'.");

    private static Func<object?, bool> CompileOperator(string table, ConditionExpression condition, ColumnDefinition column, QueryCaller caller)
    {
        var zone = caller.TimeZone;
        CheckValues(table, condition, column);
        var values = condition.Values.Select(v => Typed(v, column)).Select(v => v is DateTime d ? DateBehaviors.AsStored(column, d, zone) : v).ToArray();
        object? First() => values.Length > 0 ? values[0] : throw DataverseFaultException.InvalidArgument($"Condition operator {condition.Operator} on '{condition.AttributeName}' needs a value.");
        int Whole(object? value) => value switch
        {
            int i => i,
            long or short or byte or decimal when Convert.ToDecimal(value, CultureInfo.InvariantCulture) is var d && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => throw WrongType(table, condition, "System.Int32", value),
        };
        int X() => Whole(First());
        string Text() => First() as string ?? throw WrongType(table, condition, "System.String", First());
        object? Bound(int index) => values.Length == 2
            ? values[index]
            : throw DataverseFaultException.InvalidArgument($"Condition operator {condition.Operator} on '{condition.AttributeName}' needs two values.");
        var now = DateBehaviors.Wall(null, caller.UtcNow, zone);
        var today = now.Date;
        var userId = caller.UserId;
        var businessUnitId = caller.BusinessUnitId;
        Func<object?, bool> InRange(DateTime from, DateTime to, bool inclusiveEnd = false) =>
            x => x is DateTime t && DateBehaviors.Wall(column, t, zone) is var w && w >= from && (inclusiveEnd ? w <= to : w < to);
        Func<object?, bool> Before(DateTime limit) => x => x is DateTime t && DateBehaviors.Wall(column, t, zone) < limit;
        DateTime Day(object? value) => value switch
        {
            DateTime d => (d.Kind == DateTimeKind.Utc ? DateBehaviors.Wall(null, d, zone) : d).Date,
            string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) => parsed.Date,
            _ => throw DataverseFaultException.InvalidArgument($"The value of the {condition.Operator} condition on '{condition.AttributeName}' is not a date."),
        };
        var op = condition.Operator;
        if (column.Type == ColumnType.MultiChoice && MultiChoice(condition, values) is { } choices) return choices;
        switch (op)
        {
            case ConditionOperator.Equal: { var v = First(); return x => x != null && Values.Compare(x, v) == 0; }
            case ConditionOperator.NotEqual: { var v = First(); return x => x != null && Values.Compare(x, v) != 0; }
            case ConditionOperator.GreaterThan: { var v = First(); return x => x != null && Values.Compare(x, v) > 0; }
            case ConditionOperator.GreaterEqual: { var v = First(); return x => x != null && Values.Compare(x, v) >= 0; }
            case ConditionOperator.LessThan: { var v = First(); return x => x != null && Values.Compare(x, v) < 0; }
            case ConditionOperator.LessEqual: { var v = First(); return x => x != null && Values.Compare(x, v) <= 0; }
            case ConditionOperator.In: { var set = values.ToHashSet(Values.Comparer); return x => x != null && set.Contains(Values.Underlying(x)); }
            case ConditionOperator.NotIn: { var set = values.ToHashSet(Values.Comparer); return x => x != null && !set.Contains(Values.Underlying(x)); }
            case ConditionOperator.Between: { var (low, high) = (Bound(0), Bound(1)); return x => x != null && Values.Compare(x, low) >= 0 && Values.Compare(x, high) <= 0; }
            case ConditionOperator.NotBetween: { var (low, high) = (Bound(0), Bound(1)); return x => x != null && (Values.Compare(x, low) < 0 || Values.Compare(x, high) > 0); }
            case ConditionOperator.Null: return x => x == null;
            case ConditionOperator.NotNull: return x => x != null;
            case ConditionOperator.Like: { var r = Like(Text()); return x => x is string s && r.IsMatch(s); }
            case ConditionOperator.NotLike: { var r = Like(Text()); return x => x is string s && !r.IsMatch(s); }
            case ConditionOperator.BeginsWith: { var v = Text(); return x => x is string s && s.StartsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.DoesNotBeginWith: { var v = Text(); return x => x is string s && !s.StartsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.EndsWith: { var v = Text(); return x => x is string s && s.EndsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.DoesNotEndWith: { var v = Text(); return x => x is string s && !s.EndsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.EqualUserId: return x => Values.Equals(x, userId);
            case ConditionOperator.NotEqualUserId: return x => x != null && !Values.Equals(x, userId);
            case ConditionOperator.EqualBusinessId: return x => Values.Equals(x, businessUnitId);
            case ConditionOperator.NotEqualBusinessId: return x => x != null && !Values.Equals(x, businessUnitId);
            case ConditionOperator.ContainValues: { var set = values.Select(Whole).ToHashSet(); return x => x is OptionSetValueCollection c && c.Any(o => set.Contains(o.Value)); }
            case ConditionOperator.DoesNotContainValues: { var set = values.Select(Whole).ToHashSet(); return x => x is not OptionSetValueCollection c || !c.Any(o => set.Contains(o.Value)); }
            case ConditionOperator.On: { var d = Day(First()); return InRange(d, d.AddDays(1)); }
            case ConditionOperator.NotOn: { var on = InRange(Day(First()), Day(First()).AddDays(1)); return x => x is DateTime && !on(x); }
            case ConditionOperator.OnOrBefore: return Before(Day(First()).AddDays(1));
            case ConditionOperator.OnOrAfter: { var before = Before(Day(First())); return x => x is DateTime && !before(x); }
            case ConditionOperator.Today: return InRange(today, today.AddDays(1));
            case ConditionOperator.Yesterday: return InRange(today.AddDays(-1), today);
            case ConditionOperator.Tomorrow: return InRange(today.AddDays(1), today.AddDays(2));
            case ConditionOperator.Last7Days: return InRange(today.AddDays(-7), now, inclusiveEnd: true);
            case ConditionOperator.Next7Days: return InRange(now, today.AddDays(8));
            case ConditionOperator.ThisWeek: { var s = WeekStart(today); return InRange(s, s.AddDays(7)); }
            case ConditionOperator.LastWeek: { var s = WeekStart(today).AddDays(-7); return InRange(s, s.AddDays(7)); }
            case ConditionOperator.NextWeek: { var s = WeekStart(today).AddDays(7); return InRange(s, s.AddDays(7)); }
            case ConditionOperator.ThisMonth: { var s = MonthStart(today); return InRange(s, s.AddMonths(1)); }
            case ConditionOperator.LastMonth: { var s = MonthStart(today).AddMonths(-1); return InRange(s, s.AddMonths(1)); }
            case ConditionOperator.NextMonth: { var s = MonthStart(today).AddMonths(1); return InRange(s, s.AddMonths(1)); }
            case ConditionOperator.ThisYear: { var s = YearStart(today); return InRange(s, s.AddYears(1)); }
            case ConditionOperator.LastYear: { var s = YearStart(today).AddYears(-1); return InRange(s, s.AddYears(1)); }
            case ConditionOperator.NextYear: { var s = YearStart(today).AddYears(1); return InRange(s, s.AddYears(1)); }
            case ConditionOperator.LastXHours: return InRange(now.AddHours(-X()), now, inclusiveEnd: true);
            case ConditionOperator.NextXHours: return InRange(now, now.AddHours(X()), inclusiveEnd: true);
            case ConditionOperator.LastXDays: return InRange(today.AddDays(-X()), now, inclusiveEnd: true);
            case ConditionOperator.NextXDays: return InRange(now, today.AddDays(X() + 1));
            case ConditionOperator.LastXWeeks: return InRange(today.AddDays(-7 * X()), now, inclusiveEnd: true);
            case ConditionOperator.NextXWeeks: return InRange(now, today.AddDays(7 * X() + 1));
            case ConditionOperator.LastXMonths: return InRange(today.AddMonths(-X()), now, inclusiveEnd: true);
            case ConditionOperator.NextXMonths: return InRange(now, today.AddMonths(X()).AddDays(1));
            case ConditionOperator.LastXYears: return InRange(today.AddYears(-X()), now, inclusiveEnd: true);
            case ConditionOperator.NextXYears: return InRange(now, today.AddYears(X()).AddDays(1));
            case ConditionOperator.OlderThanXMinutes: return Before(now.AddMinutes(-X()));
            case ConditionOperator.OlderThanXHours: return Before(now.AddHours(-X()));
            case ConditionOperator.OlderThanXDays: return Before(now.AddDays(-X()));
            case ConditionOperator.OlderThanXWeeks: return Before(now.AddDays(-7 * X()));
            case ConditionOperator.OlderThanXMonths: return Before(now.AddMonths(-X()));
            case ConditionOperator.OlderThanXYears: return Before(now.AddYears(-X()));
            default:
                throw DataverseFaultException.InvalidArgument($"The condition operator {op} (on '{condition.AttributeName}') is not supported by the emulator.");
        }
    }

    /// <summary>Operators that compare the column with the condition's values, so the values must be of the column's type.</summary>
    private static readonly HashSet<ConditionOperator> ValueOperators =
    [
        ConditionOperator.Equal, ConditionOperator.NotEqual, ConditionOperator.GreaterThan, ConditionOperator.GreaterEqual, ConditionOperator.LessThan,
        ConditionOperator.LessEqual, ConditionOperator.In, ConditionOperator.NotIn, ConditionOperator.Between, ConditionOperator.NotBetween,
        ConditionOperator.ContainValues, ConditionOperator.DoesNotContainValues,
    ];

    /// <summary>
    /// Refuses what Dataverse refuses before it queries: a value of another type than the column's ("Condition for
    /// attribute 'contact.parentcustomerid': expected argument(s) of type 'System.Guid' but received 'System.Int32'.",
    /// a real organisation's fault quoted in https://github.com/daryllabar/XrmUnitTest/issues/246; an EntityReference for
    /// a lookup in https://github.com/jordimontana82/fake-xrm-easy/issues/258), an array passed as one value, and a set
    /// or range operator without its values. Which conversions Dataverse makes was not found documented: the emulator
    /// takes a Guid's text for a Guid (XrmUnitTest allows it, issue 246), any number for a decimal, money or float
    /// column, an int for a bigint column, and text for a date; nothing else.
    /// </summary>
    private static void CheckValues(string table, ConditionExpression condition, ColumnDefinition column)
    {
        if (!ValueOperators.Contains(condition.Operator)) return;
        var (expected, accepts) = ExpectedType(column.Type);
        foreach (var value in condition.Values)
        {
            // Dataverse's wording, as XrmMockup quotes it (src/XrmMockup365/Requests/CreateRequestHandler.cs).
            if (value == null)
            {
                throw DataverseFaultException.InvalidArgument(
                    $"Condition for attribute '{table}.{condition.AttributeName}': null is not a valid value for an attribute. Use 'Null' or 'NotNull' conditions instead.");
            }
            if (!accepts(value))
            {
                throw DataverseFaultException.InvalidArgument(
                    $"Condition for attribute '{table}.{condition.AttributeName}': expected argument(s) of type '{expected.FullName}' but received '{value.GetType().FullName}'.");
            }
        }
        var needs = condition.Operator switch
        {
            ConditionOperator.Between or ConditionOperator.NotBetween => (Min: 2, Max: 2),
            ConditionOperator.In or ConditionOperator.NotIn or ConditionOperator.ContainValues or ConditionOperator.DoesNotContainValues => (Min: 1, Max: int.MaxValue),
            _ => (Min: 1, Max: 1),
        };
        if (condition.Values.Count < needs.Min || condition.Values.Count > needs.Max)
        {
            var count = needs.Min == needs.Max ? needs.Min.ToString(CultureInfo.InvariantCulture) : "at least " + needs.Min.ToString(CultureInfo.InvariantCulture);
            throw DataverseFaultException.InvalidArgument(
                $"Condition for attribute '{table}.{condition.AttributeName}': the {condition.Operator} operator needs {count} value(s), not {condition.Values.Count}.");
        }
    }

    private static (Type Expected, Func<object, bool> Accepts) ExpectedType(ColumnType type) => type switch
    {
        ColumnType.PrimaryKey or ColumnType.UniqueIdentifier or ColumnType.Lookup or ColumnType.Customer or ColumnType.Owner =>
            (typeof(Guid), v => v is Guid || (v is string s && Guid.TryParse(s, out _))),
        ColumnType.String or ColumnType.Memo => (typeof(string), v => v is string),
        ColumnType.Integer or ColumnType.Choice or ColumnType.MultiChoice or ColumnType.State or ColumnType.Status => (typeof(int), v => v is int),
        ColumnType.BigInt => (typeof(long), v => v is long or int),
        ColumnType.Decimal or ColumnType.Money => (typeof(decimal), IsNumber),
        ColumnType.Double => (typeof(double), IsNumber),
        ColumnType.Boolean => (typeof(bool), v => v is bool),
        ColumnType.DateTime => (typeof(DateTime), v => v is DateTime or string),
        _ => (typeof(object), _ => true),
    };

    private static bool IsNumber(object value) => value is int or long or decimal or double or float or short or byte;

    // The accepted conversions, applied once: a Guid's text becomes the Guid, a date's text the date.
    private static object? Typed(object? value, ColumnDefinition column) => value switch
    {
        // Text that does not read as the column's type stays text: the operator refuses it, or matches nothing.
        string s when ExpectedType(column.Type).Expected == typeof(Guid) && Guid.TryParse(s, out var id) => id,
        string s when column.Type == ColumnType.DateTime && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) => date,
        _ => value,
    };

    /// <summary>
    /// Equal, NotEqual, In and NotIn on a choices column compare the whole set of selected options: Equal with one option,
    /// In with the options given in any order (what FakeXrmEasy's MultiSelectOptionSetTests assert; the choices page,
    /// https://learn.microsoft.com/power-apps/developer/data-platform/multi-select-picklist, lists the operators without
    /// saying). A null column matches none of them. Other operators are handled as for any column.
    /// </summary>
    private static Func<object?, bool>? MultiChoice(ConditionExpression condition, object?[] values)
    {
        var set = values.Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToHashSet();
        bool Same(object? x) => x is OptionSetValueCollection c && c.Select(o => o.Value).ToHashSet().SetEquals(set);
        return condition.Operator switch
        {
            ConditionOperator.Equal or ConditionOperator.In => Same,
            ConditionOperator.NotEqual or ConditionOperator.NotIn => x => x is OptionSetValueCollection && !Same(x),
            _ => null,
        };
    }

    private static DateTime WeekStart(DateTime day) => day.AddDays(-(int)day.DayOfWeek);

    private static DateTime MonthStart(DateTime day) => new(day.Year, day.Month, 1);

    private static DateTime YearStart(DateTime day) => new(day.Year, 1, 1);

    private static readonly Dictionary<string, Regex> LikeCache = [];

    // SQL Server's LIKE, as Dataverse passes it on: % any run, _ one character, [a-f] a set or range, [^a-f] a negated
    // one, [%] a literal; case-insensitive like Dataverse's collation
    // (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/reference/operators#like,
    // https://learn.microsoft.com/sql/t-sql/language-elements/like-transact-sql).
    private static Regex Like(string pattern)
    {
        lock (LikeCache)
        {
            if (LikeCache.TryGetValue(pattern, out var cached)) return cached;
            var regex = new StringBuilder("^");
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                var close = c == '[' && i + 2 <= pattern.Length ? pattern.IndexOf(']', i + 2) : -1;
                if (c == '%') regex.Append(".*");
                else if (c == '_') regex.Append('.');
                else if (close > 0)
                {
                    var set = pattern[(i + 1)..close];
                    var negated = set.StartsWith('^');
                    if (negated) set = set[1..];
                    regex.Append(negated ? "[^" : "[");
                    foreach (var member in set) regex.Append(member is '\\' or ']' or '[' or '^' ? "\\" + member : member.ToString());
                    regex.Append(']');
                    i = close;
                }
                else regex.Append(Regex.Escape(c.ToString()));
            }
            return LikeCache[pattern] = new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }
    }
}
