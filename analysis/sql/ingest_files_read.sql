-- The ingested files, for the run manifest's input hashes.
SELECT file_path, file_hash, kind, rows_read, size_bytes
FROM ingest_files
ORDER BY file_seq
