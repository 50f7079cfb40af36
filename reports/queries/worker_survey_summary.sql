-- The link-worker survey, one row per statement.
SELECT statement, n, mean, sd, value_1, value_2, value_3, value_4, value_5
FROM worker_survey_summary ORDER BY statement;
