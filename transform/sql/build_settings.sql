-- The settings of this build as a one-row table, read by the models instead
-- of templating values into SQL. The single parameter is the settings as JSON
-- (the same text stored in build_runs.settings_json).
CREATE OR REPLACE TABLE build_settings AS
SELECT
    (j->'support_model'->>'max_hours_per_month')::DOUBLE AS max_hours_per_month,
    (j->'support_model'->>'max_support_days')::INTEGER AS max_support_days,
    (j->'support_model'->>'follow_up_days')::INTEGER AS follow_up_days,
    (j->'support_model'->>'questionnaire_tolerance_days')::INTEGER AS questionnaire_tolerance_days,
    (j->'costs'->>'hourly_rate_eur')::DOUBLE AS hourly_rate_eur,
    (j->'scoring'->>'swemwbs_prorate_one_missing')::BOOLEAN AS swemwbs_prorate_one_missing,
    (j->'scoring'->>'esis_max_missing')::INTEGER AS esis_max_missing,
    (j->'outcomes'->>'swemwbs_threshold')::DOUBLE AS swemwbs_threshold,
    (j->'outcomes'->>'esis_threshold')::DOUBLE AS esis_threshold,
    (j->'outcomes'->>'swemwbs_reliability')::DOUBLE AS swemwbs_reliability,
    (j->'outcomes'->>'esis_reliability')::DOUBLE AS esis_reliability
FROM (SELECT ?::JSON AS j)
