-- Stores the staged rows classified as inserted. {{.Table}} comes from Go.
INSERT INTO {{.Table}}
SELECT s.* FROM stage_{{.Table}} s JOIN changes c USING (file_hash, line)
WHERE c.change = 'inserted';
