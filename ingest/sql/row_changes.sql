-- Finds the staged keyless rows (meetings, questionnaires) that are
-- unchanged, comparing as multisets: the k-th copy of a canonical row is
-- unchanged when at least k identical rows are already stored; every other
-- staged row is inserted. A cumulative export that re-sends earlier rows
-- thus adds only the new ones, while identical rows within one file stay
-- separate records. Only rows of referrals that already have stored rows
-- are numbered, so new data costs one semi-join. {{.Table}}, {{.Columns}}
-- and {{.Join}} come from Go.
CREATE OR REPLACE TEMP TABLE unchanged AS
WITH e AS (
    SELECT {{.Columns}}, count(*) AS stored
    FROM {{.Table}}
    WHERE referral_id IN (SELECT referral_id FROM stage_{{.Table}})
    GROUP BY ALL
),
s AS (
    SELECT file_hash, line, {{.Columns}},
        row_number() OVER (PARTITION BY {{.Columns}} ORDER BY file_seq, line) AS copy
    FROM stage_{{.Table}}
    WHERE referral_id IN (SELECT referral_id FROM e)
)
SELECT s.file_hash, s.line
FROM s
JOIN e ON {{.Join}}
WHERE s.copy <= e.stored;
