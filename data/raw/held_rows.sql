-- Meetings and questionnaires whose referral is not known yet. They count as
-- quarantined (orphan) in their file's accounting; ingest moves them into
-- their table when the referral arrives (keeping this file_hash/line as their
-- provenance), records released_file_seq, and counts them in the releasing
-- file's ingest_files.released. An orphan identical to one still held is not
-- held twice (a cumulative export re-sending it).
CREATE TABLE IF NOT EXISTS held_rows (
    kind              VARCHAR NOT NULL,  -- meetings | swemwbs | participation
    referral_id       VARCHAR,
    client_pseudonym  VARCHAR,
    row_json          VARCHAR NOT NULL,  -- the canonical row, identity codes never included
    file_hash         VARCHAR NOT NULL,
    file_seq          BIGINT NOT NULL,
    line              BIGINT NOT NULL,
    released_file_seq BIGINT             -- NULL while held
);
