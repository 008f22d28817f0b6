-- Spark SQL (3.3 or later) over Fabric Link / Synapse Link tables. Run this file first, then the numbered files in
-- order, then the statement at the end of this file after 00-scope.sql. It stages each table with the column names
-- the metric files read (ids as strings, date-times as seconds since 1970), and the two helper tables.
-- Replace the parameter values in params; business_interval holds one row per business day's opening hours (in UTC
-- seconds), e.g. written by `journey-map calendar` or any calendar table.

CREATE OR REPLACE TEMP VIEW params AS
SELECT CAST(NULL AS STRING) AS pathway_id, CAST(NULL AS DOUBLE) AS from_s, CAST(NULL AS DOUBLE) AS to_s,
       CAST(unix_timestamp(current_timestamp()) AS DOUBLE) AS as_of_s;

CREATE OR REPLACE TEMP VIEW pj_journeystagehistory AS
SELECT lower(pj_journeystagehistoryid) AS pj_journeystagehistoryid, lower(pj_journeyid) AS pj_journeyid,
       lower(pj_stageid) AS pj_stageid, unix_micros(to_timestamp(pj_enteredon)) / 1e6 AS pj_enteredon,
       unix_micros(to_timestamp(pj_exitedon)) / 1e6 AS pj_exitedon, CAST(pj_wasoverdue AS BOOLEAN) AS pj_wasoverdue
FROM lake.pj_journeystagehistory;
-- ... and likewise for the other tables of ExportTables (the same columns; appointment.scheduledstart_month and
-- pj_surveyresponse.pj_respondedon_month as date_format(to_timestamp(x), 'yyyy-MM')).

-- After 00-scope.sql:
-- CREATE OR REPLACE TEMP VIEW journey_variant AS
-- SELECT journey_id, array_join(transform(array_sort(collect_list(struct(position, stage))), x -> x.stage), ' > ') AS sequence
-- FROM scope_visit GROUP BY journey_id;
