-- Link-worker meetings whose referral is known (held orphans live in
-- held_rows until their referral arrives).
CREATE TABLE IF NOT EXISTS meetings (
    referral_id  VARCHAR NOT NULL,
    meeting_date DATE NOT NULL,
    hours        DOUBLE NOT NULL,   -- > 0 and <= 10
    km           DOUBLE,            -- >= 0, NULL when not given
    activity     VARCHAR,           -- conversation | outdoors | hobby | errand | group | other | NULL
    file_hash    VARCHAR NOT NULL,
    file_seq     BIGINT NOT NULL,
    line         BIGINT NOT NULL
);
