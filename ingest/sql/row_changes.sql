-- Classifies staged keyless rows (meetings, questionnaires) as a multiset:
-- the k-th copy of a canonical row is unchanged when at least k identical
-- rows are already stored, else inserted. A cumulative export that re-sends
-- earlier rows thus adds only the new ones, while identical rows within one
-- file stay separate records. {{.Table}} and {{.Columns}} come from Go.
CREATE OR REPLACE TEMP TABLE changes AS
WITH s AS (
    SELECT file_hash, line, {{.Columns}},
        row_number() OVER (PARTITION BY {{.Columns}} ORDER BY file_seq, line) AS copy
    FROM stage_{{.Table}}
),
e AS (
    SELECT {{.Columns}}, count(*) AS stored
    FROM {{.Table}}
    WHERE referral_id IN (SELECT referral_id FROM stage_{{.Table}})
    GROUP BY ALL
)
SELECT
    s.file_hash,
    s.line,
    CASE WHEN coalesce(s.copy <= e.stored, false) THEN 'unchanged' ELSE 'inserted' END AS change
FROM s
LEFT JOIN e ON {{.Join}};
