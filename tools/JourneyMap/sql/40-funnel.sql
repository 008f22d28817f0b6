-- The funnel (journey-analytics.md §5): per visited stage in sequence order, the journeys that visited it at least
-- once, over the journeys in scope.

-- result: funnel
SELECT stage_id, stage, sequence, count(DISTINCT journey_id) AS journeys, (SELECT count(*) FROM scope_journey) AS started
FROM scope_visit GROUP BY stage_id, stage, sequence
ORDER BY sequence, stage, stage_id;
