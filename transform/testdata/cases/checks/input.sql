-- Data that breaks checks: an unknown gender code and a meeting of an
-- unknown referral (errors: the build fails, the tables are still written),
-- and for warnings: T1 before T0, T2 far from end + 90 days, an end before
-- the start, an unknown municipality, a long period, a heavy month, a
-- meeting outside the period, a duplicate and an unscorable questionnaire.
-- tables: check_results
-- fails: accepted_categories, meeting_references_referral
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, gender, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line) VALUES
('K1', 'c1', '2023-01-02', 'Inari', true, 'other', ['other'], 1960, 'unknown', '2023-01-09', '2023-06-01', 'completed', true, [], [], 'h1', 1, 2),
('K2', 'c2', '2023-01-02', 'Tuntematon', false, 'other', ['other'], 1960, NULL, '2023-03-01', '2023-02-01', 'completed', true, [], [], 'h1', 1, 3),
('K3', 'c3', '2023-01-02', 'Inari', true, 'other', ['other'], 1960, NULL, '2023-01-09', '2023-12-01', 'completed', true, [], [], 'h1', 1, 4);
INSERT INTO meetings (referral_id, meeting_date, hours, km, activity, file_hash, file_seq, line) VALUES
('K1', '2023-02-01', 6, NULL, 'conversation', 'm1', 2, 2),
('K1', '2023-02-02', 6, NULL, 'conversation', 'm1', 2, 3),
('K1', '2023-07-01', 1, NULL, 'conversation', 'm1', 2, 4),
('X9', '2023-02-01', 1, NULL, 'conversation', 'm1', 2, 5);
INSERT INTO swemwbs_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line) VALUES
('K1', 'referral_id', 'T0', false, '2023-05-10', 4, 4, 4, 4, 4, 4, 4, 'q1', 3, 2),
('K1', 'referral_id', 'T1', false, '2023-05-01', 4, 4, 4, 4, 4, 4, 4, 'q1', 3, 3),
('K1', 'referral_id', 'T2', false, '2024-01-15', 4, 4, 4, 4, 4, 4, 4, 'q1', 3, 4),
('K1', 'referral_id', 'T2', false, '2024-01-20', 4, 4, 4, 4, 4, 4, 4, 'q1', 3, 5),
('K3', 'referral_id', 'T0', false, '2023-01-10', 4, NULL, 4, 4, 4, 4, 4, 'q1', 3, 6);
