-- Question: Which cells are the hotspots, visited by the most distinct cats over a period?
--   Counts identified cats only (fixes and sightings with a cat_id); ties are broken by the
--   number of fixes, then by cell_id.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
--   4. top_n              bigint  number of cells returned, for example 10
-- Result: top_n rows ordered by hotspot_rank.
WITH cells AS (
    SELECT
        cell_id,
        count(DISTINCT cat_id) AS distinct_cats,
        count(*) AS fixes,
        count(DISTINCT dt) AS days_with_cats,
        avg(lat) AS centroid_lat,
        avg(lon) AS centroid_lon,
        min(observed_at) AS first_fix_at,
        max(observed_at) AS last_fix_at
    FROM cat_data_v21.positions
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
      AND cat_id IS NOT NULL
    GROUP BY cell_id
),
ranked AS (
    SELECT
        row_number() OVER (ORDER BY distinct_cats DESC, fixes DESC, cell_id) AS hotspot_rank,
        cells.*
    FROM cells
)
SELECT
    hotspot_rank,
    cell_id,
    distinct_cats,
    fixes,
    days_with_cats,
    round(centroid_lat, 6) AS centroid_lat,
    round(centroid_lon, 6) AS centroid_lon,
    first_fix_at,
    last_fix_at
FROM ranked
WHERE hotspot_rank <= ?
ORDER BY hotspot_rank
