-- When the latest analysis was made.
SELECT strftime(analyzed_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS analyzed_on
FROM analysis_runs ORDER BY analyzed_at DESC LIMIT 1;
