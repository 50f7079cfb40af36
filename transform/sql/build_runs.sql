-- One row per build, kept across builds: when, which linkki, with which
-- settings, and whether the data checks let the pipeline go on.
CREATE TABLE IF NOT EXISTS build_runs (
    built_at        TIMESTAMPTZ NOT NULL,
    linkki_version  VARCHAR NOT NULL,
    settings_json   VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,  -- ok | failed_checks (an error-severity check failed)
    checks_failed   BIGINT NOT NULL,   -- error-severity checks that failed
    checks_warned   BIGINT NOT NULL    -- warning-severity checks that failed
)
