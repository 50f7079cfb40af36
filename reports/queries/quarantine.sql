-- Rejected rows per file and reason.
SELECT file_name, reason_code, count(*) AS rows_quarantined
FROM quarantine GROUP BY ALL ORDER BY min(file_seq), rows_quarantined DESC, reason_code;
