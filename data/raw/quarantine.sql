-- Rows that broke a rule, with where and why. Identity codes are masked
-- (010190-9***) in message and raw_row.
CREATE TABLE IF NOT EXISTS quarantine (
    file_hash   VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    file_seq    BIGINT NOT NULL,
    line        BIGINT NOT NULL,
    column_name VARCHAR,            -- the canonical column, NULL for whole-row reasons
    reason_code VARCHAR NOT NULL,   -- see data/inputs.md, "Quarantine reason codes"
    message     VARCHAR NOT NULL,
    raw_row     VARCHAR             -- the row as read, delimiter-joined, masked
);
