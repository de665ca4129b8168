-- Question: How good is each collar's data? Accepted and rejected fixes per cat and local day,
--   the share rejected, and the longest gap before a fix (see the view fixes_per_cat_day).
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
--   4. municipality_code  string  the same code again, for the rejected table
--   5. from_date          string  the same first date again
--   6. to_date            string  the same last date again
-- Result: one row per cat and day with at least one accepted or rejected fix, ordered by dt
--   and cat_id. On a day with only rejected fixes, first_fix_at, last_fix_at and max_gap_min
--   are null.
WITH accepted AS (
    SELECT dt, cat_id, fixes, first_fix_at, last_fix_at, max_gap_s
    FROM cat_data_v21.fixes_per_cat_day
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
),
rejected AS (
    SELECT dt, cat_id, count(*) AS rejected
    FROM cat_data_v21.rejected
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
      AND cat_id IS NOT NULL
    GROUP BY dt, cat_id
)
SELECT
    coalesce(a.dt, r.dt) AS dt,
    coalesce(a.cat_id, r.cat_id) AS cat_id,
    coalesce(a.fixes, 0) AS fixes,
    coalesce(r.rejected, 0) AS rejected,
    round(
        CAST(coalesce(r.rejected, 0) AS double)
            / (coalesce(a.fixes, 0) + coalesce(r.rejected, 0)),
        3) AS rejected_share,
    a.first_fix_at,
    a.last_fix_at,
    round(a.max_gap_s / 60, 1) AS max_gap_min
FROM accepted a
FULL OUTER JOIN rejected r ON r.dt = a.dt AND r.cat_id = a.cat_id
ORDER BY dt, cat_id
