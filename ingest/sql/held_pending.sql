-- Held rows still waiting for their referral, oldest first.
SELECT kind, row_json, file_hash, file_seq, line
FROM held_rows
WHERE released_file_seq IS NULL
ORDER BY file_seq, line;
