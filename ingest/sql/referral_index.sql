-- What matching meetings and questionnaires needs of each current referral.
SELECT referral_id, client_pseudonym, referral_date, start_date, end_date, coalesce(end_reason, '')
FROM referrals;
