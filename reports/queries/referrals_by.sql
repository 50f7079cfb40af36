-- Referrals by one attribute of the support period ($1: municipality,
-- referrer_sector or reason; a referral with several reasons counts in each,
-- once per reason, so count(*) counts periods).
WITH keyed AS (
    SELECT CASE $1 WHEN 'municipality' THEN municipality
                   WHEN 'referrer_sector' THEN referrer_sector END AS key,
        client_id, single
    FROM sp WHERE $1 <> 'reason'
    UNION ALL
    SELECT unnest(reasons), client_id, single FROM sp WHERE $1 = 'reason'
)
SELECT coalesce(key, 'missing') AS key, count(*) AS periods,
    clients(client_id, single) AS clients
FROM keyed GROUP BY 1 ORDER BY periods DESC, key;
