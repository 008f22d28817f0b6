-- Spark SQL 3.4 or later: the statements whose spelling differs between engines (DuckDB: see dialect/duckdb.sql),
-- run after 00-scope.sql. percentile_cont(p) WITHIN GROUP (ORDER BY x), used by the shared files, needs 3.4:
-- https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-aggregate.html
-- The same steps as dialect/duckdb.sql: (position, stage key) pairs sorted per journey, counted per distinct list of
-- keys, the names joined once per distinct list (array_join leaves NULL names out).
DROP TABLE IF EXISTS journey_variant;
CREATE TABLE journey_variant AS
SELECT array_join(transform(k.stages, key -> element_at(n.names, key)), ' > ') AS sequence, k.journeys
FROM (
  SELECT stages, count(*) AS journeys
  FROM (
    SELECT transform(array_sort(collect_list(struct(position, stage_key))), x -> x.stage_key) AS stages
    FROM scope_visit GROUP BY journey_id
  ) lists
  GROUP BY stages
) k CROSS JOIN (SELECT transform(array_sort(collect_list(struct(stage_key, stage))), x -> x.stage) AS names FROM scope_stage) n;
