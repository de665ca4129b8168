-- Question: Where do cats spend their time? Cat-hours per geohash cell over a period, for a
--   heat map. cat_hours is the time collared cats spent in the cell: each fix credits the
--   time since the cat's previous fix, capped by the job's occupancy-cap. intensity scales
--   cat_hours to 1 for the busiest cell.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
-- Result: one row per cell with cats in the period, busiest first.
WITH cells AS (
    SELECT
        cell_id,
        cell_centre_lat,
        cell_centre_lon,
        mesh_code_250m,
        sum(occupancy_cat_minutes) / 60 AS cat_hours,
        sum(fixes) AS fixes,
        sum(sightings) AS sightings,
        count(*) AS windows_with_cats,
        max(distinct_cats) AS max_cats_in_a_window
    FROM cat_data_v21.cell_density
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
    GROUP BY cell_id, cell_centre_lat, cell_centre_lon, mesh_code_250m
)
SELECT
    cell_id,
    cell_centre_lat,
    cell_centre_lon,
    mesh_code_250m,
    round(cat_hours, 2) AS cat_hours,
    round(cat_hours / max(cat_hours) OVER (), 4) AS intensity,
    fixes,
    sightings,
    windows_with_cats,
    max_cats_in_a_window
FROM cells
ORDER BY cat_hours DESC, cell_id
