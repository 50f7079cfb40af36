-- severity: warning
-- message: the selected T1 questionnaire was answered on or before the selected T0 of the same instrument
SELECT t0.referral_id, t0.instrument, t0.response_date AS t0_date, t1.response_date AS t1_date
FROM questionnaire_scores AS t0
JOIN questionnaire_scores AS t1
    ON t1.referral_id = t0.referral_id AND t1.instrument = t0.instrument
WHERE t0.selected AND t0.timepoint = 'T0'
  AND t1.selected AND t1.timepoint = 'T1'
  AND t1.response_date <= t0.response_date
ORDER BY t0.referral_id, t0.instrument
