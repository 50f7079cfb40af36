-- Runs one data check and records the outcome. The check's query is
-- formatted into the CTE below (the only SQL text linkki splices, and it
-- comes from the embedded data/checks). Parameters: name, severity, message,
-- query.
INSERT INTO check_results
WITH failing AS MATERIALIZED (
%s
)
SELECT
    $1,
    $2,
    count(*) = 0,
    count(*),
    $3,
    (SELECT coalesce(to_json(list(f)), '[]')::VARCHAR FROM (SELECT * FROM failing LIMIT 5) AS f),
    $4
FROM failing
