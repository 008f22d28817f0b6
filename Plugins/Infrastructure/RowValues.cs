using Microsoft.Xrm.Sdk;

namespace PatientJourney.Crm.Plugins.Infrastructure
{
    /// <summary>Reading a row's values during an Update, where the target holds only the changed columns.</summary>
    internal static class RowValues
    {
        /// <summary>The value the row will have after the update: the target's when it sets the column, else the image's.</summary>
        public static T? Latest<T>(this Entity target, Entity? before, string column) =>
            target.Contains(column) ? target.GetAttributeValue<T>(column) : before != null ? before.GetAttributeValue<T>(column) : default;

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
