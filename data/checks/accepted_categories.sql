-- severity: error
-- message: a support period has a category value outside the accepted codes of inputs.md
WITH category_values AS (
    SELECT referral_id, 'referrer_sector' AS column_name, referrer_sector AS value FROM support_periods
    UNION ALL SELECT referral_id, 'gender', gender FROM support_periods
    UNION ALL SELECT referral_id, 'end_reason', end_reason FROM support_periods
    UNION ALL SELECT referral_id, 'reasons', unnest(reasons) FROM support_periods
    UNION ALL SELECT referral_id, 'linked_services', unnest(linked_services) FROM support_periods
    UNION ALL SELECT referral_id, 'barriers', unnest(barriers) FROM support_periods
),
accepted AS (
    SELECT 'referrer_sector' AS column_name, unnest([
        'elderly_services', 'mental_health', 'rehabilitation', 'social_services', 'health_services',
        'third_sector', 'parish', 'leisure', 'other']) AS value
    UNION ALL SELECT 'gender', unnest(['female', 'male', 'other'])
    UNION ALL SELECT 'end_reason', unnest(['completed', 'discontinued', 'not_started', 'moved', 'other'])
    UNION ALL SELECT 'reasons', unnest([
        'loneliness', 'social_contacts', 'everyday_activity', 'getting_started', 'lifestyle_change',
        'practical_help', 'other'])
    UNION ALL SELECT 'linked_services', unnest([
        'municipal_services', 'adult_education', 'third_sector', 'parish', 'peer_group', 'other'])
    UNION ALL SELECT 'barriers', unnest([
        'cost', 'transport', 'distance', 'no_suitable_activity', 'language', 'health', 'other'])
)
SELECT v.referral_id, v.column_name, v.value
FROM category_values AS v
ANTI JOIN accepted AS a ON a.column_name = v.column_name AND a.value = v.value
WHERE v.value IS NOT NULL
ORDER BY v.referral_id, v.column_name, v.value
