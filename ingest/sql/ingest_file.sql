-- Registers an ingested file with its accounting.
INSERT INTO ingest_files (file_hash, file_seq, file_name, file_path, kind, size_bytes, encoding,
    delimiter, sheet, ingested_at, rows_read, inserted, updated, unchanged, quarantined, released)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16);
