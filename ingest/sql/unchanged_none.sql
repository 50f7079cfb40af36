-- An empty unchanged table: the file's keyless table held nothing to compare
-- with (see own_others.sql).
CREATE OR REPLACE TEMP TABLE unchanged (file_hash VARCHAR, line BIGINT);
