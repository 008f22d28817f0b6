-- The rows in scope of the filter: pathway (params.pathway_id) and period [params.from_s, params.to_s), each event by
-- its own timestamp (journey: started on; stage visit: entered on; referral: submitted on; appointment: scheduled
-- start; survey: responded on; touchpoint: occurred on; follow-up: due on). Every metric file reads these tables.
-- Portable SQL (DuckDB and Spark SQL): the engine's dialect file has staged the export tables with ids, choice
-- integers and date-times as seconds since 1970, and created params(pathway_id, from_s, to_s, as_of_s) and
-- business_interval(open_s, close_s).

DROP TABLE IF EXISTS scope_journey;
CREATE TABLE scope_journey AS
SELECT j.pj_journeyid AS journey_id, j.pj_patientid AS patient_id, j.pj_pathwayid AS pathway_id,
       CASE j.pj_status WHEN 827410000 THEN 'active' WHEN 827410001 THEN 'onHold' WHEN 827410002 THEN 'completed'
                        WHEN 827410003 THEN 'dropped' WHEN 827410004 THEN 'cancelled' END AS status,
       j.pj_startedon AS started_s, j.pj_completedon AS completed_s
FROM pj_journey j CROSS JOIN params p
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR j.pj_startedon >= p.from_s)
  AND (p.to_s IS NULL OR j.pj_startedon < p.to_s);

-- Stage visits in journey order: by entered on, then the stage's sequence, then the row id (journey-analytics.md §1).
DROP TABLE IF EXISTS scope_visit;
CREATE TABLE scope_visit AS
SELECT visit_id, journey_id, patient_id, journey_status, stage_id, stage, sequence, phase, target_hours,
       entered_s, exited_s, was_overdue,
       row_number() OVER w AS position,
       lead(stage_id) OVER w AS next_stage_id,
       lead(entered_s) OVER w AS next_entered_s,
       lag(phase) OVER w AS previous_phase
FROM (
  SELECT v.pj_journeystagehistoryid AS visit_id, v.pj_journeyid AS journey_id, j.patient_id, j.status AS journey_status,
         v.pj_stageid AS stage_id, s.pj_name AS stage, s.pj_sequence AS sequence, s.pj_phase AS phase,
         s.pj_targetdurationhours AS target_hours, v.pj_enteredon AS entered_s, v.pj_exitedon AS exited_s,
         coalesce(v.pj_wasoverdue, false) AS was_overdue
  FROM pj_journeystagehistory v
  JOIN scope_journey j ON j.journey_id = v.pj_journeyid
  JOIN pj_pathwaystage s ON s.pj_pathwaystageid = v.pj_stageid
  CROSS JOIN params p
  WHERE (p.from_s IS NULL OR v.pj_enteredon >= p.from_s) AND (p.to_s IS NULL OR v.pj_enteredon < p.to_s)
) visits
WINDOW w AS (PARTITION BY journey_id ORDER BY entered_s, sequence, visit_id);

DROP TABLE IF EXISTS scope_referral;
CREATE TABLE scope_referral AS
SELECT r.pj_referralid AS referral_id, r.pj_status AS status,
       coalesce(r.pj_referringorganization, r.pj_referringprovider, 'not recorded') AS source,
       r.pj_submittedon AS submitted_s, r.pj_acceptedon AS accepted_s, r.pj_scheduledon AS scheduled_s,
       r.pj_completedon AS completed_s, r.pj_sladueon AS sla_due_s, r.pj_firstresponseon AS first_response_s
FROM pj_referral r CROSS JOIN params p
WHERE r.pj_submittedon IS NOT NULL
  AND (p.pathway_id IS NULL OR r.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR r.pj_submittedon >= p.from_s)
  AND (p.to_s IS NULL OR r.pj_submittedon < p.to_s);

-- Events linked to a journey follow the journey's pathway; with no pathway filter, unlinked events count too.
DROP TABLE IF EXISTS scope_appointment;
CREATE TABLE scope_appointment AS
SELECT a.activityid AS appointment_id, a.pj_patientid AS patient_id, a.pj_attendance AS attendance,
       a.scheduledstart AS scheduled_s, a.scheduledstart_month AS month
FROM appointment a CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = a.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR a.scheduledstart >= p.from_s)
  AND (p.to_s IS NULL OR a.scheduledstart < p.to_s);

DROP TABLE IF EXISTS scope_survey;
CREATE TABLE scope_survey AS
SELECT s.pj_surveyresponseid AS response_id, s.pj_journeyid AS journey_id, s.pj_score AS score,
       s.pj_respondedon AS responded_s, s.pj_respondedon_month AS month
FROM pj_surveyresponse s CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = s.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR s.pj_respondedon >= p.from_s)
  AND (p.to_s IS NULL OR s.pj_respondedon < p.to_s);

DROP TABLE IF EXISTS scope_touchpoint;
CREATE TABLE scope_touchpoint AS
SELECT t.pj_touchpointid AS touchpoint_id, t.pj_journeyid AS journey_id, t.pj_stageid AS stage_id,
       CASE t.pj_channel WHEN 827410000 THEN 'web' WHEN 827410001 THEN 'portal' WHEN 827410002 THEN 'phone'
                         WHEN 827410003 THEN 'inPerson' WHEN 827410004 THEN 'app' WHEN 827410005 THEN 'sms'
                         WHEN 827410006 THEN 'email' ELSE 'unspecified' END AS channel,
       CASE t.pj_direction WHEN 827410000 THEN 'inbound' WHEN 827410001 THEN 'outbound' WHEN 827410002 THEN 'internal'
                           ELSE 'unspecified' END AS direction,
       CASE WHEN t.pj_sentiment = 827410002 THEN 1 ELSE 0 END AS negative,
       coalesce(t.pj_ispainpoint, false) AS is_pain_point,
       CASE t.pj_painpointcategory WHEN 827410000 THEN 'waitingTime' WHEN 827410001 THEN 'communication'
                                   WHEN 827410002 THEN 'access' WHEN 827410003 THEN 'billing'
                                   WHEN 827410004 THEN 'careExperience' WHEN 827410005 THEN 'other'
                                   ELSE 'unspecified' END AS category,
       t.pj_occurredon AS occurred_s
FROM pj_touchpoint t CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = t.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR t.pj_occurredon >= p.from_s)
  AND (p.to_s IS NULL OR t.pj_occurredon < p.to_s);

DROP TABLE IF EXISTS scope_followup;
CREATE TABLE scope_followup AS
SELECT f.pj_followupid AS followup_id, f.pj_kind AS kind, f.pj_status AS status, f.pj_dueon AS due_s
FROM pj_followup f CROSS JOIN params p
LEFT JOIN pj_journey j ON j.pj_journeyid = f.pj_journeyid
WHERE (p.pathway_id IS NULL OR j.pj_pathwayid = p.pathway_id)
  AND (p.from_s IS NULL OR f.pj_dueon >= p.from_s)
  AND (p.to_s IS NULL OR f.pj_dueon < p.to_s);

-- Discharges: entering a post-care stage (phase 827410003) from an earlier phase.
DROP TABLE IF EXISTS scope_discharge;
CREATE TABLE scope_discharge AS
SELECT visit_id, journey_id, patient_id, entered_s AS discharged_s
FROM scope_visit
WHERE phase = 827410003 AND previous_phase < 827410003;
