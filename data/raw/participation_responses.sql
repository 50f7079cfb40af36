-- THL osallisuusindikaattori (ESIS) questionnaires attached to a known referral.
CREATE TABLE IF NOT EXISTS participation_responses (
    referral_id        VARCHAR NOT NULL,
    client_pseudonym   VARCHAR,
    matched_by         VARCHAR NOT NULL,
    timepoint          VARCHAR NOT NULL,
    timepoint_inferred BOOLEAN NOT NULL,
    response_date      DATE NOT NULL,
    p1 TINYINT, p2 TINYINT, p3 TINYINT, p4 TINYINT, p5 TINYINT,
    p6 TINYINT, p7 TINYINT, p8 TINYINT, p9 TINYINT, p10 TINYINT,
    file_hash          VARCHAR NOT NULL,
    file_seq           BIGINT NOT NULL,
    line               BIGINT NOT NULL
);
