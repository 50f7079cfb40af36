-- Stores the staged rows that are not unchanged. {{.Table}} comes from Go.
INSERT INTO {{.Table}}
SELECT s.* FROM stage_{{.Table}} s
WHERE NOT EXISTS (SELECT 1 FROM unchanged u WHERE u.file_hash = s.file_hash AND u.line = s.line);
