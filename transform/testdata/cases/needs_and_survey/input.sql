-- Two municipalities and years, one client with two referrals (two support
-- periods, one client), empty and shared categories, and a worker survey
-- with an unanswered statement.
-- tables: needs_and_barriers, participant_flow, worker_survey_summary
INSERT INTO referrals (referral_id, client_pseudonym, referral_date, municipality, municipality_known,
    referrer_sector, reasons, birth_year, start_date, end_date, end_reason, research_consent,
    linked_services, barriers, file_hash, file_seq, line) VALUES
('N1', 'c1', '2023-02-01', 'Inari', true, 'other', ['loneliness', 'social_contacts'], 1960, '2023-02-05', '2023-07-01', 'completed', true, ['peer_group'], ['cost', 'transport'], 'h1', 1, 2),
('N2', 'c1', '2023-09-01', 'Inari', true, 'other', ['loneliness'], 1960, '2023-09-05', NULL, NULL, true, [], ['cost'], 'h1', 1, 3),
('N3', 'c2', '2023-03-01', 'Inari', true, 'other', ['practical_help'], 1970, NULL, NULL, 'not_started', false, [], [], 'h1', 1, 4),
('N4', 'c3', '2024-01-10', 'Utsjoki', true, 'other', ['loneliness'], 1980, '2024-01-15', '2024-03-01', 'discontinued', true, ['parish', 'peer_group'], [], 'h1', 1, 5);
INSERT INTO worker_survey_answers (respondent_id, survey_date, municipality, statement, value, file_hash, file_seq, line, sheet_hash) VALUES
('w1', '2024-05-01', 'Inari', 'Lähete tavoittaa oikeat ihmiset', 4, 'w', 2, 2, 's1'),
('w2', '2024-05-01', 'Inari', 'Lähete tavoittaa oikeat ihmiset', 5, 'w', 2, 3, 's2'),
('w3', '2024-05-02', 'Utsjoki', 'Lähete tavoittaa oikeat ihmiset', 2, 'w', 2, 4, 's3'),
('w1', '2024-05-01', 'Inari', 'Työaikaa on riittävästi', 1, 'w', 2, 2, 's1'),
('w2', '2024-05-01', 'Inari', 'Työaikaa on riittävästi', NULL, 'w', 2, 3, 's2'),
('w3', '2024-05-02', 'Utsjoki', 'Työaikaa on riittävästi', 1, 'w', 2, 4, 's3');
