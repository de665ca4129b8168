-- Question: How good is the incoming data? Records rejected per reason and local day, for a
--   municipality together with the records that carried no valid municipality code
--   (municipality_code = 'unknown'), which belong to no municipality.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
-- Result: one row per day, municipality_code and reason, ordered by dt; cats counts the
--   distinct cat ids among the rejected records.
SELECT
    dt,
    municipality_code,
    reason,
    rejected,
    cats
FROM cat_data_v21.rejected_daily
WHERE municipality_code IN (?, 'unknown')
  AND dt BETWEEN ? AND ?
ORDER BY dt, municipality_code, reason
