package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every named query on DuckDB over the job's output for the real file cats_uk.csv and compares
 * its rows with values computed here in Java. Where the job's rule is simple (outliers, local dates
 * and hours) the values come from the CSV itself, otherwise from the job's tables read row by row.
 */
class QueriesIT {

    private static final ZoneId ZONE = ZoneId.of(CatsUkWarehouse.TIME_ZONE);
    private static final String CODE = CatsUkWarehouse.MUNICIPALITY_CODE;
    private static final String FROM = "2017-06-01";
    private static final String TO = "2017-11-30";

    /** One row of the positions table. */
    record Position(
            String catId,
            String cellId,
            String dt,
            long timeMs,
            double occupancyS,
            double lat,
            double lon,
            Double segmentDurationS,
            String source) {}

    /** One row of cat_movement_daily. */
    record Daily(
            String catId,
            LocalDate localDate,
            long fixes,
            double distanceM,
            double mcpAreaM2,
            double radiusOfGyrationM,
            long firstFixMs,
            long lastFixMs) {}

    /** One row of cat_movement_hourly. */
    record Hourly(String catId, long windowStartMs, long fixes, double distanceM, String dt) {}

    /** Orders rows of sort-key values column by column, as ORDER BY a, b does. */
    private static final Comparator<List<String>> BY_COLUMNS =
            (a, b) -> {
                for (int i = 0; i < a.size(); i++) {
                    int c = a.get(i).compareTo(b.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };

    private static LocalWarehouse local;
    private static List<Position> positions;
    private static List<Daily> daily;
    private static List<Hourly> hourly;
    private static List<CatsUkCsv.Fix> csv;
    private static Set<String> rejectedEventIds;
    private static List<List<Object>> rejectedRows;

    @BeforeAll
    static void runJobAndReadTables() throws Exception {
        Path warehouse = CatsUkWarehouse.get();
        local = LocalWarehouse.open(warehouse, TestPaths.sqlDir());
        csv = CatsUkCsv.read();
        try (RawTables raw = new RawTables(warehouse)) {
            positions = new ArrayList<>();
            for (List<Object> r :
                    raw.rows(
                            "positions",
                            "cat_id, cell_id, dt, epoch_ms(observed_at), occupancy_s, lat, lon,"
                                    + " segment_duration_s, source")) {
                positions.add(
                        new Position(
                                (String) r.get(0),
                                (String) r.get(1),
                                (String) r.get(2),
                                ((Number) r.get(3)).longValue(),
                                ((Number) r.get(4)).doubleValue(),
                                ((Number) r.get(5)).doubleValue(),
                                ((Number) r.get(6)).doubleValue(),
                                r.get(7) == null ? null : ((Number) r.get(7)).doubleValue(),
                                (String) r.get(8)));
            }
            daily = new ArrayList<>();
            for (List<Object> r :
                    raw.rows(
                            "cat_movement_daily",
                            "cat_id, CAST(local_date AS VARCHAR), fixes, distance_m, mcp_area_m2,"
                                    + " radius_of_gyration_m, epoch_ms(first_fix_at),"
                                    + " epoch_ms(last_fix_at)")) {
                daily.add(
                        new Daily(
                                (String) r.get(0),
                                LocalDate.parse((String) r.get(1)),
                                ((Number) r.get(2)).longValue(),
                                ((Number) r.get(3)).doubleValue(),
                                ((Number) r.get(4)).doubleValue(),
                                ((Number) r.get(5)).doubleValue(),
                                ((Number) r.get(6)).longValue(),
                                ((Number) r.get(7)).longValue()));
            }
            hourly = new ArrayList<>();
            for (List<Object> r :
                    raw.rows(
                            "cat_movement_hourly",
                            "cat_id, epoch_ms(window_start), fixes, distance_m, dt")) {
                hourly.add(
                        new Hourly(
                                (String) r.get(0),
                                ((Number) r.get(1)).longValue(),
                                ((Number) r.get(2)).longValue(),
                                ((Number) r.get(3)).doubleValue(),
                                (String) r.get(4)));
            }
            rejectedRows = raw.rows("rejected", "reason, event_id, cat_id, dt, municipality_code");
        }
        rejectedEventIds = new HashSet<>();
        for (List<Object> r : rejectedRows) {
            rejectedEventIds.add((String) r.get(1));
        }
    }

    @AfterAll
    static void closeWarehouse() throws Exception {
        local.close();
    }

    private static QueryResult run(String query, Object... nameValuePairs) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], String.valueOf(nameValuePairs[i + 1]));
        }
        return local.query(SqlFile.read(TestPaths.queries().resolve(query + ".sql")), values);
    }

    private static Object get(QueryResult result, List<Object> row, String column) {
        return row.get(result.column(column));
    }

    private static long asLong(QueryResult result, List<Object> row, String column) {
        return ((Number) get(result, row, column)).longValue();
    }

    private static double asDouble(QueryResult result, List<Object> row, String column) {
        return ((Number) get(result, row, column)).doubleValue();
    }

    private static String asString(QueryResult result, List<Object> row, String column) {
        return String.valueOf(get(result, row, column));
    }

    private static long epochMs(Object timestamp) {
        return ((OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }

    private static boolean inPeriod(String dt, String from, String to) {
        return dt.compareTo(from) >= 0 && dt.compareTo(to) <= 0;
    }

    /** Fixes of the CSV that the job accepted: not outliers and not rejected for another reason. */
    private static List<CatsUkCsv.Fix> acceptedCsvFixes() {
        return csv.stream()
                .filter(f -> !f.outlier() && !rejectedEventIds.contains(f.eventId()))
                .toList();
    }

    // ---- the command's note on an empty result ----

    @Test
    void emptyResultNotesDataRange() throws Exception {
        LocalDate first = null;
        LocalDate last = null;
        for (CatsUkCsv.Fix fix : csv) {
            if (fix.outlier() || rejectedEventIds.contains(fix.eventId())) {
                continue;
            }
            LocalDate day = fix.localDate(ZONE);
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // Chiyoda City has no data in this warehouse.
        int code =
                SqlCommand.run(
                        new String[] {
                            "top_hotspots",
                            "--warehouse",
                            CatsUkWarehouse.get().toString(),
                            "--param",
                            "municipality_code=131016",
                            "--param",
                            "from_date=" + FROM,
                            "--param",
                            "to_date=" + TO,
                            "--param",
                            "top_n=5"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(0 rows)");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("note: the query returned no rows")
                .contains(CODE + " from " + first + " to " + last);
    }

    // ---- density_heat_map ----

    @Test
    void heatMapMatchesPositions() throws Exception {
        String from = "2017-07-01";
        String to = "2017-07-31";
        Map<String, Double> occupancyS = new TreeMap<>();
        Map<String, Long> fixes = new TreeMap<>();
        Map<String, Map<Long, Set<String>>> catsPerWindow = new TreeMap<>();
        for (Position p : positions) {
            if (!inPeriod(p.dt(), from, to)) {
                continue;
            }
            occupancyS.merge(p.cellId(), p.occupancyS(), Double::sum);
            fixes.merge(p.cellId(), 1L, Long::sum);
            catsPerWindow
                    .computeIfAbsent(p.cellId(), c -> new HashMap<>())
                    .computeIfAbsent(p.timeMs() / 3_600_000L, w -> new HashSet<>())
                    .add(p.catId());
        }
        double maxCatHours =
                occupancyS.values().stream().mapToDouble(d -> d / 3600).max().orElseThrow();

        QueryResult r =
                run(
                        "density_heat_map",
                        "municipality_code",
                        CODE,
                        "from_date",
                        from,
                        "to_date",
                        to);

        Set<String> cells = new TreeSet<>();
        for (List<Object> row : r.rows()) {
            String cell = asString(r, row, "cell_id");
            cells.add(cell);
            double catHours = occupancyS.get(cell) / 3600;
            assertThat(asDouble(r, row, "cat_hours"))
                    .as("cat_hours of %s", cell)
                    .isCloseTo(catHours, within(0.005 + 1e-9));
            assertThat(asDouble(r, row, "intensity"))
                    .as("intensity of %s", cell)
                    .isCloseTo(catHours / maxCatHours, within(0.00005 + 1e-9));
            assertThat(asLong(r, row, "fixes")).as("fixes of %s", cell).isEqualTo(fixes.get(cell));
            assertThat(asLong(r, row, "sightings")).as("sightings of %s", cell).isZero();
            Map<Long, Set<String>> windows = catsPerWindow.get(cell);
            assertThat(asLong(r, row, "windows_with_cats"))
                    .as("windows of %s", cell)
                    .isEqualTo(windows.size());
            int maxCats = windows.values().stream().mapToInt(Set::size).max().orElseThrow();
            assertThat(asLong(r, row, "max_cats_in_a_window"))
                    .as("max cats of %s", cell)
                    .isEqualTo(maxCats);
        }
        assertThat(cells).isEqualTo(occupancyS.keySet());
        for (int i = 1; i < r.rows().size(); i++) {
            double previous = asDouble(r, r.rows().get(i - 1), "cat_hours");
            double current = asDouble(r, r.rows().get(i), "cat_hours");
            assertThat(previous).as("order at row %d", i).isGreaterThanOrEqualTo(current);
            if (previous == current) {
                assertThat(asString(r, r.rows().get(i - 1), "cell_id"))
                        .isLessThan(asString(r, r.rows().get(i), "cell_id"));
            }
        }
    }

    @Test
    void heatMapFixesSumToCsv() throws Exception {
        QueryResult r =
                run(
                        "density_heat_map",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);
        long sum = 0;
        for (List<Object> row : r.rows()) {
            sum += asLong(r, row, "fixes");
        }
        assertThat(sum).isEqualTo(acceptedCsvFixes().size());
    }

    // ---- top_hotspots ----

    @Test
    void hotspotsMatchPositions() throws Exception {
        Map<String, Set<String>> cats = new HashMap<>();
        Map<String, Long> fixes = new HashMap<>();
        Map<String, Set<String>> days = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> span = new HashMap<>();
        for (Position p : positions) {
            if (p.catId() == null) {
                continue;
            }
            String cell = p.cellId();
            cats.computeIfAbsent(cell, c -> new HashSet<>()).add(p.catId());
            fixes.merge(cell, 1L, Long::sum);
            days.computeIfAbsent(cell, c -> new HashSet<>()).add(p.dt());
            double[] s = sums.computeIfAbsent(cell, c -> new double[2]);
            s[0] += p.lat();
            s[1] += p.lon();
            long[] t = span.computeIfAbsent(cell, c -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            t[0] = Math.min(t[0], p.timeMs());
            t[1] = Math.max(t[1], p.timeMs());
        }
        List<String> expected = new ArrayList<>(cats.keySet());
        expected.sort(
                Comparator.comparing((String c) -> -cats.get(c).size())
                        .thenComparing(c -> -fixes.get(c))
                        .thenComparing(c -> c));
        expected = expected.subList(0, 10);

        QueryResult r =
                run(
                        "top_hotspots",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO,
                        "top_n",
                        10);

        assertThat(r.rows()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            List<Object> row = r.rows().get(i);
            String cell = expected.get(i);
            long n = fixes.get(cell);
            assertThat(asLong(r, row, "hotspot_rank")).isEqualTo(i + 1);
            assertThat(asString(r, row, "cell_id")).as("cell at rank %d", i + 1).isEqualTo(cell);
            assertThat(asLong(r, row, "distinct_cats"))
                    .as("cats of %s", cell)
                    .isEqualTo(cats.get(cell).size());
            assertThat(asLong(r, row, "fixes")).as("fixes of %s", cell).isEqualTo(n);
            assertThat(asLong(r, row, "days_with_cats"))
                    .as("days of %s", cell)
                    .isEqualTo(days.get(cell).size());
            assertThat(asDouble(r, row, "centroid_lat"))
                    .as("lat of %s", cell)
                    .isCloseTo(sums.get(cell)[0] / n, within(1e-6));
            assertThat(asDouble(r, row, "centroid_lon"))
                    .as("lon of %s", cell)
                    .isCloseTo(sums.get(cell)[1] / n, within(1e-6));
            assertThat(epochMs(get(r, row, "first_fix_at"))).isEqualTo(span.get(cell)[0]);
            assertThat(epochMs(get(r, row, "last_fix_at"))).isEqualTo(span.get(cell)[1]);
        }
    }

    @Test
    void otherMunicipalityReturnsNothing() throws Exception {
        QueryResult r =
                run(
                        "top_hotspots",
                        "municipality_code",
                        "131016",
                        "from_date",
                        FROM,
                        "to_date",
                        TO,
                        "top_n",
                        10);
        assertThat(r.rows()).isEmpty();
    }

    // ---- tnr_priority ----

    @Test
    void tnrPriorityMatchesRegistryCsv() throws Exception {
        Map<String, String> condition = new HashMap<>();
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader reader =
                        Files.newBufferedReader(
                                TestPaths.catsUkReferenceCsv(), StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            for (CSVRecord rec : parser) {
                condition.put(rec.get("tag_id"), rec.get("animal_reproductive_condition"));
            }
        }
        // Cell -> cat -> fixes, for identified cats.
        Map<String, Map<String, Long>> cellCats = new HashMap<>();
        for (Position p : positions) {
            if (p.catId() == null) {
                continue;
            }
            cellCats.computeIfAbsent(p.cellId(), c -> new HashMap<>())
                    .merge(p.catId(), 1L, Long::sum);
        }
        record Cell(
                String id,
                long notNeutered,
                long intact,
                long unknown,
                long notRegistered,
                long neutered,
                long cats,
                long notNeuteredFixes) {}
        List<Cell> expected = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : cellCats.entrySet()) {
            long intact = 0;
            long unknown = 0;
            long notRegistered = 0;
            long neutered = 0;
            long notNeuteredFixes = 0;
            for (Map.Entry<String, Long> cat : e.getValue().entrySet()) {
                String c = condition.get(cat.getKey());
                if (c == null) {
                    notRegistered++;
                }
                if ("Neutered".equals(c) || "Spayed".equals(c)) {
                    neutered++;
                    continue;
                }
                if ("Not fixed".equals(c)) {
                    intact++;
                } else {
                    unknown++;
                }
                notNeuteredFixes += cat.getValue();
            }
            if (intact + unknown > 0) {
                expected.add(
                        new Cell(
                                e.getKey(),
                                intact + unknown,
                                intact,
                                unknown,
                                notRegistered,
                                neutered,
                                e.getValue().size(),
                                notNeuteredFixes));
            }
        }
        expected.sort(
                Comparator.comparing((Cell c) -> -c.notNeutered())
                        .thenComparing(c -> -c.intact())
                        .thenComparing(c -> -c.notNeuteredFixes())
                        .thenComparing(Cell::id));
        assertThat(expected.get(0).intact()).as("the data has intact cats").isPositive();

        QueryResult r =
                run(
                        "tnr_priority",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO,
                        "top_n",
                        20);

        assertThat(r.rows()).hasSize(20);
        for (int i = 0; i < 20; i++) {
            List<Object> row = r.rows().get(i);
            Cell cell = expected.get(i);
            assertThat(asLong(r, row, "priority_rank")).isEqualTo(i + 1);
            assertThat(asString(r, row, "cell_id"))
                    .as("cell at rank %d", i + 1)
                    .isEqualTo(cell.id());
            assertThat(asLong(r, row, "cats_not_neutered")).isEqualTo(cell.notNeutered());
            assertThat(asLong(r, row, "cats_intact")).isEqualTo(cell.intact());
            assertThat(asLong(r, row, "cats_status_unknown")).isEqualTo(cell.unknown());
            assertThat(asLong(r, row, "community_or_stray_not_neutered")).isZero();
            assertThat(asLong(r, row, "cats_not_in_registry")).isEqualTo(cell.notRegistered());
            assertThat(asLong(r, row, "cats_neutered")).isEqualTo(cell.neutered());
            assertThat(asLong(r, row, "distinct_cats")).isEqualTo(cell.cats());
            assertThat(asLong(r, row, "not_neutered_fixes")).isEqualTo(cell.notNeuteredFixes());
        }
    }

    // ---- cat_daily_activity ----

    @Test
    void dailyActivityMatchesDailyTable() throws Exception {
        Map<String, Daily> expected = new TreeMap<>();
        for (Daily d : daily) {
            expected.put(d.catId() + "/" + d.localDate(), d);
        }

        QueryResult r =
                run(
                        "cat_daily_activity",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);

        List<String> keys = new ArrayList<>();
        List<List<String>> order = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            String key = asString(r, row, "cat_id") + "/" + asString(r, row, "local_date");
            keys.add(key);
            order.add(List.of(asString(r, row, "cat_id"), asString(r, row, "local_date")));
            Daily d = expected.get(key);
            assertThat(d).as("daily row %s", key).isNotNull();
            LocalDate monday =
                    d.localDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            assertThat(asString(r, row, "week_start"))
                    .as("week of %s", key)
                    .isEqualTo(monday.toString());
            assertThat(asLong(r, row, "fixes")).as("fixes of %s", key).isEqualTo(d.fixes());
            assertThat(asDouble(r, row, "distance_m"))
                    .as("distance of %s", key)
                    .isCloseTo(d.distanceM(), within(0.05 + 1e-9));
            assertThat(asDouble(r, row, "mcp_area_m2"))
                    .as("MCP of %s", key)
                    .isCloseTo(d.mcpAreaM2(), within(0.05 + 1e-9));
            assertThat(asDouble(r, row, "radius_of_gyration_m"))
                    .as("radius of %s", key)
                    .isCloseTo(d.radiusOfGyrationM(), within(0.05 + 1e-9));
            double trackedH = (d.lastFixMs() - d.firstFixMs()) / 3_600_000.0;
            assertThat(asDouble(r, row, "tracked_h"))
                    .as("tracked hours of %s", key)
                    .isCloseTo(trackedH, within(0.005 + 1e-9));
        }
        assertThat(order).as("rows in cat and date order").isSortedAccordingTo(BY_COLUMNS);
        assertThat(new TreeSet<>(keys)).isEqualTo(expected.keySet());
    }

    @Test
    void dailyActivityDaysMatchCsv() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (CatsUkCsv.Fix f : acceptedCsvFixes()) {
            expected.add(f.tagId() + "/" + f.localDate(ZONE));
        }

        QueryResult r =
                run(
                        "cat_daily_activity",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);

        Set<String> actual = new TreeSet<>();
        for (List<Object> row : r.rows()) {
            actual.add(asString(r, row, "cat_id") + "/" + asString(r, row, "local_date"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    // ---- cat_weekly_trend ----

    @Test
    void weeklyTrendMatchesDailyTable() throws Exception {
        // Cat -> week start -> that week's daily rows.
        Map<String, TreeMap<LocalDate, List<Daily>>> weeks = new TreeMap<>();
        for (Daily d : daily) {
            LocalDate monday =
                    d.localDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            weeks.computeIfAbsent(d.catId(), c -> new TreeMap<>())
                    .computeIfAbsent(monday, w -> new ArrayList<>())
                    .add(d);
        }

        QueryResult r =
                run(
                        "cat_weekly_trend",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);

        Map<String, List<Object>> rows = new LinkedHashMap<>();
        for (List<Object> row : r.rows()) {
            rows.put(asString(r, row, "cat_id") + "/" + asString(r, row, "week_start"), row);
        }
        int expectedRows = 0;
        for (Map.Entry<String, TreeMap<LocalDate, List<Daily>>> cat : weeks.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            Double previous = null;
            for (Map.Entry<LocalDate, List<Daily>> week : cat.getValue().entrySet()) {
                List<Daily> days = week.getValue();
                double meanDistance =
                        days.stream().mapToDouble(Daily::distanceM).average().orElseThrow();
                double meanMcp =
                        days.stream().mapToDouble(Daily::mcpAreaM2).average().orElseThrow();
                long fixes = days.stream().mapToLong(Daily::fixes).sum();
                String key = cat.getKey() + "/" + week.getKey();
                List<Object> row = rows.get(key);
                assertThat(row).as("weekly row %s", key).isNotNull();
                assertThat(asLong(r, row, "days_tracked"))
                        .as("days of %s", key)
                        .isEqualTo(days.size());
                assertThat(asLong(r, row, "fixes")).as("fixes of %s", key).isEqualTo(fixes);
                assertThat(asDouble(r, row, "mean_daily_distance_m"))
                        .as("distance of %s", key)
                        .isCloseTo(meanDistance, within(0.05 + 1e-9));
                assertThat(asDouble(r, row, "mean_daily_mcp_area_m2"))
                        .as("MCP of %s", key)
                        .isCloseTo(meanMcp, within(0.05 + 1e-9));
                if (previous == null) {
                    assertThat(get(r, row, "distance_change_m")).as("change of %s", key).isNull();
                } else {
                    assertThat(asDouble(r, row, "distance_change_m"))
                            .as("change of %s", key)
                            .isCloseTo(meanDistance - previous, within(0.05 + 1e-9));
                }
                previous = meanDistance;
                x.add((week.getKey().toEpochDay() - LocalDate.of(1970, 1, 5).toEpochDay()) / 7.0);
                y.add(meanDistance);
                expectedRows++;
            }
            Double slope = leastSquaresSlope(x, y);
            for (LocalDate week : cat.getValue().keySet()) {
                List<Object> row = rows.get(cat.getKey() + "/" + week);
                if (slope == null) {
                    assertThat(get(r, row, "distance_trend_m_per_week")).isNull();
                } else {
                    assertThat(asDouble(r, row, "distance_trend_m_per_week"))
                            .as("trend of %s", cat.getKey())
                            .isCloseTo(slope, within(0.05 + 1e-6));
                }
            }
        }
        assertThat(rows).hasSize(expectedRows);
    }

    private static Double leastSquaresSlope(List<Double> x, List<Double> y) {
        int n = x.size();
        if (n < 2) {
            return null;
        }
        double meanX = x.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double meanY = y.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (x.get(i) - meanX) * (y.get(i) - meanY);
            variance += (x.get(i) - meanX) * (x.get(i) - meanX);
        }
        return covariance / variance;
    }

    // ---- night_share ----

    @Test
    void nightShareMatchesHourlyTable() throws Exception {
        Map<String, long[]> fixes = new TreeMap<>();
        Map<String, double[]> distance = new TreeMap<>();
        Map<String, Long> hours = new TreeMap<>();
        for (Hourly h : hourly) {
            // The documented rule: hours since the start of the local day of the dt partition.
            Instant dayStart = LocalDate.parse(h.dt()).atStartOfDay(ZONE).toInstant();
            long localHour =
                    Duration.between(dayStart, Instant.ofEpochMilli(h.windowStartMs())).toHours();
            boolean night = localHour >= 18 || localHour < 6;
            long[] f = fixes.computeIfAbsent(h.catId(), c -> new long[2]);
            double[] d = distance.computeIfAbsent(h.catId(), c -> new double[2]);
            f[0] += h.fixes();
            d[0] += h.distanceM();
            if (night) {
                f[1] += h.fixes();
                d[1] += h.distanceM();
            }
            hours.merge(h.catId(), 1L, Long::sum);
        }

        QueryResult r = nightShare(FROM, TO);

        Set<String> cats = new TreeSet<>();
        for (List<Object> row : r.rows()) {
            String cat = asString(r, row, "cat_id");
            cats.add(cat);
            long[] f = fixes.get(cat);
            double[] d = distance.get(cat);
            assertThat(asLong(r, row, "hours_with_fixes"))
                    .as("hours of %s", cat)
                    .isEqualTo(hours.get(cat));
            assertThat(asLong(r, row, "fixes")).as("fixes of %s", cat).isEqualTo(f[0]);
            assertThat(asLong(r, row, "night_fixes")).as("night fixes of %s", cat).isEqualTo(f[1]);
            assertThat(asDouble(r, row, "night_fix_share"))
                    .as("night fix share of %s", cat)
                    .isCloseTo((double) f[1] / f[0], within(0.0005 + 1e-9));
            assertThat(asDouble(r, row, "distance_m"))
                    .as("distance of %s", cat)
                    .isCloseTo(d[0], within(0.05 + 1e-9));
            assertThat(asDouble(r, row, "night_distance_m"))
                    .as("night distance of %s", cat)
                    .isCloseTo(d[1], within(0.05 + 1e-9));
            if (d[0] == 0) {
                assertThat(get(r, row, "night_distance_share")).isNull();
            } else {
                assertThat(asDouble(r, row, "night_distance_share"))
                        .as("night distance share of %s", cat)
                        .isCloseTo(d[1] / d[0], within(0.0005 + 1e-9));
            }
        }
        assertThat(cats).isEqualTo(fixes.keySet());
    }

    @Test
    void nightFixesMatchCsvClock() throws Exception {
        // June to September 2017 has no daylight saving change in Europe/London, so the query's
        // local hour is the wall-clock hour of each fix in the CSV.
        String from = "2017-06-01";
        String to = "2017-09-30";
        Map<String, long[]> expected = new TreeMap<>();
        for (CatsUkCsv.Fix f : acceptedCsvFixes()) {
            if (!inPeriod(f.localDate(ZONE).toString(), from, to)) {
                continue;
            }
            int hour = f.localHour(ZONE);
            long[] counts = expected.computeIfAbsent(f.tagId(), c -> new long[2]);
            counts[0]++;
            if (hour >= 18 || hour < 6) {
                counts[1]++;
            }
        }

        QueryResult r = nightShare(from, to);

        Map<String, long[]> actual = new TreeMap<>();
        for (List<Object> row : r.rows()) {
            actual.put(
                    asString(r, row, "cat_id"),
                    new long[] {asLong(r, row, "fixes"), asLong(r, row, "night_fixes")});
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey()))
                    .as("fixes and night fixes of %s", e.getKey())
                    .containsExactly(e.getValue());
        }
    }

    private static QueryResult nightShare(String from, String to) throws Exception {
        return run(
                "night_share",
                "municipality_code",
                CODE,
                "from_date",
                from,
                "to_date",
                to,
                "night_start_hour",
                18,
                "night_end_hour",
                6);
    }

    // ---- rejected_per_reason_day ----

    @Test
    void rejectedPerDayMatchesCsv() throws Exception {
        // Outliers come straight from the CSV; any other reason from the rejected table's rows.
        Map<String, Long> expected = new TreeMap<>();
        Map<String, Set<String>> cats = new TreeMap<>();
        for (CatsUkCsv.Fix f : csv) {
            if (f.outlier()) {
                String key = f.localDate(ZONE) + "/" + CODE + "/marked_outlier";
                expected.merge(key, 1L, Long::sum);
                cats.computeIfAbsent(key, k -> new TreeSet<>()).add(f.tagId());
            }
        }
        for (List<Object> row : rejectedRows) {
            if (!row.get(0).equals("marked_outlier")) {
                String key = row.get(3) + "/" + row.get(4) + "/" + row.get(0);
                expected.merge(key, 1L, Long::sum);
                if (row.get(2) != null) {
                    cats.computeIfAbsent(key, k -> new TreeSet<>()).add((String) row.get(2));
                }
            }
        }

        QueryResult r =
                run(
                        "rejected_per_reason_day",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);

        Map<String, Long> actual = new TreeMap<>();
        List<List<String>> order = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            String key =
                    asString(r, row, "dt")
                            + "/"
                            + asString(r, row, "municipality_code")
                            + "/"
                            + asString(r, row, "reason");
            order.add(
                    List.of(
                            asString(r, row, "dt"),
                            asString(r, row, "municipality_code"),
                            asString(r, row, "reason")));
            actual.put(key, asLong(r, row, "rejected"));
            assertThat(asLong(r, row, "cats"))
                    .as("cats of %s", key)
                    .isEqualTo(cats.getOrDefault(key, Set.of()).size());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(order).isSortedAccordingTo(BY_COLUMNS);
    }

    // ---- fixes_per_cat_day ----

    @Test
    void fixesPerCatDayMatchesCsv() throws Exception {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, long[]> span = new TreeMap<>();
        for (CatsUkCsv.Fix f : csv) {
            String key = f.localDate(ZONE) + "/" + f.tagId();
            long[] c = counts.computeIfAbsent(key, k -> new long[2]);
            boolean accepted = !f.outlier() && !rejectedEventIds.contains(f.eventId());
            c[accepted ? 0 : 1]++;
            if (accepted) {
                long[] s = span.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, 0});
                s[0] = Math.min(s[0], f.timeMs());
                s[1] = Math.max(s[1], f.timeMs());
            }
        }
        // The longest gap depends on the job's tracks, so it comes from the positions rows.
        Map<String, Double> maxGapS = new HashMap<>();
        for (Position p : positions) {
            if (p.segmentDurationS() != null) {
                maxGapS.merge(p.dt() + "/" + p.catId(), p.segmentDurationS(), Math::max);
            }
        }

        QueryResult r =
                run(
                        "fixes_per_cat_day",
                        "municipality_code",
                        CODE,
                        "from_date",
                        FROM,
                        "to_date",
                        TO);

        List<String> keys = new ArrayList<>();
        List<List<String>> order = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            String key = asString(r, row, "dt") + "/" + asString(r, row, "cat_id");
            keys.add(key);
            order.add(List.of(asString(r, row, "dt"), asString(r, row, "cat_id")));
            long[] c = counts.get(key);
            assertThat(c).as("CSV rows of %s", key).isNotNull();
            assertThat(asLong(r, row, "fixes")).as("fixes of %s", key).isEqualTo(c[0]);
            assertThat(asLong(r, row, "rejected")).as("rejected of %s", key).isEqualTo(c[1]);
            assertThat(asDouble(r, row, "rejected_share"))
                    .as("rejected share of %s", key)
                    .isCloseTo((double) c[1] / (c[0] + c[1]), within(0.0005 + 1e-9));
            if (c[0] == 0) {
                assertThat(get(r, row, "first_fix_at")).as("first fix of %s", key).isNull();
                continue;
            }
            assertThat(epochMs(get(r, row, "first_fix_at")))
                    .as("first fix of %s", key)
                    .isEqualTo(span.get(key)[0]);
            assertThat(epochMs(get(r, row, "last_fix_at")))
                    .as("last fix of %s", key)
                    .isEqualTo(span.get(key)[1]);
            Double gap = maxGapS.get(key);
            if (gap == null) {
                assertThat(get(r, row, "max_gap_min")).as("gap of %s", key).isNull();
            } else {
                assertThat(asDouble(r, row, "max_gap_min"))
                        .as("gap of %s", key)
                        .isCloseTo(gap / 60, within(0.05 + 1e-9));
            }
        }
        assertThat(order).as("rows in dt and cat order").isSortedAccordingTo(BY_COLUMNS);
        assertThat(new TreeSet<>(keys)).isEqualTo(counts.keySet());
    }
}
