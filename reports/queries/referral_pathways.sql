-- The Sankey's links: referrer sector → reason and reason → how the support
-- period ended (status). A referral with several reasons flows through each;
-- sp's lists are distinct, so count(*) counts periods. r is materialised:
-- inlined, both aggregates would unnest the reasons again.
WITH r AS MATERIALIZED (
    SELECT referrer_sector, unnest(reasons) AS reason, status, client_id FROM sp
)
SELECT 'sector' AS source_level, referrer_sector AS source, 'reason' AS target_level, reason AS target,
    count(*) AS periods, count(DISTINCT client_id) AS clients
FROM r GROUP BY ALL
UNION ALL
SELECT 'reason', reason, 'status', status, count(*), count(DISTINCT client_id)
FROM r GROUP BY ALL
ORDER BY 1, 2, 4;
