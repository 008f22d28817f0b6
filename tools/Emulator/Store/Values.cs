using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Emulator.Store;

/// <summary>Copying and comparing column values. SDK value objects are mutable, so the store never shares them with callers.</summary>
internal static class Values
{
    public static object? Copy(object? value) => value switch
    {
        EntityReference r => Copy(r),
        OptionSetValue o => new OptionSetValue(o.Value),
        Money m => new Money(m.Value),
        OptionSetValueCollection c => new OptionSetValueCollection(c.Select(o => o == null ? null! : new OptionSetValue(o.Value)).ToList()),
        AliasedValue a => new AliasedValue(a.EntityLogicalName, a.AttributeLogicalName, Copy(a.Value)),
        _ => value,
    };

    // A lookup may name its row by alternate key (resolved when the row is written), so the key travels with the copy.
    private static EntityReference Copy(EntityReference reference)
    {
        var copy = new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name };
        foreach (var key in reference.KeyAttributes) copy.KeyAttributes[key.Key] = key.Value;
        return copy;
    }

    public static Entity Copy(Entity source, Func<string, bool>? include = null)
    {
        var copy = new Entity(source.LogicalName, source.Id);
        foreach (var attribute in source.Attributes)
        {
            if (include == null || include(attribute.Key)) copy.Attributes[attribute.Key] = Copy(attribute.Value);
        }
        return copy;
    }

    /// <summary>The comparable core of a value: the id of a reference, the number of a choice or amount.</summary>
    public static object? Underlying(object? value) => value switch
    {
        EntityReference r => r.Id,
        OptionSetValue o => o.Value,
        Money m => m.Value,
        AliasedValue a => Underlying(a.Value),
        _ => value,
    };

    /// <summary>Orders values as SQL Server does for Dataverse columns: null first, text case-insensitively.</summary>
    public static int Compare(object? left, object? right)
    {
        // Same-type fast paths: queries over large tables compare mostly ints, ids and text.
        switch (left)
        {
            case int a when right is int b: return a.CompareTo(b);
            case OptionSetValue a when right is int b: return a.Value.CompareTo(b);
            case Guid a when right is Guid b: return a.CompareTo(b);
            case EntityReference a when right is Guid b: return a.Id.CompareTo(b);
            case string a when right is string b: return CompareText(a, b);
        }
        left = Underlying(left);
        right = Underlying(right);
        if (left == null) return right == null ? 0 : -1;
        if (right == null) return 1;
        if (left is string ls && right is string rs) return CompareText(ls, rs);
        // Floating-point values may lie outside decimal's range (1e308, infinity, NaN): compare those as doubles.
        if (IsNumber(left) && IsNumber(right) && (left is double or float || right is double or float))
            return Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture));
        if (IsNumber(left) && IsNumber(right)) return Convert.ToDecimal(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture));
        if (left is Guid lg && right is Guid rg) return lg.CompareTo(rg);
        if (left is DateTime ld && right is DateTime rd) return ld.ToUniversalTime().CompareTo(rd.ToUniversalTime());
        if (left is bool lb && right is bool rb) return lb.CompareTo(rb);
        return string.Compare(Convert.ToString(left, CultureInfo.InvariantCulture), Convert.ToString(right, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
    }

    // SQL Server pads the shorter string with spaces before comparing, so trailing spaces never make two texts differ
    // (https://learn.microsoft.com/sql/t-sql/queries/how-sql-server-compares-strings-with-trailing-spaces).
    private static int CompareText(string left, string right) => string.Compare(left.TrimEnd(' '), right.TrimEnd(' '), StringComparison.OrdinalIgnoreCase);

    public static new bool Equals(object? left, object? right) => Compare(left, right) == 0;

    private static bool IsNumber(object value) => value is int or long or decimal or double or float or short or byte;

    /// <summary>Equality comparer over underlying values, for distinct, grouping and join keys.</summary>
    public static IEqualityComparer<object?> Comparer { get; } = new UnderlyingComparer();

    private sealed class UnderlyingComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => Compare(x, y) == 0;

        public int GetHashCode(object? obj) => Underlying(obj) switch
        {
            null => 0,
            string s => StringComparer.OrdinalIgnoreCase.GetHashCode(s.TrimEnd(' ')),
            double or float when Convert.ToDouble(Underlying(obj), CultureInfo.InvariantCulture) is var f && !(Math.Abs(f) < 7.9e28) => f.GetHashCode(),
            int or long or decimal or double or float or short or byte => Convert.ToDecimal(Underlying(obj), CultureInfo.InvariantCulture).GetHashCode(),
            DateTime d => d.ToUniversalTime().GetHashCode(),
            var other => other.GetHashCode(),
        };
    }
}
