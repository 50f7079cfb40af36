-- The file's new and changed referrals (file_seq $1) become the current row;
-- its unchanged ones are taken back out of referral_history (the version
-- they repeat is there already) and leave the snapshot untouched. Only the
-- last statement may take the parameter.
CREATE OR REPLACE TEMP TABLE unchanged AS
SELECT file_hash, line FROM changes WHERE change = 'unchanged';

DELETE FROM referral_history h
USING unchanged u
WHERE h.file_hash = u.file_hash AND h.line = u.line;

DELETE FROM referrals
WHERE referral_id IN (SELECT referral_id FROM changes WHERE change = 'updated');

INSERT INTO referrals
SELECT * FROM referral_history WHERE file_seq = $1;
