-- The rows in scope of the filter, the same cases and events as Domain/Analytics' JourneyMetricsCalculator:
-- the journeys on the pathway (params.pathway_id) started in the period [params.from_s, params.to_s), their visits
-- entered in the period; other events by their own timestamp (referral: submitted on; appointment: scheduled start;
-- survey: responded on; touchpoint: occurred on; follow-up: due on), reaching a pathway through their journey.
-- Portable SQL (DuckDB and Spark SQL 3.4+). The engine has staged the export tables (ids, choice integers, date-times
-- as seconds since 1970) and created params(pathway_id, from_s, to_s, as_of_s) and business_interval(open_s, close_s).
-- Choice values are kept as integers; the JSON writer names them.

DROP TABLE IF EXISTS scope_journey;
CREATE TABLE scope_journey AS
SELECT j.pj_journeyid AS journey_id, j.pj_patientid AS patient_id, j.pj_pathwayid AS pathway_id, j.pj_status AS status,
       j.pj_startedon AS started_s, j.pj_completedon AS completed_s
FROM pj_journey j CROSS JOIN params p
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR j.pj_startedon >= p.from_s)
  AND (p.to_s IS NULL OR j.pj_startedon < p.to_s);

-- The stages with a small key each (variants are ordered lists of keys; the names are joined only per variant).
DROP TABLE IF EXISTS scope_stage;
CREATE TABLE scope_stage AS
SELECT pj_pathwaystageid AS stage_id, pj_name AS stage, pj_sequence AS sequence, pj_phase AS phase,
       pj_targetdurationhours AS target_hours, CAST(row_number() OVER (ORDER BY pj_pathwaystageid) AS INT) AS stage_key
FROM pj_pathwaystage;

-- The visits entered in the period, in journey order: entered on, then the stage's sequence, then the row id
-- (journey-analytics.md §1), from one window pass over every visit of the journeys in scope. The period is a range
-- of entered on, the first ordering key, so a journey's visits in the period are consecutive in that order: the
-- visit after one in the period is in the period unless it was entered at or after params.to_s, and the first
-- visit in the period is the one whose predecessor was entered before params.from_s. Discharges look at the phase
-- of the visit before, even when it lies before the period. position orders a journey's visits (it counts from the
-- journey's first visit, in the period or not); (journey_id, position) names a visit. Only the columns the metrics
-- read are carried, stages by their small key (the window sorts and every later scan reads fewer bytes).
DROP TABLE IF EXISTS scope_visit;
CREATE TABLE scope_visit AS
SELECT journey_id, journey_status, stage_key, sequence, phase, entered_s, exited_s, was_overdue, position,
       CASE WHEN previous_entered_s IS NULL OR previous_entered_s < p.from_s THEN true ELSE false END AS is_first,
       CASE WHEN previous_entered_s IS NULL OR previous_entered_s < p.from_s THEN NULL ELSE previous_sequence END AS previous_sequence,
       previous_phase,
       CASE WHEN p.to_s IS NULL OR next_entered_s < p.to_s THEN next_stage_key END AS next_stage_key,
       CASE WHEN p.to_s IS NULL OR next_entered_s < p.to_s THEN next_entered_s END AS next_entered_s
FROM (
  SELECT v.pj_journeyid AS journey_id, j.status AS journey_status, s.stage_key, s.sequence, s.phase,
         v.pj_enteredon AS entered_s, v.pj_exitedon AS exited_s, coalesce(v.pj_wasoverdue, false) AS was_overdue,
         row_number() OVER w AS position,
         lag(v.pj_enteredon) OVER w AS previous_entered_s,
         lag(s.sequence) OVER w AS previous_sequence,
         lag(s.phase) OVER w AS previous_phase,
         lead(s.stage_key) OVER w AS next_stage_key,
         lead(v.pj_enteredon) OVER w AS next_entered_s
  FROM pj_journeystagehistory v
  JOIN scope_journey j ON j.journey_id = v.pj_journeyid
  JOIN scope_stage s ON s.stage_id = v.pj_stageid
  WINDOW w AS (PARTITION BY v.pj_journeyid ORDER BY v.pj_enteredon, s.sequence, v.pj_journeystagehistoryid)
) journey_order CROSS JOIN params p
WHERE (p.from_s IS NULL OR entered_s >= p.from_s) AND (p.to_s IS NULL OR entered_s < p.to_s);

-- Discharges: entering a post-care stage (phase 827410003) straight from an earlier phase, in the period.
DROP TABLE IF EXISTS scope_discharge;
CREATE TABLE scope_discharge AS
SELECT v.journey_id, v.position, j.patient_id, v.entered_s AS discharged_s
FROM scope_visit v JOIN scope_journey j ON j.journey_id = v.journey_id
WHERE v.phase = 827410003 AND v.previous_phase < 827410003;

-- A referral reaches a pathway through its own mapped pathway, else through its journey.
DROP TABLE IF EXISTS scope_referral;
CREATE TABLE scope_referral AS
SELECT r.pj_referralid AS referral_id, r.pj_status AS status,
       coalesce(r.pj_referringorganization, r.pj_referringprovider, 'unspecified') AS source,
       r.pj_submittedon AS submitted_s, r.pj_sladueon AS sla_due_s, r.pj_firstresponseon AS first_response_s
FROM pj_referral r CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = r.pj_journeyid
WHERE r.pj_submittedon IS NOT NULL
  AND (p.pathway_id IS NULL OR coalesce(r.pj_pathwayid, j.pj_pathwayid) = p.pathway_id)
  AND (p.from_s IS NULL OR r.pj_submittedon >= p.from_s)
  AND (p.to_s IS NULL OR r.pj_submittedon < p.to_s);

-- With no pathway filter, events linked to no journey count too.
DROP TABLE IF EXISTS scope_appointment;
CREATE TABLE scope_appointment AS
SELECT a.activityid AS appointment_id, a.pj_attendance AS attendance, a.scheduledstart AS scheduled_s,
       a.scheduledstart_month AS month
FROM appointment a CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = a.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR a.scheduledstart >= p.from_s)
  AND (p.to_s IS NULL OR a.scheduledstart < p.to_s);

-- A response without a score counts in no survey metric.
DROP TABLE IF EXISTS scope_survey;
CREATE TABLE scope_survey AS
SELECT s.pj_surveyresponseid AS response_id, s.pj_journeyid AS journey_id, s.pj_score AS score,
       s.pj_respondedon AS responded_s, s.pj_respondedon_month AS month
FROM pj_surveyresponse s CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = s.pj_journeyid
WHERE s.pj_score IS NOT NULL
  AND (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR s.pj_respondedon >= p.from_s)
  AND (p.to_s IS NULL OR s.pj_respondedon < p.to_s);

DROP TABLE IF EXISTS scope_touchpoint;
CREATE TABLE scope_touchpoint AS
SELECT t.pj_touchpointid AS touchpoint_id, t.pj_journeyid AS journey_id, t.pj_stageid AS stage_id,
       t.pj_channel AS channel, t.pj_direction AS direction,
       CASE WHEN t.pj_sentiment = 827410002 THEN 1 ELSE 0 END AS negative,
       coalesce(t.pj_ispainpoint, false) AS is_pain_point,
       coalesce(t.pj_painpointcategory, 827410005) AS category
FROM pj_touchpoint t CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = t.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR t.pj_occurredon >= p.from_s)
  AND (p.to_s IS NULL OR t.pj_occurredon < p.to_s);

-- Read once (50-kpis.sql): a view, not a copy; temporary, as Spark allows no other view over its staging views.
CREATE OR REPLACE TEMP VIEW scope_followup AS
SELECT f.pj_followupid AS followup_id, f.pj_kind AS kind, f.pj_status AS status, f.pj_dueon AS due_s
FROM pj_followup f CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = f.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR f.pj_dueon >= p.from_s)
  AND (p.to_s IS NULL OR f.pj_dueon < p.to_s);
