-- The stage map: a directly-follows graph over stage visits (journey-analytics.md §2, §5 drop-off); journey status
-- 827410003 dropped, 827410004 cancelled.
-- Rework: a move to a stage of lower sequence, counted on the stage moved back to.

-- result: nodes
SELECT n.stage_id, n.stage, n.sequence, n.visits, n.journeys,
       coalesce(r.rework, 0) AS rework, coalesce(d.dropped, 0) AS dropped
FROM (
  SELECT stage_id, stage, sequence, count(*) AS visits, count(DISTINCT journey_id) AS journeys
  FROM scope_visit GROUP BY stage_id, stage, sequence
) n
LEFT JOIN (
  SELECT v.next_stage_id AS stage_id, count(*) AS rework
  FROM scope_visit v JOIN pj_pathwaystage s ON s.pj_pathwaystageid = v.next_stage_id
  WHERE s.pj_sequence < v.sequence GROUP BY v.next_stage_id
) r ON r.stage_id = n.stage_id
LEFT JOIN (
  SELECT stage_id, count(*) AS dropped FROM scope_visit
  WHERE next_stage_id IS NULL AND journey_status IN (827410003, 827410004) GROUP BY stage_id
) d ON d.stage_id = n.stage_id
ORDER BY n.sequence, n.stage, n.stage_id;

-- result: edges
SELECT v.stage_id AS from_stage_id, v.stage AS from_stage, v.sequence AS from_sequence,
       v.next_stage_id AS to_stage_id, s.pj_name AS to_stage, s.pj_sequence AS to_sequence,
       count(*) AS frequency, count(DISTINCT v.journey_id) AS case_frequency,
       avg((v.next_entered_s - v.entered_s) / 3600.0) AS mean_hours,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY (v.next_entered_s - v.entered_s) / 3600.0) AS median_hours,
       CASE WHEN s.pj_sequence < v.sequence THEN true ELSE false END AS is_rework
FROM scope_visit v JOIN pj_pathwaystage s ON s.pj_pathwaystageid = v.next_stage_id
GROUP BY v.stage_id, v.stage, v.sequence, v.next_stage_id, s.pj_name, s.pj_sequence
ORDER BY from_sequence, to_sequence, from_stage, to_stage, from_stage_id, to_stage_id;

-- result: startStages
SELECT stage_id, stage, count(*) AS journeys FROM scope_visit WHERE position = 1
GROUP BY stage_id, stage, sequence ORDER BY sequence, stage, stage_id;

-- result: endStages
SELECT stage_id, stage, journey_status, count(*) AS journeys FROM scope_visit WHERE next_stage_id IS NULL
GROUP BY stage_id, stage, sequence, journey_status ORDER BY sequence, stage, stage_id, journey_status;

-- result: totals
SELECT (SELECT count(*) FROM scope_journey) AS journeys, (SELECT count(*) FROM scope_visit) AS stage_visits,
       (SELECT count(DISTINCT patient_id) FROM scope_journey) AS patients;
