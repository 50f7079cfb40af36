-- The current snapshot: one row per referral_id, the version from the most
-- recently ingested file in which the referral passed validation. Same columns
-- as referral_history.
CREATE TABLE IF NOT EXISTS referrals (
    referral_id         VARCHAR PRIMARY KEY,
    client_pseudonym    VARCHAR NOT NULL,
    referral_date       DATE NOT NULL,
    municipality        VARCHAR NOT NULL,
    municipality_known  BOOLEAN NOT NULL,
    referrer_sector     VARCHAR NOT NULL,
    referrer_profession VARCHAR,
    reasons             VARCHAR[] NOT NULL,
    birth_year          INTEGER,
    gender              VARCHAR,
    link_worker_id      VARCHAR,
    start_date          DATE,
    end_date            DATE,
    end_reason          VARCHAR,
    research_consent    BOOLEAN NOT NULL,
    linked_services     VARCHAR[] NOT NULL,
    barriers            VARCHAR[] NOT NULL,
    file_hash           VARCHAR NOT NULL,
    file_seq            BIGINT NOT NULL,
    line                BIGINT NOT NULL
);
