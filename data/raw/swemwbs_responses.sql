-- SWEMWBS questionnaires attached to a known referral. Items are 1–5 or NULL
-- (missing); scoring happens in the build.
CREATE TABLE IF NOT EXISTS swemwbs_responses (
    referral_id        VARCHAR NOT NULL,
    client_pseudonym   VARCHAR,          -- when the file gave a client_id
    matched_by         VARCHAR NOT NULL, -- referral_id | client_id
    timepoint          VARCHAR NOT NULL, -- T0 | T1 | T2
    timepoint_inferred BOOLEAN NOT NULL, -- true: the file had none, inferred from dates at ingest
    response_date      DATE NOT NULL,
    q1 TINYINT, q2 TINYINT, q3 TINYINT, q4 TINYINT, q5 TINYINT, q6 TINYINT, q7 TINYINT,
    file_hash          VARCHAR NOT NULL,
    file_seq           BIGINT NOT NULL,
    line               BIGINT NOT NULL
);
