-- Things that are not row errors but matter to evaluators: an unknown
-- municipality, an identity code contradicting the birth_year column, more
-- than 10 hours in a calendar month, support longer than 6 months, a meeting
-- outside the support period, a questionnaire far from its time point.
CREATE TABLE IF NOT EXISTS ingest_warnings (
    file_hash   VARCHAR NOT NULL,
    file_seq    BIGINT NOT NULL,
    line        BIGINT,
    referral_id VARCHAR,
    code        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL
);
