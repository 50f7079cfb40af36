-- Headline counts of the filtered support periods (view sp) and the sums
-- of their contacts and costs (one row per referral each). Clients with
-- several periods are first collapsed to one row each (report_clients), so
-- one count per figure counts clients. The sums take contacts and costs
-- whose referral is in sp: a semi-join builds no payload and cost half of
-- joining both tables to every period.
WITH per_client AS (
    SELECT bool_or(started) AS started, bool_or(completed) AS completed,
        bool_or(duration_days IS NOT NULL) AS with_duration
    FROM sp WHERE NOT single GROUP BY client_id
    UNION ALL
    SELECT started, completed, duration_days IS NOT NULL FROM sp WHERE single
), clients AS (
    SELECT count(*) AS clients, count(*) FILTER (WHERE started) AS started_clients,
        count(*) FILTER (WHERE completed) AS completed_clients,
        count(*) FILTER (WHERE with_duration) AS duration_clients
    FROM per_client
), periods AS (
    SELECT
        count(*) AS referrals,
        count(*) FILTER (WHERE started) AS started,
        count(*) FILTER (WHERE completed) AS completed,
        count(*) FILTER (WHERE discontinued) AS discontinued,
        count(*) FILTER (WHERE ongoing) AS ongoing,
        count(*) FILTER (WHERE status = 'not_started') AS not_started,
        count(*) FILTER (WHERE status IN ('moved', 'other')) AS ended_otherwise,
        quantile_cont(duration_days, 0.5) AS median_duration_days,
        min(referral_date) AS first_referral,
        max(referral_date) AS last_referral
    FROM sp
), contact_sums AS (
    SELECT coalesce(sum(hours), 0) AS hours, coalesce(sum(meetings), 0) AS meetings
    FROM contacts WHERE referral_id IN (SELECT referral_id FROM sp)
), cost_sums AS (
    SELECT coalesce(sum(total_eur), 0) AS cost_eur
    FROM costs WHERE referral_id IN (SELECT referral_id FROM sp)
)
SELECT referrals, clients, started, started_clients, completed, completed_clients, discontinued, ongoing,
    not_started, ended_otherwise, median_duration_days, duration_clients, hours, meetings, cost_eur,
    first_referral, last_referral
FROM periods, clients, contact_sums, cost_sums;
