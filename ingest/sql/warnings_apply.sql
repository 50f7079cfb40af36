-- Keeps the warnings of rows that were stored (inserted or updated); a row
-- that is unchanged was warned about when it first arrived.
INSERT INTO ingest_warnings
SELECT w.* FROM stage_ingest_warnings w JOIN changes c USING (file_hash, line)
WHERE c.change <> 'unchanged';
