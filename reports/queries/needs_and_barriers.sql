-- What people were referred for, what they were linked to and what stopped
-- them, for the filtered support periods (the model table
-- needs_and_barriers holds the same counts per municipality and year).
-- sp's lists are distinct, so a period counts once per category and
-- count(*) counts periods.
WITH d AS (
    SELECT 'reason' AS dimension, unnest(reasons) AS category, client_id, single FROM sp
    UNION ALL SELECT 'linked_service', unnest(linked_services), client_id, single FROM sp
    UNION ALL SELECT 'barrier', unnest(barriers), client_id, single FROM sp
)
SELECT dimension, category, count(*) AS periods, clients(client_id, single) AS clients
FROM d GROUP BY ALL ORDER BY dimension, periods DESC, category;
