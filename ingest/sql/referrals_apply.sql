-- New and changed referrals become a new history version and the current
-- row; unchanged ones leave both tables as they are. Staging holds one
-- file's rows, so line identifies a row; the anti-join on the (usually
-- small) unchanged table is cheaper than joining every row to changes.
INSERT INTO referral_history
SELECT s.* FROM stage_referrals s
WHERE s.line NOT IN (SELECT line FROM unchanged);

DELETE FROM referrals
WHERE referral_id IN (SELECT referral_id FROM changes WHERE change = 'updated');

INSERT INTO referrals
SELECT s.* FROM stage_referrals s
WHERE s.line NOT IN (SELECT line FROM unchanged);
