-- The funnel (journey-analytics.md §5): every stage of the pathways in scope, the journeys that visited it at least
-- once, over the journeys started on its pathway.

-- result: funnel
SELECT s.pj_pathwaystageid AS stage_id, s.pj_name AS stage, s.pj_sequence AS sequence,
       coalesce(v.journeys, 0) AS journeys, p.journeys AS started
FROM pj_pathwaystage s
JOIN (SELECT pathway_id, count(*) AS journeys FROM scope_journey GROUP BY pathway_id) p ON p.pathway_id = s.pj_pathwayid
LEFT JOIN (SELECT stage_id, count(DISTINCT journey_id) AS journeys FROM scope_visit GROUP BY stage_id) v
       ON v.stage_id = s.pj_pathwaystageid
ORDER BY sequence, stage, stage_id;
