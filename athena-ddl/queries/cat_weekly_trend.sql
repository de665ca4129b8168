-- Question: Is each cat's activity rising or falling over the weeks? Weekly means of its
--   daily distance and daily home range (MCP area), the change from its previous tracked
--   week, and over the whole period the least-squares slope of the weekly mean distance
--   (metres per day, per week).
-- Parameters: Athena execution parameters, one value per ? in this order (strings in single
--   quotes):
--   1. municipality_code  string  six-digit municipality code, for example '131067'
--   2. from_date          string  first local date (dt partition), 'yyyy-MM-dd'
--   3. to_date            string  last local date, inclusive, 'yyyy-MM-dd'
-- Result: one row per cat and week (weeks start on Monday), ordered by cat_id and week_start.
--   distance_change_m is null in a cat's first week, distance_trend_m_per_week when the cat
--   was tracked in only one week.
WITH weekly AS (
    SELECT
        cat_id,
        week_start,
        count(*) AS days_tracked,
        sum(fixes) AS fixes,
        avg(distance_m) AS mean_daily_distance_m,
        avg(mcp_area_m2) AS mean_daily_mcp_area_m2
    FROM cat_data_v21.cat_activity_daily
    WHERE municipality_code = ?
      AND dt BETWEEN ? AND ?
    GROUP BY cat_id, week_start
)
SELECT
    cat_id,
    week_start,
    days_tracked,
    fixes,
    round(mean_daily_distance_m, 1) AS mean_daily_distance_m,
    round(mean_daily_mcp_area_m2, 1) AS mean_daily_mcp_area_m2,
    round(
        mean_daily_distance_m
            - lag(mean_daily_distance_m) OVER (PARTITION BY cat_id ORDER BY week_start),
        1) AS distance_change_m,
    round(
        regr_slope(
            mean_daily_distance_m,
            CAST(date_diff('day', DATE '1970-01-05', week_start) AS double) / 7)
            OVER (PARTITION BY cat_id),
        1) AS distance_trend_m_per_week
FROM weekly
ORDER BY cat_id, week_start
