-- Facts about the database itself, e.g. ('key_fingerprint', …) so that a
-- different pseudonym key is refused, and ('schema_version', '1').
CREATE TABLE IF NOT EXISTS project_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
