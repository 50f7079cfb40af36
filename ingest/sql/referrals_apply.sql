-- New and changed referrals become a new history version and the current
-- row; unchanged ones leave both tables as they are.
INSERT INTO referral_history
SELECT s.* FROM stage_referrals s JOIN changes c USING (file_hash, line)
WHERE c.change <> 'unchanged';

DELETE FROM referrals
WHERE referral_id IN (SELECT referral_id FROM changes WHERE change = 'updated');

INSERT INTO referrals
SELECT s.* FROM stage_referrals s JOIN changes c USING (file_hash, line)
WHERE c.change <> 'unchanged';
