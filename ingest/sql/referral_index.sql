-- What matching meetings and questionnaires needs of each current referral;
-- $1 says whether the client pseudonyms are needed (questionnaires only).
-- started: the support period began (a start date, and it did not end as
-- not_started).
SELECT referral_id, CASE WHEN $1 THEN client_pseudonym ELSE '' END AS client_pseudonym,
    referral_date, start_date, end_date,
    start_date IS NOT NULL AND coalesce(end_reason, '') <> 'not_started' AS started
FROM referrals;
