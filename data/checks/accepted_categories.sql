-- severity: error
-- message: a support period has a category value outside the accepted codes of inputs.md
-- Each value is looked up in its column's list (list_contains) instead of
-- anti-joining every value with a table of the accepted codes, and a list
-- column is unnested only for the periods whose list has a value outside the
-- accepted ones (list_has_all). During a build support_periods is not yet
-- committed, and joining its millions of uncompressed strings cost the most
-- of all checks (1M referrals: 2.8 -> 1.2 CPU-s).
WITH accepted AS (
    SELECT
        ['elderly_services', 'mental_health', 'rehabilitation', 'social_services', 'health_services',
         'third_sector', 'parish', 'leisure', 'other'] AS referrer_sector,
        ['female', 'male', 'other'] AS gender,
        ['completed', 'discontinued', 'not_started', 'moved', 'other'] AS end_reason,
        ['loneliness', 'social_contacts', 'everyday_activity', 'getting_started', 'lifestyle_change',
         'practical_help', 'other'] AS reasons,
        ['municipal_services', 'adult_education', 'third_sector', 'parish', 'peer_group', 'other'] AS linked_services,
        ['cost', 'transport', 'distance', 'no_suitable_activity', 'language', 'health', 'other'] AS barriers
),
category_values AS (
    SELECT p.referral_id, 'referrer_sector' AS column_name, p.referrer_sector AS value, a.referrer_sector AS codes
    FROM support_periods AS p, accepted AS a WHERE NOT list_contains(a.referrer_sector, p.referrer_sector)
    UNION ALL
    SELECT p.referral_id, 'gender', p.gender, a.gender
    FROM support_periods AS p, accepted AS a WHERE NOT list_contains(a.gender, p.gender)
    UNION ALL
    SELECT p.referral_id, 'end_reason', p.end_reason, a.end_reason
    FROM support_periods AS p, accepted AS a WHERE NOT list_contains(a.end_reason, p.end_reason)
    UNION ALL
    SELECT p.referral_id, 'reasons', unnest(p.reasons), a.reasons
    FROM support_periods AS p, accepted AS a WHERE NOT list_has_all(a.reasons, p.reasons)
    UNION ALL
    SELECT p.referral_id, 'linked_services', unnest(p.linked_services), a.linked_services
    FROM support_periods AS p, accepted AS a WHERE NOT list_has_all(a.linked_services, p.linked_services)
    UNION ALL
    SELECT p.referral_id, 'barriers', unnest(p.barriers), a.barriers
    FROM support_periods AS p, accepted AS a WHERE NOT list_has_all(a.barriers, p.barriers)
)
SELECT referral_id, column_name, value
FROM category_values
WHERE value IS NOT NULL AND NOT list_contains(codes, value)
ORDER BY referral_id, column_name, value
