-- When the latest model build was made, and by which linkki.
SELECT strftime(built_at AT TIME ZONE 'UTC', '%Y-%m-%d') AS built_on, linkki_version
FROM build_runs ORDER BY built_at DESC LIMIT 1;
