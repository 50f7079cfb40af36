-- Finds the unchanged rows among the file's own keyless rows, which were
-- appended straight into {{.Table}} (file_hash $1): the multiset rule of
-- row_changes.sql against the rows stored from other files. Only rows of
-- referrals that already have stored rows are numbered. The file's rows are
-- read where needed rather than materialised once: a CTE used twice would
-- copy every column of millions of rows.
CREATE OR REPLACE TEMP TABLE unchanged AS
WITH e AS (
    SELECT {{.Columns}}, count(*) AS stored
    FROM {{.Table}}
    WHERE file_hash <> $1
        AND referral_id IN (SELECT referral_id FROM {{.Table}} WHERE file_hash = $1)
    GROUP BY ALL
),
s AS (
    SELECT file_hash, line, {{.Columns}},
        row_number() OVER (PARTITION BY {{.Columns}} ORDER BY file_seq, line) AS copy
    FROM {{.Table}}
    WHERE file_hash = $1 AND referral_id IN (SELECT referral_id FROM e)
)
SELECT s.file_hash, s.line
FROM s
JOIN e ON {{.Join}}
WHERE s.copy <= e.stored;
