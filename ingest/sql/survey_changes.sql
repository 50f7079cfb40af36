-- Finds the unchanged worker-survey answer sheets among the file's own
-- (appended straight into worker_survey_answers, file_hash $1), as a
-- multiset by the hash of the whole sheet (respondent, date, municipality,
-- every statement's answer); see row_changes.sql.
CREATE OR REPLACE TEMP TABLE unchanged AS
WITH cur AS (
    SELECT DISTINCT file_hash, file_seq, line, sheet_hash FROM worker_survey_answers WHERE file_hash = $1
),
e AS (
    SELECT sheet_hash, count(DISTINCT (file_hash, line)) AS stored
    FROM worker_survey_answers
    WHERE file_hash <> $1 AND sheet_hash IN (SELECT sheet_hash FROM cur)
    GROUP BY sheet_hash
),
s AS (
    SELECT file_hash, line, sheet_hash,
        row_number() OVER (PARTITION BY sheet_hash ORDER BY file_seq, line) AS copy
    FROM cur
    WHERE sheet_hash IN (SELECT sheet_hash FROM e)
)
SELECT s.file_hash, s.line
FROM s
JOIN e USING (sheet_hash)
WHERE s.copy <= e.stored;
