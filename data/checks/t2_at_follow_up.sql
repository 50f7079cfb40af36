-- severity: warning
-- message: the selected T2 questionnaire is not within support_model.questionnaire_tolerance_days of end_date + support_model.follow_up_days (or the period has no end date)
SELECT q.referral_id, q.instrument, q.response_date, p.end_date,
       p.end_date + s.follow_up_days AS due_date
FROM questionnaire_scores AS q
JOIN support_periods AS p ON p.referral_id = q.referral_id
CROSS JOIN build_settings AS s
WHERE q.selected AND q.timepoint = 'T2'
  AND (p.end_date IS NULL
       OR abs(q.response_date - (p.end_date + s.follow_up_days)) > s.questionnaire_tolerance_days)
ORDER BY q.referral_id, q.instrument
