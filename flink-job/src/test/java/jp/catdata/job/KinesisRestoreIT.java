package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.WallClock;
import jp.catdata.producer.KinesisMockProcess;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Fails the job in the middle of a Kinesis stream and checks that the restored job writes every
 * record to S3Proxy exactly once.
 *
 * <p>The test publishes a first batch, waits until a checkpoint that covers some of its records is
 * complete, then publishes a second batch; the first record of the second batch fails the task.
 * Flink restarts the job from the last completed checkpoint: the consumer resumes each shard after
 * its checkpointed sequence number and the file sink drops what it had not committed. Each record
 * on the stream has a unique origin (shard and sequence number), and each must appear exactly once
 * in the positions or the rejected table.
 */
class KinesisRestoreIT {

    private static final String BUCKET = "cat-data-v21";
    private static final String PREFIX = "curated";
    private static final int CATS = 8;
    private static final int FIXES_PER_CAT_AND_BATCH = 150;
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    /** Set once a checkpoint that covers at least one record has completed. */
    static final AtomicBoolean ARMED = new AtomicBoolean();

    /** Set when the injected failure has been thrown. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = KinesisJobs.miniCluster();

    @TempDir static Path tempDir;

    private static KinesisMockProcess mock;
    private static S3ProxyProcess s3;
    private static Path warehouse;
    private static Map<String, List<Record>> stream;

    @BeforeAll
    static void runWithFailure() throws Exception {
        mock = KinesisMockProcess.start();
        s3 = S3ProxyProcess.start(tempDir);
        s3.createBucket(BUCKET);

        publishBatch("a", 0);
        JobConfig config =
                JobConfig.fromPropertyGroups(
                        KinesisJobs.groups(
                                mock, "Asia/Tokyo", "s3://" + BUCKET + "/" + PREFIX, s3));
        FileSystem.initialize(JobRunner.s3FileSystemConfiguration(config), null);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1_000));
        CatDataJob job = new CatDataJob(config, WallClock.system());
        DataStream<ParsedRecord> input = Sources.create(env, config, job.parser());
        DataStream<ParsedRecord> failing =
                input.map(new FailOnSecondBatch())
                        .returns(input.getType())
                        .uid("inject-failure")
                        .name("inject failure");
        job.writeParquet(job.process(failing), config.outputPath);
        JobClient client = env.executeAsync("failure and restore");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ARMED.get() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ARMED).as("a checkpoint covering records completed").isTrue();
        publishBatch("b", FIXES_PER_CAT_AND_BATCH);
        IdleStop.stopWhenIdle(client, KinesisJobs.IDLE_STOP_MS, 500);

        warehouse = tempDir.resolve("warehouse-from-s3");
        S3Buckets.copy(BUCKET, PREFIX, warehouse);
        try (KinesisClient kinesis = mock.client()) {
            stream = mock.readStream(kinesis);
        }
    }

    @AfterAll
    static void stopPeers() throws Exception {
        FileSystem.initialize(new Configuration(), null);
        if (s3 != null) {
            s3.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /**
     * Publishes one batch: {@link #FIXES_PER_CAT_AND_BATCH} fixes per cat one minute apart from
     * minute {@code firstMinute}, through the producer, and two records that are not JSON straight
     * to the stream.
     */
    private static void publishBatch(String batch, int firstMinute) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int minute = firstMinute; minute < firstMinute + FIXES_PER_CAT_AND_BATCH; minute++) {
            for (int cat = 0; cat < CATS; cat++) {
                lines.add(
                        String.format(
                                "{\"event_id\":\"%s-%d-%d\",\"cat_id\":\"restore-cat-%d\","
                                        + "\"municipality_code\":\"131067\","
                                        + "\"observed_at\":\"%s\",\"lat\":%.6f,\"lon\":%.6f,"
                                        + "\"source\":\"gps_collar\"}",
                                batch,
                                cat,
                                minute,
                                cat,
                                START.plusSeconds(60L * minute),
                                35.70 + 0.001 * cat + 0.00001 * minute,
                                139.78 + 0.00001 * minute));
            }
        }
        Path file = tempDir.resolve("batch-" + batch + ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int status =
                mock.publish(
                        new PrintStream(report, true, StandardCharsets.UTF_8),
                        "--input",
                        file.toString());
        assertThat(status).as(report.toString(StandardCharsets.UTF_8)).isZero();
        try (KinesisClient kinesis = mock.client()) {
            for (int i = 0; i < 2; i++) {
                String key = "garbage-" + batch + "-" + i;
                kinesis.putRecord(
                        r ->
                                r.streamName(KinesisMockProcess.STREAM)
                                        .partitionKey(key)
                                        .data(SdkBytes.fromUtf8String("not json " + key)));
            }
        }
    }

    /** Throws once, on the first record of batch "b" after {@link #ARMED} is set. */
    static final class FailOnSecondBatch
            implements MapFunction<ParsedRecord, ParsedRecord>,
                    CheckpointedFunction,
                    CheckpointListener {

        private long seen;
        private final Map<Long, Long> seenAtCheckpoint = new HashMap<>();

        @Override
        public ParsedRecord map(ParsedRecord record) {
            seen++;
            boolean secondBatch =
                    record.isAccepted() && record.event.eventId.startsWith("b-")
                            || !record.isAccepted() && record.rejected.raw.contains("garbage-b");
            if (secondBatch && ARMED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return record;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            seenAtCheckpoint.put(context.getCheckpointId(), seen);
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Long count = seenAtCheckpoint.remove(checkpointId);
            if (count != null && count > 0) {
                ARMED.set(true);
            }
        }
    }

    private static Set<String> streamOrigins() {
        Set<String> origins = new TreeSet<>();
        for (Map.Entry<String, List<Record>> shard : stream.entrySet()) {
            for (Record record : shard.getValue()) {
                origins.add(
                        "kinesis:"
                                + KinesisMockProcess.STREAM
                                + "/"
                                + shard.getKey()
                                + "/"
                                + record.sequenceNumber());
            }
        }
        return origins;
    }

    @Test
    void failureWasInjected() {
        assertThat(FAILED).isTrue();
    }

    @Test
    void everyRecordWrittenOnce() throws Exception {
        Set<String> expected = streamOrigins();
        try (Warehouse tables = new Warehouse(warehouse)) {
            List<List<Object>> written =
                    tables.query(
                            "SELECT origin FROM "
                                    + tables.table("positions")
                                    + " UNION ALL SELECT origin FROM "
                                    + tables.table("rejected"));
            List<String> origins = new ArrayList<>();
            written.forEach(row -> origins.add((String) row.get(0)));
            assertThat(expected).hasSize(2 * (CATS * FIXES_PER_CAT_AND_BATCH + 2));
            assertThat(origins).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(origins)).isEqualTo(expected);
        }
    }

    @Test
    void onlyGarbageRejected() throws Exception {
        try (Warehouse tables = new Warehouse(warehouse)) {
            List<List<Object>> reasons =
                    tables.query(
                            "SELECT reason, count(*) FROM "
                                    + tables.table("rejected")
                                    + " GROUP BY reason");
            assertThat(reasons).hasSize(1);
            assertThat(reasons.get(0).get(1)).isEqualTo(4L);
        }
    }

    @Test
    void hourlyMovementCountsEveryFix() throws Exception {
        // Fixes one minute apart over 300 minutes: each cat's hours hold 60 fixes.
        try (Warehouse tables = new Warehouse(warehouse)) {
            List<List<Object>> perCat =
                    tables.query(
                            "SELECT cat_id, sum(fixes), count(*) FROM "
                                    + tables.table("cat_movement_hourly")
                                    + " GROUP BY cat_id ORDER BY cat_id");
            assertThat(perCat).hasSize(CATS);
            for (List<Object> row : perCat) {
                assertThat(((Number) row.get(1)).longValue())
                        .as("fixes of %s", row.get(0))
                        .isEqualTo(2L * FIXES_PER_CAT_AND_BATCH);
                assertThat(((Number) row.get(2)).longValue())
                        .as("hours of %s", row.get(0))
                        .isEqualTo(2L * FIXES_PER_CAT_AND_BATCH / 60);
            }
        }
    }
}
