-- The funnel (journey-analytics.md §5): per visited stage in sequence order, the journeys that visited it at least
-- once (stage_node, from 10-stage-map.sql), over the journeys in scope.

-- result: funnel
SELECT stage_id, stage, sequence, journeys, (SELECT count(*) FROM scope_journey) AS started
FROM stage_node ORDER BY sequence, stage, stage_id;
