package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Movebank file of 101 pet cats through the whole job into Parquet and compares the
 * tables, read back with DuckDB, with values computed from the CSV by {@link ReferenceCats}.
 */
class CatsUkEndToEndIT {

    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final double MAX_SPEED_MPS = 20.0;
    private static final long IDLE_TIMEOUT_MS = 6 * 3_600_000L;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path tempDir;

    private static ReferenceCats reference;
    private static Path warehouse;
    private static JobExecutionResult result;

    @BeforeAll
    static void runJobOnRealFile() throws Exception {
        Path csv = SharedData.catsUkCsv();
        reference = ReferenceCats.compute(csv, MAX_SPEED_MPS, IDLE_TIMEOUT_MS);
        warehouse = tempDir.resolve("warehouse");
        result = runJob(csv, warehouse);
    }

    static JobExecutionResult runJob(Path input, Path output) throws Exception {
        Map<String, Properties> groups = new HashMap<>();
        Properties source = new Properties();
        source.setProperty("source.type", "file");
        source.setProperty("file.path", input.toString());
        groups.put(JobConfig.SOURCE_GROUP, source);
        Properties processing = new Properties();
        processing.setProperty("municipality.default-code", "131067");
        processing.setProperty("time-zone", ZONE.getId());
        groups.put(JobConfig.PROCESSING_GROUP, processing);
        JobConfig config = JobConfig.fromPropertyGroups(groups);
        config.outputPath = output.toUri().toString();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.setRestartStrategy(RestartStrategies.noRestart());
        JobRunner.build(env, config);
        return env.execute("cats-uk end to end");
    }

    @Test
    void everyRowAccountedFor() throws Exception {
        try (Warehouse w = new Warehouse(warehouse)) {
            long positions = w.count("SELECT count(*) FROM " + w.table("positions"));
            long rejected = w.count("SELECT count(*) FROM " + w.table("rejected"));
            assertThat(reference.dataRows).isEqualTo(18_215);
            assertThat(positions + rejected).isEqualTo(reference.dataRows);
            assertThat(positions).isEqualTo(reference.accepted.size());
            assertThat((Long) result.getAccumulatorResult("records-read"))
                    .isEqualTo((long) reference.dataRows);
        }
    }

    @Test
    void rejectionsMatchReasons() throws Exception {
        try (Warehouse w = new Warehouse(warehouse)) {
            Map<String, Long> byReason = new TreeMap<>();
            for (List<Object> row :
                    w.query(
                            "SELECT reason, count(*) FROM "
                                    + w.table("rejected")
                                    + " GROUP BY reason")) {
                byReason.put((String) row.get(0), ((Number) row.get(1)).longValue());
            }
            Map<String, Long> expected = new TreeMap<>();
            expected.put("marked_outlier", (long) reference.outlierRows);
            if (reference.speedRejections > 0) {
                expected.put("implausible_speed", (long) reference.speedRejections);
            }
            assertThat(byReason).isEqualTo(expected);
        }
    }

    @Test
    void outliersKeepTheirCsvLine() throws Exception {
        try (Warehouse w = new Warehouse(warehouse)) {
            List<List<Object>> rows =
                    w.query(
                            "SELECT raw, origin FROM "
                                    + w.table("rejected")
                                    + " WHERE reason = 'marked_outlier' ORDER BY origin LIMIT 5");
            assertThat(rows).isNotEmpty();
            for (List<Object> row : rows) {
                assertThat((String) row.get(0)).contains("FALSE").doesNotStartWith("{");
                assertThat((String) row.get(1)).startsWith("cats_uk.csv:");
            }
        }
    }

    @Test
    void dailyFixesAndDistancesMatchCsv() throws Exception {
        Map<String, Long> expectedFixes = reference.dailyFixes(ZONE);
        Map<String, Double> expectedDistance = reference.dailyDistance(ZONE);
        Map<String, Long> fixes = new TreeMap<>();
        Map<String, Double> distance = new TreeMap<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT cat_id, CAST(local_date AS VARCHAR), fixes, distance_m, dt FROM "
                                    + w.table("cat_movement_daily"))) {
                String key = row.get(0) + "/" + row.get(1);
                fixes.put(key, ((Number) row.get(2)).longValue());
                distance.put(key, ((Number) row.get(3)).doubleValue());
                assertThat(row.get(4)).isEqualTo(row.get(1));
            }
        }
        assertThat(fixes).isEqualTo(expectedFixes);
        assertThat(distance.keySet()).isEqualTo(expectedDistance.keySet());
        for (Map.Entry<String, Double> entry : expectedDistance.entrySet()) {
            assertThat(distance.get(entry.getKey()))
                    .as("distance of %s", entry.getKey())
                    .isCloseTo(entry.getValue(), within(1e-6 * (1 + entry.getValue())));
        }
    }

    @Test
    void distinctCatsPerCellMatchCsv() throws Exception {
        Map<String, Integer> expected = reference.distinctCatsPerCell(7, 3_600_000L);
        Map<String, Integer> actual = new TreeMap<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT cell_id, epoch_ms(window_start), distinct_cats FROM "
                                    + w.table("cell_density"))) {
                actual.put(row.get(0) + "/" + row.get(1), ((Number) row.get(2)).intValue());
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void hourlyFixesSumToAcceptedPerCat() throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        for (ReferenceCats.Fix fix : reference.accepted) {
            expected.merge(fix.catId, 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT cat_id, sum(fixes) FROM "
                                    + w.table("cat_movement_hourly")
                                    + " GROUP BY cat_id")) {
                actual.put((String) row.get(0), ((Number) row.get(1)).longValue());
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void timestampsReadAsUtcInstants() throws Exception {
        ReferenceCats.Fix first = reference.accepted.get(0);
        try (Warehouse w = new Warehouse(warehouse)) {
            List<List<Object>> rows =
                    w.query(
                            "SELECT epoch_ms(observed_at), typeof(observed_at) FROM "
                                    + w.table("positions")
                                    + " WHERE event_id = '"
                                    + first.eventId
                                    + "'");
            assertThat(rows).hasSize(1);
            assertThat(((Number) rows.get(0).get(0)).longValue()).isEqualTo(first.timeMs);
            assertThat(rows.get(0).get(1)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
    }

    @Test
    void shuffledInputGivesIdenticalTables() throws Exception {
        Path shuffled = tempDir.resolve("cats_uk_shuffled.csv");
        List<String> lines = Files.readAllLines(SharedData.catsUkCsv(), StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(rows, new Random(42));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(rows);
        Files.write(shuffled, out, StandardCharsets.UTF_8);
        Path second = tempDir.resolve("warehouse-shuffled");
        runJob(shuffled, second);

        // Origins hold line numbers and rejected_at the wall clock; both differ by design.
        Map<String, String> columns = new TreeMap<>();
        columns.put("positions", "* EXCLUDE (origin)");
        columns.put("cell_density", "*");
        columns.put("cat_movement_hourly", "*");
        columns.put("cat_movement_daily", "*");
        columns.put("rejected", "* EXCLUDE (origin, rejected_at)");
        try (Warehouse a = new Warehouse(warehouse);
                Warehouse b = new Warehouse(second)) {
            for (Map.Entry<String, String> table : columns.entrySet()) {
                String select = "SELECT " + table.getValue() + " FROM ";
                String sql = select + a.table(table.getKey()) + " ORDER BY ALL";
                List<List<Object>> first = a.query(sql);
                List<List<Object>> again =
                        b.query(select + b.table(table.getKey()) + " ORDER BY ALL");
                assertThat(again).as("table %s", table.getKey()).isEqualTo(first);
                assertThat(first).as("table %s", table.getKey()).isNotEmpty();
            }
        }
    }

    static List<String> readLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
