-- Durations (journey-analytics.md §4); journey status 827410002 completed. Percentiles by linear interpolation between closest ranks:
-- percentile_cont(p) WITHIN GROUP (ORDER BY x), accepted by DuckDB and by Spark SQL 3.4 and later.

-- result: stageDurations
SELECT s.stage_id, s.stage, s.sequence, d.closed, d.mean_hours, d.median_hours, d.p90_hours, d.overdue, s.target_hours
FROM (
  SELECT stage_key, count(hours) AS closed, avg(hours) AS mean_hours,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90_hours,
         sum(CASE WHEN hours IS NOT NULL AND was_overdue THEN 1 ELSE 0 END) AS overdue
  FROM (SELECT stage_key, was_overdue, (exited_s - entered_s) / 3600.0 AS hours FROM scope_visit) v
  GROUP BY stage_key
) d JOIN scope_stage s ON s.stage_key = d.stage_key
ORDER BY s.sequence, s.stage, s.stage_id;

-- result: journeyDurations
SELECT count(*) AS journeys,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY (completed_s - started_s) / 3600.0) AS median_hours,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY (completed_s - started_s) / 3600.0) AS p90_hours
FROM scope_journey WHERE status = 827410002 AND completed_s IS NOT NULL AND started_s IS NOT NULL;

-- Business hours: the overlap of [submitted, first response) with each business interval of the calendar.
-- result: referralFirstResponse
SELECT count(*) AS referrals,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY calendar_hours) AS median_calendar_hours,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY business_hours) AS median_business_hours
FROM (
  SELECT r.referral_id, max(r.first_response_s - r.submitted_s) / 3600.0 AS calendar_hours,
         coalesce(sum(CASE WHEN b.open_s IS NULL THEN 0
                           ELSE CASE WHEN b.close_s < r.first_response_s THEN b.close_s ELSE r.first_response_s END
                              - CASE WHEN b.open_s > r.submitted_s THEN b.open_s ELSE r.submitted_s END END), 0) / 3600.0 AS business_hours
  FROM scope_referral r
  LEFT JOIN business_interval b ON b.open_s < r.first_response_s AND b.close_s > r.submitted_s
  WHERE r.first_response_s IS NOT NULL
  GROUP BY r.referral_id
) responses;
