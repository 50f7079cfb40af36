-- Things that are not row errors but matter to evaluators: an unknown
-- municipality, an identity code contradicting the birth_year column, more
-- than 10 hours in a calendar month, support longer than 6 months, a meeting
-- outside the support period, a questionnaire far from its time point.
CREATE TABLE IF NOT EXISTS ingest_warnings (
    file_hash   VARCHAR NOT NULL,
    file_seq    BIGINT NOT NULL,
    line        BIGINT,           -- NULL for hours_over_cap (a month, not a row)
    referral_id VARCHAR,
    code        VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    -- Added by ingest: what a warning that is not about one row is about, e.g.
    -- the month '2022-03' of hours_over_cap, so it is raised once. Codes:
    -- unknown_municipality, identity_conflict, hours_over_cap,
    -- support_over_six_months, meeting_outside_period,
    -- questionnaire_far_from_timepoint.
    subject     VARCHAR
);
