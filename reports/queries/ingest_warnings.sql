-- Loaded rows an evaluator should know about, per warning code.
SELECT code, count(*) AS rows_warned, min(message) AS example
FROM ingest_warnings GROUP BY code ORDER BY rows_warned DESC, code;
