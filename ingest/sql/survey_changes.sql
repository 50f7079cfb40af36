-- Classifies staged worker-survey answer sheets as a multiset by the hash of
-- the whole sheet (respondent, date, municipality, every statement's answer).
CREATE OR REPLACE TEMP TABLE changes AS
WITH sheets AS (
    SELECT DISTINCT file_hash, file_seq, line, sheet_hash FROM stage_worker_survey_answers
),
s AS (
    SELECT *, row_number() OVER (PARTITION BY sheet_hash ORDER BY file_seq, line) AS copy
    FROM sheets
),
e AS (
    SELECT sheet_hash, count(DISTINCT (file_hash, line)) AS stored
    FROM worker_survey_answers
    WHERE sheet_hash IN (SELECT sheet_hash FROM sheets)
    GROUP BY sheet_hash
)
SELECT
    s.file_hash,
    s.line,
    CASE WHEN coalesce(s.copy <= e.stored, false) THEN 'unchanged' ELSE 'inserted' END AS change
FROM s
LEFT JOIN e USING (sheet_hash);
