using System;
using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>Reading a row's values: checked against the type the rule needs, and during an Update, where the target holds only the changed columns.</summary>
    internal static class RowValues
    {
        /// <summary>
        /// The column's value, or the type's default when the row lacks it or holds null. A value of another .NET type
        /// (an SDK caller sending a string for a number, say) is refused naming the column and the type it needs,
        /// instead of failing as "an unexpected error" (GetAttributeValue throws InvalidCastException).
        /// </summary>
        public static T Get<T>(this Entity row, string column)
        {
            if (!row.Attributes.TryGetValue(column, out var value) || value == null) return default!;
            if (value is T typed) return typed;
            var wanted = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            throw new InvalidPluginExecutionException($"The column {column} of {row.LogicalName} must hold a value of type {wanted.FullName}, not {value.GetType().FullName}; send the value as that type.");
        }

        /// <summary>The value the row will have after the update: the target's when it sets the column, else the image's.</summary>
        public static T? Latest<T>(this Entity target, Entity? before, string column) =>
            target.Contains(column) ? target.Get<T>(column) : before != null ? before.Get<T>(column) : default;

        /// <summary>Whether the target changes the column (a value equal to the image's is no change).</summary>
        public static bool Changes(this Entity target, Entity? before, string column)
        {
            if (!target.Contains(column)) return false;
            var now = target[column];
            var was = before != null && before.Contains(column) ? before[column] : null;
            return !Equals(now, was);
        }
    }
}
