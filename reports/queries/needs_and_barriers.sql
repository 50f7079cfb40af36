-- What people were referred for, what they were linked to and what stopped
-- them, for the filtered support periods (the model table
-- needs_and_barriers holds the same counts per municipality and year).
WITH d AS (
    SELECT 'reason' AS dimension, unnest(reasons) AS category, referral_id, client_pseudonym FROM sp
    UNION ALL SELECT 'linked_service', unnest(linked_services), referral_id, client_pseudonym FROM sp
    UNION ALL SELECT 'barrier', unnest(barriers), referral_id, client_pseudonym FROM sp
)
SELECT dimension, category, count(DISTINCT referral_id) AS periods, count(DISTINCT client_pseudonym) AS clients
FROM d GROUP BY ALL ORDER BY dimension, periods DESC, category;
