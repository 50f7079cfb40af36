-- Referrals by one attribute of the support period ($1: municipality or
-- referrer_sector). By reason they come from needs_and_barriers.
SELECT coalesce(CASE $1 WHEN 'municipality' THEN municipality
                        WHEN 'referrer_sector' THEN referrer_sector END, 'missing') AS key,
    count(*) AS periods, clients(client_id, single) AS clients
FROM sp GROUP BY 1 ORDER BY periods DESC, key;
