-- KPIs (journey-analytics.md §6), each with numerator and denominator. Choice values: appointment attendance
-- 827410002 arrived, 827410003 fulfilled, 827410004 no-show; referral status 827410005 rejected, 827410006
-- cancelled, 827410007 expired; follow-up status 827410000 pending, 827410001 due, 827410002 completed,
-- 827410004 suppressed, 827410005 failed; follow-up kind 827410000 automated message; phase 827410002 during care.

-- NPS: promoters 9-10, passives 7-8, detractors 0-6 (domain-anchors.md §3.6); top-box = 9-10 (§3.7).
-- result: nps
SELECT count(*) AS responses,
       coalesce(sum(CASE WHEN score >= 9 THEN 1 ELSE 0 END), 0) AS promoters,
       coalesce(sum(CASE WHEN score BETWEEN 7 AND 8 THEN 1 ELSE 0 END), 0) AS passives,
       coalesce(sum(CASE WHEN score <= 6 THEN 1 ELSE 0 END), 0) AS detractors
FROM scope_survey;

-- No-shows over appointments that came due (attended + no-show); cancellations excluded (domain-anchors.md §3.4).
-- result: noShow
SELECT coalesce(sum(CASE WHEN attendance = 827410004 THEN 1 ELSE 0 END), 0) AS no_shows,
       coalesce(sum(CASE WHEN attendance IN (827410002, 827410003, 827410004) THEN 1 ELSE 0 END), 0) AS came_due
FROM scope_appointment;

-- A referral counts as accepted once accepted, scheduled or completed (827410002-827410004), as scheduled once
-- scheduled or completed; rejected, cancelled and expired by its status.
-- result: referralConversion
SELECT count(*) AS submitted,
       coalesce(sum(CASE WHEN status IN (827410002, 827410003, 827410004) THEN 1 ELSE 0 END), 0) AS accepted,
       coalesce(sum(CASE WHEN status IN (827410003, 827410004) THEN 1 ELSE 0 END), 0) AS scheduled,
       coalesce(sum(CASE WHEN status = 827410004 THEN 1 ELSE 0 END), 0) AS completed,
       coalesce(sum(CASE WHEN status = 827410005 THEN 1 ELSE 0 END), 0) AS rejected,
       coalesce(sum(CASE WHEN status = 827410006 THEN 1 ELSE 0 END), 0) AS cancelled,
       coalesce(sum(CASE WHEN status = 827410007 THEN 1 ELSE 0 END), 0) AS expired,
       coalesce(sum(CASE WHEN first_response_s IS NOT NULL AND sla_due_s IS NOT NULL AND first_response_s <= sla_due_s THEN 1 ELSE 0 END), 0) AS within_sla,
       coalesce(sum(CASE WHEN first_response_s IS NOT NULL AND sla_due_s IS NOT NULL THEN 1 ELSE 0 END), 0) AS responded
FROM scope_referral;

-- result: referralsBySource
SELECT source, count(*) AS referrals FROM scope_referral GROUP BY source ORDER BY referrals DESC, source;

-- 30-day readmission: a during-care stage entered by the same patient on any journey within 30 days after a
-- discharge, over discharges whose window has closed by params.as_of_s. The during-care visits are narrowed to
-- (patient, entered) before the range join, so the join reads no other visit.
-- result: readmission
SELECT coalesce(sum(CASE WHEN readmitted THEN 1 ELSE 0 END), 0) AS readmissions, count(*) AS discharges
FROM (
  SELECT d.journey_id, d.position, max(CASE WHEN c.entered_s IS NOT NULL THEN 1 ELSE 0 END) = 1 AS readmitted
  FROM scope_discharge d CROSS JOIN params p
  LEFT JOIN (
    SELECT j.pj_patientid AS patient_id, v.pj_enteredon AS entered_s
    FROM pj_journeystagehistory v
    JOIN pj_pathwaystage s ON s.pj_pathwaystageid = v.pj_stageid
    JOIN pj_journey j ON j.pj_journeyid = v.pj_journeyid
    WHERE s.pj_phase = 827410002
  ) c ON c.patient_id = d.patient_id AND c.entered_s > d.discharged_s AND c.entered_s <= d.discharged_s + 30 * 86400
  WHERE d.discharged_s + 30 * 86400 <= p.as_of_s
  GROUP BY d.journey_id, d.position
) windows;

-- Follow-up retention: of the patients discharged in the period, those with an attended appointment (the patient's,
-- or on one of the patient's journeys) within 90 days after their first discharge in the period.
-- result: retention
SELECT count(DISTINCT CASE WHEN a.appointment_id IS NOT NULL THEN d.patient_id END) AS retained,
       count(DISTINCT d.patient_id) AS discharged
FROM (SELECT patient_id, min(discharged_s) AS discharged_s FROM scope_discharge GROUP BY patient_id) d
LEFT JOIN (
  SELECT a.activityid AS appointment_id, coalesce(a.pj_patientid, j.pj_patientid) AS patient_id, a.scheduledstart
  FROM appointment a LEFT JOIN pj_journey j ON j.pj_journeyid = a.pj_journeyid
  WHERE a.pj_attendance IN (827410002, 827410003)
) a ON a.patient_id = d.patient_id AND a.scheduledstart > d.discharged_s AND a.scheduledstart <= d.discharged_s + 90 * 86400;

-- result: followUps
SELECT coalesce(sum(CASE WHEN f.status = 827410002 THEN 1 ELSE 0 END), 0) AS completed,
       coalesce(sum(CASE WHEN f.status IN (827410002, 827410005) OR (f.status IN (827410000, 827410001) AND f.due_s < p.as_of_s) THEN 1 ELSE 0 END), 0) AS came_due,
       coalesce(sum(CASE WHEN f.status = 827410004 THEN 1 ELSE 0 END), 0) AS suppressed,
       coalesce(sum(CASE WHEN f.kind = 827410000 THEN 1 ELSE 0 END), 0) AS messages
FROM scope_followup f CROSS JOIN params p;

-- result: engagement
SELECT (SELECT count(*) FROM scope_touchpoint t JOIN scope_journey j ON j.journey_id = t.journey_id) AS touchpoints,
       (SELECT count(*) FROM scope_journey) AS journeys;

-- result: byChannel
SELECT channel, direction, count(*) AS touchpoints FROM scope_touchpoint GROUP BY channel, direction
ORDER BY touchpoints DESC, channel, direction;

-- Pain points per stage (none when the touchpoint names no known stage) and category (none = other, 827410005);
-- detractor responses: the period's detractor responses on the journeys that reported that pain point.
-- result: painPoints
SELECT g.stage_id, g.stage, g.sequence, g.category, g.touchpoints, g.negative, coalesce(count(r.response_id), 0) AS detractors
FROM (
  SELECT s.pj_pathwaystageid AS stage_id, s.pj_name AS stage, s.pj_sequence AS sequence, t.category,
         count(*) AS touchpoints, sum(t.negative) AS negative
  FROM scope_touchpoint t LEFT JOIN pj_pathwaystage s ON s.pj_pathwaystageid = t.stage_id
  WHERE t.is_pain_point
  GROUP BY s.pj_pathwaystageid, s.pj_name, s.pj_sequence, t.category
) g
LEFT JOIN (
  SELECT DISTINCT s.pj_pathwaystageid AS stage_id, t.category, t.journey_id
  FROM scope_touchpoint t LEFT JOIN pj_pathwaystage s ON s.pj_pathwaystageid = t.stage_id
  WHERE t.is_pain_point AND t.journey_id IS NOT NULL
) reporting ON (reporting.stage_id = g.stage_id OR (reporting.stage_id IS NULL AND g.stage_id IS NULL)) AND reporting.category = g.category
LEFT JOIN scope_survey r ON r.journey_id = reporting.journey_id AND r.score <= 6
GROUP BY g.stage_id, g.stage, g.sequence, g.category, g.touchpoints, g.negative
ORDER BY CASE WHEN g.stage_id IS NULL THEN 1 ELSE 0 END, g.sequence, g.stage, g.stage_id, g.category;

-- New patients: patients whose first journey (on any pathway; ties by journey id) is in scope.
-- result: newPatients
SELECT count(*) AS patients
FROM (
  SELECT pj_journeyid, row_number() OVER (PARTITION BY pj_patientid ORDER BY pj_startedon, pj_journeyid) AS n
  FROM pj_journey WHERE pj_startedon IS NOT NULL
) first_journey
JOIN scope_journey j ON j.journey_id = first_journey.pj_journeyid
WHERE first_journey.n = 1;
