package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.catdata.event.WallClock;
import jp.catdata.source.CatSimulator;
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
 * Runs the default source, the simulator with its duplicates, late and malformed records, through
 * the whole streaming path (watermarks from the records, late-event rejection) into Parquet.
 * Expected counts come from the simulator's raw bytes, read in the test with plain Jackson.
 */
class SimulatorEndToEndIT {

    private static final int RECORDS = 20_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path tempDir;

    private static JobConfig config;
    private static JobExecutionResult first;

    @BeforeAll
    static void runSimulator() throws Exception {
        config = new JobConfig();
        config.simulatorRecords = RECORDS;
        first = run(tempDir.resolve("first"));
    }

    static JobExecutionResult run(Path output) throws Exception {
        config.outputPath = output.toUri().toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.setRestartStrategy(RestartStrategies.noRestart());
        JobRunner.build(env, config);
        return env.execute("simulator end to end");
    }

    /** Reads the simulator's records as a producer would send them, without the job's parser. */
    private static List<JsonNode> rawRecords() throws Exception {
        CatSimulator simulator =
                new CatSimulator(
                        Sources.simulatorSettings(config),
                        new CatDataJob(config, WallClock.system()).parser());
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (long i = 0; i < RECORDS; i++) {
            try {
                nodes.add(mapper.readTree(simulator.recordBytes(i)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                nodes.add(null);
            }
        }
        return nodes;
    }

    private static Map<String, Long> rejectedByReason(Warehouse w) throws Exception {
        Map<String, Long> byReason = new TreeMap<>();
        for (List<Object> row :
                w.query("SELECT reason, count(*) FROM " + w.table("rejected") + " GROUP BY 1")) {
            byReason.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return byReason;
    }

    @Test
    void everyRecordAccountedFor() throws Exception {
        try (Warehouse w = new Warehouse(tempDir.resolve("first"))) {
            long positions = w.count("SELECT count(*) FROM " + w.table("positions"));
            long rejected = w.count("SELECT count(*) FROM " + w.table("rejected"));
            assertThat(positions + rejected).isEqualTo(RECORDS);
            assertThat((Long) first.getAccumulatorResult("records-read")).isEqualTo(RECORDS);
        }
    }

    @Test
    void duplicatesAndLateResendsRejected() throws Exception {
        Set<String> seen = new HashSet<>();
        Set<String> repeatedIds = new HashSet<>();
        Set<String> lateResends = new HashSet<>();
        for (JsonNode node : rawRecords()) {
            if (node == null || !node.hasNonNull("event_id")) {
                continue;
            }
            String id = node.get("event_id").asText();
            if (!seen.add(id)) {
                repeatedIds.add(id);
            } else if (id.endsWith("-late")) {
                lateResends.add(id);
            }
        }
        assertThat(repeatedIds).isNotEmpty();
        assertThat(lateResends).isNotEmpty();
        try (Warehouse w = new Warehouse(tempDir.resolve("first"))) {
            String positions = w.table("positions");
            assertThat(w.count("SELECT count(*) - count(DISTINCT event_id) FROM " + positions))
                    .isZero();

            Set<String> duplicates = new HashSet<>();
            Set<String> late = new HashSet<>();
            for (List<Object> row :
                    w.query(
                            "SELECT reason, event_id FROM "
                                    + w.table("rejected")
                                    + " WHERE reason IN ('duplicate_event', 'late_event')")) {
                (row.get(0).equals("late_event") ? late : duplicates).add((String) row.get(1));
            }
            // Every late re-send lies hours behind the watermark.
            assertThat(late).containsAll(lateResends);
            // Only repeated ids are duplicates. A copy of a record that the parser rejects (a
            // malformed or flagged record) is rejected again for that reason, so a few repeated
            // ids have no duplicate rejection.
            assertThat(repeatedIds).containsAll(duplicates);
            assertThat(duplicates.size()).isGreaterThanOrEqualTo(repeatedIds.size() * 9 / 10);
        }
    }

    @Test
    void malformedRecordsRejected() throws Exception {
        long unparseable = rawRecords().stream().filter(node -> node == null).count();
        try (Warehouse w = new Warehouse(tempDir.resolve("first"))) {
            Map<String, Long> byReason = rejectedByReason(w);
            assertThat(unparseable).isGreaterThan(0);
            assertThat(byReason.getOrDefault("invalid_json", 0L)).isEqualTo(unparseable);
            assertThat(byReason)
                    .containsKeys(
                            "implausible_speed", "marked_outlier", "invalid_municipality_code");
        }
    }

    @Test
    void sameSeedGivesSameTables() throws Exception {
        Path second = tempDir.resolve("second");
        run(second);
        Map<String, String> columns = new TreeMap<>();
        columns.put("positions", "*");
        columns.put("cell_density", "*");
        columns.put("cat_movement_hourly", "*");
        columns.put("cat_movement_daily", "*");
        columns.put("rejected", "* EXCLUDE (rejected_at, detail)");
        try (Warehouse a = new Warehouse(tempDir.resolve("first"));
                Warehouse b = new Warehouse(second)) {
            for (Map.Entry<String, String> table : columns.entrySet()) {
                String select = "SELECT " + table.getValue() + " FROM ";
                List<List<Object>> expected =
                        a.query(select + a.table(table.getKey()) + " ORDER BY ALL");
                List<List<Object>> actual =
                        b.query(select + b.table(table.getKey()) + " ORDER BY ALL");
                assertThat(actual).as("table %s", table.getKey()).isEqualTo(expected);
            }
        }
    }
}
