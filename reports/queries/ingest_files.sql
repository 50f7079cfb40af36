-- Every ingested file with its hash and what became of its rows.
SELECT file_name, kind, file_hash, size_bytes, strftime(ingested_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS ingested_on,
    rows_read, inserted + updated + unchanged AS loaded, quarantined
FROM ingest_files ORDER BY file_seq;
