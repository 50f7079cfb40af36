-- Selection among several questionnaires per time point: an earlier one that
-- cannot be scored loses to a scorable one; on the same date the file
-- ingested later wins, then the later line. A time point with no scorable
-- questionnaire has no score and no duplicates. A not-started period's
-- scores stay out of outcome_scores. Raw 29 converts to 26.02.
-- tables: questionnaire_scores, outcome_scores
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line) VALUES
('S1', 'c1', '2023-01-02', 'Inari', true, 'other', ['other'], 1960, '2023-01-09', '2023-06-01', 'completed', true, [], [], 'h1', 1, 2),
('S2', 'c2', '2023-01-02', 'Inari', true, 'other', ['other'], 1960, NULL, NULL, 'not_started', true, [], [], 'h1', 1, 3);
INSERT INTO swemwbs_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    q1, q2, q3, q4, q5, q6, q7, file_hash, file_seq, line) VALUES
('S1', 'referral_id', 'T0', false, '2023-01-10', 4, 4, 4, 4, 4, 4, 4, 'q1', 2, 2),
('S1', 'referral_id', 'T0', false, '2023-01-05', 4, 4, 4, 4, 4, 4, NULL, 'q1', 2, 3),
('S1', 'referral_id', 'T0', false, '2023-01-10', 3, 3, 3, 3, 3, 3, 3, 'q2', 3, 4),
('S1', 'referral_id', 'T0', false, '2023-01-10', 5, 5, 5, 5, 5, 5, 5, 'q2', 3, 5),
('S1', 'referral_id', 'T1', true, '2023-06-01', 5, 5, 4, 4, 4, 3, 4, 'q2', 3, 6),
('S1', 'referral_id', 'T2', false, '2023-09-01', 5, NULL, 4, 4, 4, 3, 4, 'q2', 3, 7),
('S2', 'referral_id', 'T0', false, '2023-01-10', 1, 1, 1, 1, 1, 1, 1, 'q2', 3, 8);
INSERT INTO participation_responses (referral_id, matched_by, timepoint, timepoint_inferred, response_date,
    p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, file_hash, file_seq, line) VALUES
('S1', 'referral_id', 'T0', false, '2023-01-10', 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 'p1', 4, 2),
('S1', 'referral_id', 'T1', false, '2023-05-30', 4, 4, 4, 4, 4, 4, 4, 4, 4, NULL, 'p1', 4, 3),
('S1', 'referral_id', 'T1', false, '2023-06-02', 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 'p1', 4, 4),
('S2', 'referral_id', 'T0', false, '2023-01-10', 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 'p1', 4, 5);
