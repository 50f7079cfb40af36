-- Headline counts of the filtered support periods (temp table sp) and
-- their contacts and costs. The contact sums share one join, materialised.
WITH contact_sums AS MATERIALIZED (
    SELECT coalesce(sum(c.hours), 0) AS hours, coalesce(sum(c.meetings), 0) AS meetings
    FROM contacts c JOIN sp USING (referral_id)
)
SELECT
    count(*) AS referrals,
    count(DISTINCT client_id) AS clients,
    count(*) FILTER (WHERE started) AS started,
    count(DISTINCT client_id) FILTER (WHERE started) AS started_clients,
    count(*) FILTER (WHERE completed) AS completed,
    count(DISTINCT client_id) FILTER (WHERE completed) AS completed_clients,
    count(*) FILTER (WHERE discontinued) AS discontinued,
    count(*) FILTER (WHERE ongoing) AS ongoing,
    count(*) FILTER (WHERE status = 'not_started') AS not_started,
    count(*) FILTER (WHERE status IN ('moved', 'other')) AS ended_otherwise,
    quantile_cont(duration_days, 0.5) AS median_duration_days,
    count(DISTINCT client_id) FILTER (WHERE duration_days IS NOT NULL) AS duration_clients,
    (SELECT hours FROM contact_sums) AS hours,
    (SELECT meetings FROM contact_sums) AS meetings,
    (SELECT coalesce(sum(k.total_eur), 0) FROM costs k JOIN sp USING (referral_id)) AS cost_eur,
    min(referral_date) AS first_referral,
    max(referral_date) AS last_referral
FROM sp;
