package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the OpenSearch node in the middle of a run of the real Movebank file and starts it again on
 * the same data folder, then checks that the indices hold every feature exactly once.
 *
 * <p>The run uses bulk requests of 50 actions, so the writes take long enough to be interrupted.
 * While the node is down, bulk requests and template installation fail, and the job restarts from
 * its last checkpoint once a second until the node is back.
 */
class OpenSearchOutageIT {

    private static final String PREFIX = "outage";

    /** Index operations after which the node is stopped; the whole run performs about 20,000. */
    private static final long STOP_AFTER_OPERATIONS = 3_000;

    private static final Duration DOWN_TIME = Duration.ofSeconds(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path tempDir;

    private static OpenSearchNode node;
    private static ReferenceCats reference;

    /** Index operations seen when the node was stopped. */
    private static long operationsAtStop;

    /** Status of the job when the node was stopped. */
    private static JobStatus statusAtStop;

    @BeforeAll
    static void runJobThroughOutage() throws Exception {
        node = OpenSearchNode.start("outage-it");
        Path csv = SharedData.catsUkCsv();
        reference =
                ReferenceCats.compute(
                        csv, OpenSearchFeatures.MAX_SPEED_MPS, OpenSearchFeatures.IDLE_TIMEOUT_MS);

        Properties bulk = new Properties();
        bulk.setProperty("opensearch.bulk.max-actions", "50");
        bulk.setProperty("opensearch.bulk.flush-interval", "PT0.2S");
        bulk.setProperty("opensearch.connection-timeout", "PT1S");
        JobConfig config =
                OpenSearchFeatures.config(
                        csv, tempDir.resolve("warehouse"), node.endpoint(), PREFIX, bulk);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(120, 1_000));
        JobRunner.build(env, config);
        JobClient job = env.executeAsync("cats-uk to OpenSearch with an outage");

        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (node.indexOperations() < STOP_AFTER_OPERATIONS) {
            assertThat(System.nanoTime()).as("time to reach the stop point").isLessThan(deadline);
            Thread.sleep(20);
        }
        statusAtStop = job.getJobStatus().get();
        operationsAtStop = node.indexOperations();
        node.stop();
        Thread.sleep(DOWN_TIME.toMillis());
        node.start();

        job.getJobExecutionResult().get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        node.refresh();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void nodeStoppedWhileJobRan() {
        assertThat(statusAtStop).isEqualTo(JobStatus.RUNNING);
        assertThat(operationsAtStop).isLessThan(reference.accepted.size());
    }

    @Test
    void latestPositionsComplete() throws Exception {
        Map<String, ReferenceCats.Fix> last = OpenSearchFeatures.lastFixPerCat(reference);
        List<JsonNode> hits = node.allHits(PREFIX + "-cat-latest");
        Map<String, JsonNode> docs = OpenSearchFeatures.latestByCat(hits);
        assertThat(hits).hasSize(last.size());
        assertThat(docs.keySet()).isEqualTo(last.keySet());
        OpenSearchFeatures.assertEachIsLastFix(docs, last);
    }

    @Test
    void densityCompleteWithoutDuplicates() throws Exception {
        Map<String, Integer> expected = reference.distinctCatsPerCell(7, 3_600_000L);
        Map<String, Integer> actual = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode hit : node.allHits(PREFIX + "-cell-density-*")) {
            JsonNode s = hit.get("_source");
            String key =
                    s.get("cell_id").asText() + "/" + OpenSearchFeatures.epochMs(s, "window_start");
            keys.add(key);
            actual.put(key, s.get("distinct_cats").asInt());
        }
        assertThat(keys).hasSize(expected.size());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void movementCompleteWithoutDuplicates() throws Exception {
        Set<String> expectedHourly = new TreeSet<>();
        Set<String> expectedDaily = new TreeSet<>();
        for (ReferenceCats.Fix fix : reference.accepted) {
            expectedHourly.add(
                    fix.catId + "/" + Math.floorDiv(fix.timeMs, 3_600_000L) * 3_600_000L);
            expectedDaily.add(
                    fix.catId + "/" + ReferenceCats.localDate(fix.timeMs, OpenSearchFeatures.ZONE));
        }
        List<String> hourly = new ArrayList<>();
        List<String> daily = new ArrayList<>();
        for (JsonNode hit : node.allHits(PREFIX + "-cat-movement-*")) {
            JsonNode s = hit.get("_source");
            if (s.get("window").asText().equals("hourly")) {
                hourly.add(
                        s.get("cat_id").asText()
                                + "/"
                                + OpenSearchFeatures.epochMs(s, "window_start"));
            } else {
                daily.add(s.get("cat_id").asText() + "/" + s.get("local_date").asText());
            }
        }
        assertThat(hourly).hasSize(expectedHourly.size());
        assertThat(new TreeSet<>(hourly)).isEqualTo(expectedHourly);
        assertThat(daily).hasSize(expectedDaily.size());
        assertThat(new TreeSet<>(daily)).isEqualTo(expectedDaily);
    }
}
