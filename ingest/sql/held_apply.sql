-- Holds this file's orphans. An orphan identical to one already held (the
-- multiset rule of row_changes.sql) is not held twice, so a cumulative export
-- re-sending it will not release it twice; it still counts as quarantined.
INSERT INTO held_rows
WITH s AS (
    SELECT *, row_number() OVER (
        PARTITION BY kind, referral_id, client_pseudonym, row_json ORDER BY line) AS copy
    FROM stage_held_rows
),
e AS (
    SELECT kind, referral_id, client_pseudonym, row_json, count(*) AS stored
    FROM held_rows
    WHERE released_file_seq IS NULL
    GROUP BY ALL
)
SELECT s.kind, s.referral_id, s.client_pseudonym, s.row_json, s.file_hash, s.file_seq, s.line, s.released_file_seq
FROM s
LEFT JOIN e ON s.kind = e.kind
    AND s.referral_id IS NOT DISTINCT FROM e.referral_id
    AND s.client_pseudonym IS NOT DISTINCT FROM e.client_pseudonym
    AND s.row_json = e.row_json
WHERE e.stored IS NULL OR s.copy > e.stored;
