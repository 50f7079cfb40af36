-- The Sankey's links: referrer sector → reason and reason → how the support
-- period ended (status). A referral with several reasons flows through each;
-- the lists are distinct, so count(*) counts periods. Each side unnests the
-- reasons on its own: a materialised unnest (flat strings) cost more than
-- unnesting twice.
SELECT 'sector' AS source_level, referrer_sector AS source, 'reason' AS target_level, reason AS target,
    count(*) AS periods, clients(client_id, single) AS clients
FROM (SELECT referrer_sector, unnest(reasons) AS reason, client_id, single FROM sp)
GROUP BY ALL
UNION ALL
SELECT 'reason', reason, 'status', status, count(*), clients(client_id, single)
FROM (SELECT unnest(reasons) AS reason, status, client_id, single FROM sp)
GROUP BY ALL
ORDER BY 1, 2, 4;
