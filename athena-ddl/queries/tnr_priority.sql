-- Question: Where should the next trap-neuter-return round go? Cells ranked by the distinct
--   cats seen there in a period that are not known to be neutered.
--   A cat counts as neutered when the registry records it as neutered or ear-tipped, or when
--   a sighting reported its ear tip. It counts as intact when the registry records it as not
--   neutered, and as unknown otherwise (not in the registry, or no condition recorded).
--   cats_not_neutered = cats_intact + cats_status_unknown. Ties are broken by cats_intact,
--   then by the fixes of not-neutered cats in the cell (where they spend time), then cell_id.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code of the positions, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
--   4. municipality_code  string  the same code again, for the cat registry
--   5. top_n              bigint  number of cells returned, for example 10
-- Result: up to top_n cells with at least one cat not known to be neutered, by priority_rank.
WITH cats_in_cells AS (
    SELECT
        cell_id,
        cat_id,
        count(*) AS fixes,
        coalesce(bool_or(ear_tip), false) AS ear_tip_seen
    FROM cat_data_v21.positions
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
      AND cat_id IS NOT NULL
    GROUP BY cell_id, cat_id
),
registry AS (
    SELECT cat_id, neutered, ear_tipped, status
    FROM cat_data_v21.cat_registry
    WHERE municipality_code = ?
),
classified AS (
    SELECT
        c.cell_id,
        c.cat_id,
        c.fixes,
        r.cat_id IS NOT NULL AS registered,
        coalesce(r.status IN ('community', 'stray'), false) AS unowned,
        CASE
            WHEN r.neutered OR r.ear_tipped OR c.ear_tip_seen THEN 'neutered'
            WHEN NOT r.neutered THEN 'intact'
            ELSE 'unknown'
        END AS neuter_status
    FROM cats_in_cells c
    LEFT JOIN registry r ON r.cat_id = c.cat_id
),
cells AS (
    SELECT
        cell_id,
        count_if(neuter_status <> 'neutered') AS cats_not_neutered,
        count_if(neuter_status = 'intact') AS cats_intact,
        count_if(neuter_status = 'unknown') AS cats_status_unknown,
        count_if(neuter_status <> 'neutered' AND unowned) AS community_or_stray_not_neutered,
        count_if(NOT registered) AS cats_not_in_registry,
        count_if(neuter_status = 'neutered') AS cats_neutered,
        count(*) AS distinct_cats,
        sum(CASE WHEN neuter_status <> 'neutered' THEN fixes ELSE 0 END) AS not_neutered_fixes
    FROM classified
    GROUP BY cell_id
),
ranked AS (
    SELECT
        row_number() OVER (
            ORDER BY cats_not_neutered DESC, cats_intact DESC, not_neutered_fixes DESC, cell_id
        ) AS priority_rank,
        cells.*
    FROM cells
    WHERE cats_not_neutered > 0
)
SELECT
    priority_rank,
    cell_id,
    cats_not_neutered,
    cats_intact,
    cats_status_unknown,
    community_or_stray_not_neutered,
    cats_not_in_registry,
    cats_neutered,
    distinct_cats,
    not_neutered_fixes
FROM ranked
WHERE priority_rank <= ?
ORDER BY priority_rank
