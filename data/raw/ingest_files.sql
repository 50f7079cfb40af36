-- One row per ingested file: the registry that makes re-ingesting a file a no-op
-- and the accounting rows_read = inserted + updated + unchanged + quarantined
-- (blank lines are not rows; a malformed record is one quarantined row).
CREATE TABLE IF NOT EXISTS ingest_files (
    file_hash      VARCHAR PRIMARY KEY,  -- SHA-256 of the file's bytes
    file_seq       BIGINT NOT NULL,      -- ingest order, 1, 2, 3 … ("latest" = highest)
    file_name      VARCHAR NOT NULL,     -- base name as given
    file_path      VARCHAR NOT NULL,     -- path as given on the command line
    kind           VARCHAR NOT NULL,     -- referrals | meetings | swemwbs | participation | worker_survey
    size_bytes     BIGINT NOT NULL,
    encoding       VARCHAR,              -- utf-8 | utf-8-bom | windows-1252 | xlsx
    delimiter      VARCHAR,
    sheet          VARCHAR,
    ingested_at    TIMESTAMPTZ NOT NULL,
    rows_read      BIGINT NOT NULL,
    inserted       BIGINT NOT NULL,
    updated        BIGINT NOT NULL,
    unchanged      BIGINT NOT NULL,
    quarantined    BIGINT NOT NULL,
    -- Added by ingest: earlier held rows (orphan meetings/questionnaires of
    -- older files) that this file's referrals released. They are not rows of
    -- this file, so they are outside rows_read; their own file counted them
    -- as quarantined (orphan) and held_rows.released_file_seq names this file.
    released       BIGINT NOT NULL DEFAULT 0
);
