-- View: cat_data_v21.cat_activity_daily
-- Question: How active was each cat on each local day? One row per cat and local day from
--   cat_movement_daily, with the Monday that starts its week (for weekly trends) and the
--   time between its first and last fix.
-- Parameters: none. Filter on municipality_code (required by its partition projection) and
--   dt; both pass through to the partitions of cat_movement_daily.
CREATE OR REPLACE VIEW cat_data_v21.cat_activity_daily AS
SELECT
    municipality_code,
    dt,
    cat_id,
    local_date,
    date_trunc('week', local_date) AS week_start,
    fixes,
    distance_m,
    mcp_area_m2,
    radius_of_gyration_m,
    CAST(date_diff('millisecond', first_fix_at, last_fix_at) AS double) / 1000 AS tracked_s,
    centroid_lat,
    centroid_lon
FROM cat_data_v21.cat_movement_daily
