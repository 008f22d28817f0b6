-- Variants (journey-analytics.md §3): the dialect's journey_variant table holds each distinct sequence of stage names
-- with its journey count (the one place an ordered aggregation is needed; DuckDB and Spark spell it differently).

-- result: variants
SELECT sequence, sum(journeys) AS journeys, (SELECT sum(journeys) FROM journey_variant) AS all_journeys
FROM journey_variant GROUP BY sequence ORDER BY journeys DESC, sequence;
