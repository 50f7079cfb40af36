-- Every accepted version of every referral, oldest first; the current version
-- of a referral is the one with the highest file_seq (see referrals).
CREATE TABLE IF NOT EXISTS referral_history (
    referral_id         VARCHAR NOT NULL,
    client_pseudonym    VARCHAR NOT NULL,  -- HMAC-SHA-256(key, client_id), hex
    referral_date       DATE NOT NULL,
    municipality        VARCHAR NOT NULL,  -- official spelling when on the shipped list
    municipality_known  BOOLEAN NOT NULL,  -- false: kept as given, with a warning
    referrer_sector     VARCHAR NOT NULL,
    referrer_profession VARCHAR,
    reasons             VARCHAR[] NOT NULL, -- canonical codes, distinct, in first-seen order
    birth_year          INTEGER,
    gender              VARCHAR,            -- female | male | other | NULL
    link_worker_id      VARCHAR,
    start_date          DATE,
    end_date            DATE,
    end_reason          VARCHAR,            -- completed | discontinued | not_started | moved | other | NULL
    research_consent    BOOLEAN NOT NULL,
    linked_services     VARCHAR[] NOT NULL,
    barriers            VARCHAR[] NOT NULL,
    file_hash           VARCHAR NOT NULL,
    file_seq            BIGINT NOT NULL,
    line                BIGINT NOT NULL     -- 1-based physical line of the row's start (XLSX: row number)
);
