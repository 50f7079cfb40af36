-- Records a build. Parameters: linkki version, settings JSON.
INSERT INTO build_runs
SELECT
    current_timestamp,
    $1,
    $2,
    CASE WHEN count(*) FILTER (WHERE severity = 'error' AND NOT passed) > 0 THEN 'failed_checks' ELSE 'ok' END,
    count(*) FILTER (WHERE severity = 'error' AND NOT passed),
    count(*) FILTER (WHERE severity = 'warning' AND NOT passed)
FROM check_results
RETURNING built_at, status
