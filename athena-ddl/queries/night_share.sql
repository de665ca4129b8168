-- Question: How much of each cat's activity happens at night? The share of its fixes and of
--   its distance in the hours from night_start_hour up to night_end_hour, local time. The
--   night may wrap midnight (18 to 6) or not (0 to 5); equal hours make an empty night.
--   Hours are 0 to 23. The local runner rejects other values; Athena does not check them, and
--   an hour outside 0 to 23 gives meaningless shares.
--   Local time is the job's time zone, the one of the dt partitions: each hourly window's
--   local hour is the whole hours from the start of its local day (the window_start of
--   cat_movement_daily) to the window's start.
--   NOTE: on the two days a year when daylight saving time starts or ends, hours after the
--   switch are off by one. Zones without daylight saving time, such as Japan's, are exact.
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
--   4. municipality_code  string  the same code again, for cat_movement_hourly
--   5. from_date          string  the same first date again
--   6. to_date            string  the same last date again
--   7. night_start_hour   bigint  first local hour of the night, 0 to 23, for example 18
--   8. night_end_hour     bigint  first local hour after the night, 0 to 23, for example 6
--   9. night_start_hour   bigint  the same first hour again
-- Result: one row per cat, the most nocturnal first; night_distance_share is null for a cat
--   that did not move.
WITH days AS (
    SELECT DISTINCT dt, window_start AS day_start
    FROM cat_data_v21.cat_movement_daily
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
),
hours AS (
    SELECT
        h.cat_id,
        h.fixes,
        h.distance_m,
        date_diff('minute', d.day_start, h.window_start) / 60 AS local_hour
    FROM cat_data_v21.cat_movement_hourly h
    JOIN days d ON d.dt = h.dt
    WHERE h.municipality_code = ?
      AND h.dt BETWEEN ? AND ?
),
night AS (
    SELECT cat_id, sum(fixes) AS fixes, sum(distance_m) AS distance_m
    FROM hours
    -- Both sides count hours from the night's start, modulo 24. So an hour is at night when it
    -- comes before the night's end, and a night that wraps midnight needs no second case.
    WHERE (local_hour - ? + 24) % 24 < (? - ? + 24) % 24
    GROUP BY cat_id
),
total AS (
    SELECT cat_id, count(*) AS hours_with_fixes, sum(fixes) AS fixes, sum(distance_m) AS distance_m
    FROM hours
    GROUP BY cat_id
)
SELECT
    t.cat_id,
    t.hours_with_fixes,
    t.fixes,
    coalesce(n.fixes, 0) AS night_fixes,
    round(CAST(coalesce(n.fixes, 0) AS double) / t.fixes, 3) AS night_fix_share,
    round(t.distance_m, 1) AS distance_m,
    round(coalesce(n.distance_m, 0), 1) AS night_distance_m,
    round(coalesce(n.distance_m, 0) / nullif(t.distance_m, 0), 3) AS night_distance_share
FROM total t
LEFT JOIN night n ON n.cat_id = t.cat_id
ORDER BY night_distance_share DESC NULLS LAST, t.cat_id
