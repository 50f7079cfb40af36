-- The report's filter as a session variable that the views sp and
-- report_outcomes read: $1 municipality, $2 year, half-year or quarter,
-- NULL for any.
SET VARIABLE report_filter = {'municipality': $1::VARCHAR, 'period': $2::VARCHAR};
