-- Variants (journey-analytics.md §3): the sequence text comes from the dialect's journey_variant table, the one
-- place an ordered string aggregation is needed (DuckDB and Spark spell it differently).

-- result: variants
SELECT sequence, count(*) AS journeys, (SELECT count(*) FROM journey_variant) AS all_journeys
FROM journey_variant GROUP BY sequence ORDER BY journeys DESC, sequence;
