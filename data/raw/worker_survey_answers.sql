-- The link-worker survey in long form: one row per answer sheet and statement.
CREATE TABLE IF NOT EXISTS worker_survey_answers (
    respondent_id VARCHAR NOT NULL,
    survey_date   DATE NOT NULL,
    municipality  VARCHAR NOT NULL,
    statement     VARCHAR NOT NULL, -- the column header, the statement's text
    value         TINYINT,          -- 1–5, NULL when unanswered
    file_hash     VARCHAR NOT NULL,
    file_seq      BIGINT NOT NULL,
    line          BIGINT NOT NULL,
    -- Added by ingest: SHA-256 of the whole answer sheet in canonical values,
    -- so that a re-sent sheet is recognised as unchanged.
    sheet_hash    VARCHAR NOT NULL
);
