-- The data checks of the latest build.
SELECT check_name, severity, passed, failing_rows, message
FROM check_results ORDER BY passed, severity, check_name;
