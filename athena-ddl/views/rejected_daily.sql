-- View: cat_data_v21.rejected_daily
-- Question: How many records did the job reject per reason and local day? One row per
--   municipality, dt and reason from the rejected table. Records without a valid
--   municipality code are in municipality_code = 'unknown'.
-- Parameters: none. Filter on municipality_code (required by its partition projection) and dt.
CREATE OR REPLACE VIEW cat_data_v21.rejected_daily AS
SELECT
    municipality_code,
    dt,
    reason,
    count(*) AS rejected,
    count(DISTINCT cat_id) AS cats,
    count_if(raw_truncated) AS raw_truncated
FROM cat_data_v21.rejected
GROUP BY municipality_code, dt, reason
