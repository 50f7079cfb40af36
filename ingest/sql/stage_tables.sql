-- Per-file staging tables: released held rows and warnings are appended here
-- (same transaction), compared with what is stored, and only then moved into
-- the raw tables. Temporary: they never outlive the connection.
CREATE OR REPLACE TEMP TABLE stage_meetings AS SELECT * FROM meetings LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_swemwbs_responses AS SELECT * FROM swemwbs_responses LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_participation_responses AS SELECT * FROM participation_responses LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_held_rows AS SELECT * FROM held_rows LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_ingest_warnings AS SELECT * FROM ingest_warnings LIMIT 0;
CREATE OR REPLACE TEMP TABLE stage_released (file_hash VARCHAR, line BIGINT);
CREATE OR REPLACE TEMP TABLE stage_hours_over_cap (referral_id VARCHAR, month DATE, hours DOUBLE);
