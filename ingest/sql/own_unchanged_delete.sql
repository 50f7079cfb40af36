-- Takes the file's unchanged rows back out of {{.Table}}; they were stored
-- before. $1 file_hash.
DELETE FROM {{.Table}}
WHERE file_hash = $1 AND line IN (SELECT line FROM unchanged);
