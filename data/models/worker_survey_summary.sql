-- The link-worker survey per statement: answers, mean, sample SD and the
-- distribution over the five response options.
CREATE OR REPLACE TABLE worker_survey_summary AS
SELECT
    statement,
    count(value) AS n,
    avg(value) AS mean,
    stddev_samp(value) AS sd,
    count(*) FILTER (WHERE value = 1) AS value_1,
    count(*) FILTER (WHERE value = 2) AS value_2,
    count(*) FILTER (WHERE value = 3) AS value_3,
    count(*) FILTER (WHERE value = 4) AS value_4,
    count(*) FILTER (WHERE value = 5) AS value_5,
    count(*) FILTER (WHERE value IS NULL) AS unanswered
FROM worker_survey_answers
GROUP BY statement
