-- severity: error
-- message: a questionnaire has an unknown time point or a score outside its range (SWEMWBS raw and metric 7–35, ESIS 0–100)
SELECT referral_id, instrument, timepoint, swemwbs_raw, swemwbs_metric, esis, file_hash, line
FROM questionnaire_scores
WHERE timepoint NOT IN ('T0', 'T1', 'T2')
   OR swemwbs_raw NOT BETWEEN 7 AND 35
   OR swemwbs_metric NOT BETWEEN 7 AND 35
   OR esis NOT BETWEEN 0 AND 100
   OR (scorable AND instrument = 'swemwbs' AND swemwbs_metric IS NULL)
   OR (scorable AND instrument = 'esis' AND esis IS NULL)
ORDER BY file_seq, line
