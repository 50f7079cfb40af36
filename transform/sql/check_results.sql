-- The outcome of every data check of the latest build; filled by running
-- check_result.sql once per check.
CREATE OR REPLACE TABLE check_results (
    check_name   VARCHAR NOT NULL,  -- the check's file name in data/checks
    severity     VARCHAR NOT NULL,  -- error | warning
    passed       BOOLEAN NOT NULL,
    failing_rows BIGINT NOT NULL,
    message      VARCHAR NOT NULL,
    sample       VARCHAR NOT NULL,  -- JSON array of up to 5 failing rows
    query        VARCHAR NOT NULL   -- the check's SQL: run it to see every failing row
)
