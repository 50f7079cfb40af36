-- One row per `linkki analyze`: when it ran and its manifest (version,
-- settings, input file hashes, methods) as JSON.
CREATE TABLE IF NOT EXISTS analysis_runs (
    analyzed_at   TIMESTAMPTZ NOT NULL,
    manifest_json VARCHAR NOT NULL
);
