-- The stage map: a directly-follows graph over stage visits (journey-analytics.md §2, §5 drop-off); journey status
-- 827410003 dropped, 827410004 cancelled.
-- Rework: a move to a stage of lower sequence, counted on the stage moved back to (the visit whose predecessor in
-- the period has a higher sequence).

-- Per stage, from one scan of the visits: visits, journeys, rework, drop-off, journeys starting there. The funnel
-- (40-funnel.sql) reads it too.
DROP TABLE IF EXISTS stage_node;
CREATE TABLE stage_node AS
SELECT s.stage_id, s.stage, s.sequence, n.visits, n.journeys, n.rework, n.dropped, n.starts
FROM (
  SELECT stage_key, count(*) AS visits, count(DISTINCT journey_id) AS journeys,
         sum(CASE WHEN previous_sequence > sequence THEN 1 ELSE 0 END) AS rework,
         sum(CASE WHEN next_stage_key IS NULL AND journey_status IN (827410003, 827410004) THEN 1 ELSE 0 END) AS dropped,
         sum(CASE WHEN is_first THEN 1 ELSE 0 END) AS starts
  FROM scope_visit GROUP BY stage_key
) n JOIN scope_stage s ON s.stage_key = n.stage_key;

-- result: nodes
SELECT stage_id, stage, sequence, visits, journeys, rework, dropped FROM stage_node
ORDER BY sequence, stage, stage_id;

-- result: edges
SELECT a.stage_id AS from_stage_id, a.stage AS from_stage, a.sequence AS from_sequence,
       b.stage_id AS to_stage_id, b.stage AS to_stage, b.sequence AS to_sequence,
       e.frequency, e.case_frequency, e.mean_hours, e.median_hours,
       CASE WHEN b.sequence < a.sequence THEN true ELSE false END AS is_rework
FROM (
  SELECT stage_key, next_stage_key, count(*) AS frequency, count(DISTINCT journey_id) AS case_frequency,
         avg((next_entered_s - entered_s) / 3600.0) AS mean_hours,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (next_entered_s - entered_s) / 3600.0) AS median_hours
  FROM scope_visit WHERE next_stage_key IS NOT NULL GROUP BY stage_key, next_stage_key
) e
JOIN scope_stage a ON a.stage_key = e.stage_key
JOIN scope_stage b ON b.stage_key = e.next_stage_key
ORDER BY from_sequence, to_sequence, from_stage, to_stage, from_stage_id, to_stage_id;

-- result: startStages
SELECT stage_id, stage, starts AS journeys FROM stage_node WHERE starts > 0 ORDER BY sequence, stage, stage_id;

-- result: endStages
SELECT s.stage_id, s.stage, e.journey_status, e.journeys
FROM (
  SELECT stage_key, journey_status, count(*) AS journeys FROM scope_visit WHERE next_stage_key IS NULL
  GROUP BY stage_key, journey_status
) e JOIN scope_stage s ON s.stage_key = e.stage_key
ORDER BY s.sequence, s.stage, s.stage_id, e.journey_status;

-- result: totals
SELECT (SELECT count(*) FROM scope_journey) AS journeys, (SELECT coalesce(sum(visits), 0) FROM stage_node) AS stage_visits,
       (SELECT count(DISTINCT patient_id) FROM scope_journey) AS patients;
