using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Store;

namespace PatientJourney.Crm.Emulator.Query;

/// <summary>
/// Turns one condition into a predicate over a column value. Date operators are evaluated against the emulator clock
/// in UTC (Dataverse uses the user's time zone; tests run as users in UTC). Weeks start on Sunday.
/// </summary>
internal static class ConditionEvaluator
{
    public static Func<object?, bool> Compile(ConditionExpression condition, DateTime now, Guid userId, Guid businessUnitId)
    {
        var values = condition.Values.Select(Values.Underlying).ToArray();
        object? First() => values.Length > 0 ? values[0] : throw DataverseFaultException.InvalidArgument($"Condition operator {condition.Operator} on '{condition.AttributeName}' needs a value.");
        int X() => Convert.ToInt32(First(), CultureInfo.InvariantCulture);
        var today = now.Date;
        var op = condition.Operator;
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
            case ConditionOperator.Between: return x => x != null && Values.Compare(x, values[0]) >= 0 && Values.Compare(x, values[1]) <= 0;
            case ConditionOperator.NotBetween: return x => x != null && (Values.Compare(x, values[0]) < 0 || Values.Compare(x, values[1]) > 0);
            case ConditionOperator.Null: return x => x == null;
            case ConditionOperator.NotNull: return x => x != null;
            case ConditionOperator.Like: { var r = Like((string)First()!); return x => x is string s && r.IsMatch(s); }
            case ConditionOperator.NotLike: { var r = Like((string)First()!); return x => x is string s && !r.IsMatch(s); }
            case ConditionOperator.BeginsWith: { var v = (string)First()!; return x => x is string s && s.StartsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.DoesNotBeginWith: { var v = (string)First()!; return x => x is string s && !s.StartsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.EndsWith: { var v = (string)First()!; return x => x is string s && s.EndsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.DoesNotEndWith: { var v = (string)First()!; return x => x is string s && !s.EndsWith(v, StringComparison.OrdinalIgnoreCase); }
            case ConditionOperator.EqualUserId: return x => Values.Equals(x, userId);
            case ConditionOperator.NotEqualUserId: return x => x != null && !Values.Equals(x, userId);
            case ConditionOperator.EqualBusinessId: return x => Values.Equals(x, businessUnitId);
            case ConditionOperator.NotEqualBusinessId: return x => x != null && !Values.Equals(x, businessUnitId);
            case ConditionOperator.ContainValues: { var set = values.Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToHashSet(); return x => x is OptionSetValueCollection c && c.Any(o => set.Contains(o.Value)); }
            case ConditionOperator.DoesNotContainValues: { var set = values.Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToHashSet(); return x => x is not OptionSetValueCollection c || !c.Any(o => set.Contains(o.Value)); }
            case ConditionOperator.On: { var d = Day(First()); return InRange(d, d.AddDays(1)); }
            case ConditionOperator.NotOn: { var d = Day(First()); return x => x is DateTime t && (t < d || t >= d.AddDays(1)); }
            case ConditionOperator.OnOrBefore: { var d = Day(First()).AddDays(1); return x => x is DateTime t && t < d; }
            case ConditionOperator.OnOrAfter: { var d = Day(First()); return x => x is DateTime t && t >= d; }
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

    private static Func<object?, bool> InRange(DateTime from, DateTime to, bool inclusiveEnd = false) =>
        x => x is DateTime t && t.ToUniversalTime() >= from && (inclusiveEnd ? t.ToUniversalTime() <= to : t.ToUniversalTime() < to);

    private static Func<object?, bool> Before(DateTime limit) => x => x is DateTime t && t.ToUniversalTime() < limit;

    private static DateTime Day(object? value) => value switch
    {
        DateTime d => d.ToUniversalTime().Date,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Date,
        _ => throw DataverseFaultException.InvalidArgument($"'{value}' is not a date."),
    };

    private static DateTime WeekStart(DateTime day) => day.AddDays(-(int)day.DayOfWeek);

    private static DateTime MonthStart(DateTime day) => new(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime YearStart(DateTime day) => new(day.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, Regex> LikeCache = [];

    // SQL LIKE: % any run, _ one character, [..] a set; case-insensitive like Dataverse's collation.
    private static Regex Like(string pattern)
    {
        lock (LikeCache)
        {
            if (LikeCache.TryGetValue(pattern, out var cached)) return cached;
            var regex = "^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal).Replace(@"\[", "[", StringComparison.Ordinal) + "$";
            return LikeCache[pattern] = new Regex(regex, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }
    }
}
