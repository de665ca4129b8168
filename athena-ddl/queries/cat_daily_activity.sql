-- Question: How far did each cat move per local day, and how large was its home range that
--   day? Distance is the sum of its segments. The home range is the minimum convex polygon
--   (MCP) of the day's fixes. tracked_h is the time from the first to the last fix.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
-- Result: one row per cat and local day, ordered by cat_id and local_date.
SELECT
    cat_id,
    local_date,
    week_start,
    fixes,
    round(distance_m, 1) AS distance_m,
    round(mcp_area_m2, 1) AS mcp_area_m2,
    round(radius_of_gyration_m, 1) AS radius_of_gyration_m,
    round(tracked_s / 3600, 2) AS tracked_h
FROM cat_data_v21.cat_activity_daily
WHERE municipality_code = ?
  AND dt BETWEEN ? AND ?
ORDER BY cat_id, local_date
