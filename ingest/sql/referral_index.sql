-- What matching meetings and questionnaires needs of each current referral;
-- $1 says whether the client pseudonyms are needed (questionnaires only).
SELECT referral_id, CASE WHEN $1 THEN client_pseudonym ELSE '' END, referral_date,
    start_date, end_date, coalesce(end_reason, '')
FROM referrals;
