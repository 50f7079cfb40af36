-- Marks the held rows this file's referrals released. $1 file_seq.
UPDATE held_rows SET released_file_seq = $1
FROM stage_released r
WHERE held_rows.file_hash = r.file_hash AND held_rows.line = r.line
    AND held_rows.released_file_seq IS NULL;
