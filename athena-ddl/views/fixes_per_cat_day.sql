-- View: cat_data_v21.fixes_per_cat_day
-- Question: How many fixes did each cat's collar deliver per local day, and how long was the
--   longest silence? One row per municipality, dt and identified cat from positions.
--   max_gap_s is the longest time between a fix of that day and the cat's previous accepted
--   fix, which may lie on the day before. It is null when every fix of the day starts a track.
-- Parameters: none. Filter on municipality_code (required by its partition projection) and dt.
CREATE OR REPLACE VIEW cat_data_v21.fixes_per_cat_day AS
SELECT
    municipality_code,
    dt,
    cat_id,
    count(*) AS fixes,
    min(observed_at) AS first_fix_at,
    max(observed_at) AS last_fix_at,
    max(segment_duration_s) AS max_gap_s
FROM cat_data_v21.positions
WHERE cat_id IS NOT NULL
GROUP BY municipality_code, dt, cat_id
