-- Monthly trends for the report page (not part of metrics.json): NPS by month responded, no-shows by month scheduled.

-- result: npsByMonth
SELECT month, count(*) AS responses,
       sum(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
       sum(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors
FROM scope_survey WHERE month IS NOT NULL GROUP BY month ORDER BY month;

-- result: noShowByMonth
SELECT month, sum(CASE WHEN attendance = 827410004 THEN 1 ELSE 0 END) AS no_shows,
       sum(CASE WHEN attendance IN (827410002, 827410003, 827410004) THEN 1 ELSE 0 END) AS came_due
FROM scope_appointment WHERE month IS NOT NULL GROUP BY month ORDER BY month;
