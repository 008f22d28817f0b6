-- DuckDB: the one statement whose spelling differs between engines. Spark SQL: see dialect/spark.sql.
DROP TABLE IF EXISTS journey_variant;
CREATE TABLE journey_variant AS
SELECT journey_id, string_agg(stage, ' > ' ORDER BY position) AS sequence FROM scope_visit GROUP BY journey_id;
