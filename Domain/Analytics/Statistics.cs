using System;
using System.Collections.Generic;
using System.Linq;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>The summary statistics of journey-analytics.md §2 and §4, over exact decimals.</summary>
    public static class Statistics
    {
        public static decimal Hours(TimeSpan span) => (decimal)span.Ticks / TimeSpan.TicksPerHour;

        public static decimal? Mean(IReadOnlyCollection<decimal> values) => values.Count == 0 ? (decimal?)null : values.Sum() / values.Count;

        /// <summary>The median: the middle value, or the mean of the two middle values of an even count.</summary>
        public static decimal? Median(IEnumerable<decimal> values) => Quantile(values, 0.5m);

        /// <summary>
        /// The quantile by linear interpolation between closest ranks (DuckDB quantile_cont, numpy "linear"):
        /// position h = (n − 1)·p in the sorted values, then x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
        /// </summary>
        public static decimal? Quantile(IEnumerable<decimal> values, decimal p)
        {
            if (p < 0m || p > 1m) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile lies between 0 and 1.");
            var sorted = values.OrderBy(v => v).ToList();
            if (sorted.Count == 0) return null;
            var position = (sorted.Count - 1) * p;
            var lower = (int)decimal.Floor(position);
            if (lower == sorted.Count - 1) return sorted[lower];
            return sorted[lower] + (position - lower) * (sorted[lower + 1] - sorted[lower]);
        }
    }
}
