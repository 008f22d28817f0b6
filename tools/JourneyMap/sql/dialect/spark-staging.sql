-- Spark SQL 3.4 or later, over the Fabric Link / Synapse Link tables of a lakehouse or Spark catalog, here the
-- database `lake`: run first, before 00-scope.sql (the order is SqlScript's: this file, 00-scope.sql, spark.sql,
-- then 10- to 60-; README, "The journey map"). It stages each table under the name and columns the metric files
-- read: ids as lower-case text, choices as integers, date-times as seconds since 1970.

-- The filter: pathway id (lower-case text or NULL), period [from_s, to_s) and the present, in seconds since 1970.
CREATE OR REPLACE TEMP VIEW params AS
SELECT CAST(NULL AS STRING) AS pathway_id, CAST(NULL AS DOUBLE) AS from_s, CAST(NULL AS DOUBLE) AS to_s,
       CAST(unix_timestamp(current_timestamp()) AS DOUBLE) AS as_of_s;

-- One row per business day's opening hours in UTC seconds; here Monday to Friday 08:00-18:00 UTC over 2020-2030.
CREATE OR REPLACE TEMP VIEW business_interval AS
SELECT unix_timestamp(to_timestamp(concat(CAST(d AS STRING), ' 08:00:00'))) AS open_s,
       unix_timestamp(to_timestamp(concat(CAST(d AS STRING), ' 18:00:00'))) AS close_s
FROM (SELECT explode(sequence(DATE'2020-01-01', DATE'2030-12-31', INTERVAL 1 DAY)) AS d) days
WHERE dayofweek(d) BETWEEN 2 AND 6;

CREATE OR REPLACE TEMP VIEW pj_carepathway AS
SELECT lower(pj_carepathwayid) AS pj_carepathwayid,
       NULLIF(trim(pj_name), '') AS pj_name
FROM lake.pj_carepathway;

CREATE OR REPLACE TEMP VIEW pj_pathwaystage AS
SELECT lower(pj_pathwaystageid) AS pj_pathwaystageid,
       lower(pj_pathwayid) AS pj_pathwayid,
       NULLIF(trim(pj_name), '') AS pj_name,
       CAST(pj_sequence AS INT) AS pj_sequence,
       CAST(pj_phase AS INT) AS pj_phase,
       CAST(pj_targetdurationhours AS INT) AS pj_targetdurationhours
FROM lake.pj_pathwaystage;

CREATE OR REPLACE TEMP VIEW pj_journey AS
SELECT lower(pj_journeyid) AS pj_journeyid,
       lower(pj_patientid) AS pj_patientid,
       lower(pj_pathwayid) AS pj_pathwayid,
       CAST(pj_status AS INT) AS pj_status,
       unix_micros(to_timestamp(pj_startedon)) / 1e6 AS pj_startedon,
       unix_micros(to_timestamp(pj_completedon)) / 1e6 AS pj_completedon
FROM lake.pj_journey;

CREATE OR REPLACE TEMP VIEW pj_journeystagehistory AS
SELECT lower(pj_journeystagehistoryid) AS pj_journeystagehistoryid,
       lower(pj_journeyid) AS pj_journeyid,
       lower(pj_stageid) AS pj_stageid,
       unix_micros(to_timestamp(pj_enteredon)) / 1e6 AS pj_enteredon,
       unix_micros(to_timestamp(pj_exitedon)) / 1e6 AS pj_exitedon,
       CAST(pj_wasoverdue AS BOOLEAN) AS pj_wasoverdue
FROM lake.pj_journeystagehistory;

CREATE OR REPLACE TEMP VIEW pj_touchpoint AS
SELECT lower(pj_touchpointid) AS pj_touchpointid,
       lower(pj_journeyid) AS pj_journeyid,
       lower(pj_stageid) AS pj_stageid,
       CAST(pj_channel AS INT) AS pj_channel,
       CAST(pj_direction AS INT) AS pj_direction,
       unix_micros(to_timestamp(pj_occurredon)) / 1e6 AS pj_occurredon,
       CAST(pj_sentiment AS INT) AS pj_sentiment,
       CAST(pj_ispainpoint AS BOOLEAN) AS pj_ispainpoint,
       CAST(pj_painpointcategory AS INT) AS pj_painpointcategory
FROM lake.pj_touchpoint;

CREATE OR REPLACE TEMP VIEW pj_referral AS
SELECT lower(pj_referralid) AS pj_referralid,
       lower(pj_journeyid) AS pj_journeyid,
       lower(pj_pathwayid) AS pj_pathwayid,
       NULLIF(trim(pj_referringprovider), '') AS pj_referringprovider,
       NULLIF(trim(pj_referringorganization), '') AS pj_referringorganization,
       CAST(pj_status AS INT) AS pj_status,
       unix_micros(to_timestamp(pj_submittedon)) / 1e6 AS pj_submittedon,
       unix_micros(to_timestamp(pj_sladueon)) / 1e6 AS pj_sladueon,
       unix_micros(to_timestamp(pj_firstresponseon)) / 1e6 AS pj_firstresponseon
FROM lake.pj_referral;

CREATE OR REPLACE TEMP VIEW appointment AS
SELECT lower(activityid) AS activityid,
       lower(pj_patientid) AS pj_patientid,
       lower(pj_journeyid) AS pj_journeyid,
       unix_micros(to_timestamp(scheduledstart)) / 1e6 AS scheduledstart,
       date_format(to_timestamp(scheduledstart), 'yyyy-MM') AS scheduledstart_month,
       CAST(pj_attendance AS INT) AS pj_attendance
FROM lake.appointment;

CREATE OR REPLACE TEMP VIEW pj_followup AS
SELECT lower(pj_followupid) AS pj_followupid,
       CAST(pj_kind AS INT) AS pj_kind,
       unix_micros(to_timestamp(pj_dueon)) / 1e6 AS pj_dueon,
       CAST(pj_status AS INT) AS pj_status,
       lower(pj_journeyid) AS pj_journeyid
FROM lake.pj_followup;

CREATE OR REPLACE TEMP VIEW pj_surveyresponse AS
SELECT lower(pj_surveyresponseid) AS pj_surveyresponseid,
       lower(pj_journeyid) AS pj_journeyid,
       CAST(pj_score AS INT) AS pj_score,
       unix_micros(to_timestamp(pj_respondedon)) / 1e6 AS pj_respondedon,
       date_format(to_timestamp(pj_respondedon), 'yyyy-MM') AS pj_respondedon_month
FROM lake.pj_surveyresponse;
