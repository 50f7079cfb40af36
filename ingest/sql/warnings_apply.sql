-- Keeps the warnings of rows that were stored (inserted or updated); a row
-- that is unchanged was warned about when it first arrived.
INSERT INTO ingest_warnings
SELECT w.* FROM stage_ingest_warnings w
WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.file_hash = w.file_hash AND u.line = w.line);
