-- DuckDB: the statements whose spelling differs between engines (Spark SQL: see dialect/spark.sql).
-- Variants: each journey's (position, stage key) pairs collected unordered and sorted as a list (sorting each small
-- list is several times faster than an ordered aggregate), counted per distinct list of keys; the stage names are
-- joined once per distinct list. journey_variant(sequence, journeys) may hold one text more than once (two stages of
-- one name); 20-variants.sql adds those up. NULL names are left out, as string_agg leaves them out.
DROP TABLE IF EXISTS journey_variant;
CREATE TABLE journey_variant AS
SELECT array_to_string(list_transform(k.stages, lambda key: n.names[key]), ' > ') AS sequence, k.journeys
FROM (
  SELECT stages, count(*) AS journeys
  FROM (
    SELECT list_transform(list_sort(list({'position': position, 'stage_key': stage_key})), lambda x: x.stage_key) AS stages
    FROM scope_visit GROUP BY journey_id
  ) lists
  GROUP BY stages
) k CROSS JOIN (SELECT list(stage ORDER BY stage_key) AS names FROM scope_stage) n;
