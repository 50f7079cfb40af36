-- Whether {{.Table}} holds rows from files other than this one (file_hash
-- $1). When it does not, none of the file's rows can be unchanged and the
-- multiset comparison of own_changes.sql is skipped.
SELECT EXISTS (SELECT 1 FROM {{.Table}} WHERE file_hash <> $1);
