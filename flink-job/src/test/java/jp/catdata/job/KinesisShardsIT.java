package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.catdata.process.RejectedCounter;
import jp.catdata.process.ValidateFunction;
import jp.catdata.producer.KinesisMockProcess;
import jp.catdata.sink.ParquetSinks;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Runs the job on a 10-shard kinesis-mock stream: windows close while most shards carry no traffic,
 * and a record aggregated by the Kinesis Producer Library is read as its user records. A one-shard
 * stream read by two subtasks checks that a drained stop flushes the records of the only shard.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KinesisShardsIT {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    /** First four bytes of a KPL-aggregated record. */
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = KinesisJobs.miniCluster();

    @TempDir static Path tempDir;

    private static KinesisMockProcess mock;

    @BeforeAll
    static void startMock() throws Exception {
        mock = KinesisMockProcess.start();
    }

    @AfterAll
    static void stopMock() throws Exception {
        if (mock != null) {
            mock.close();
        }
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        // A restart lets IdleStop retry a stop that failed in the connector.
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1_000));
        return env;
    }

    private static String fix(String eventId, String catId, Instant observedAt, double lat) {
        return String.format(
                "{\"event_id\":\"%s\",\"cat_id\":\"%s\",\"municipality_code\":\"131067\","
                        + "\"observed_at\":\"%s\",\"lat\":%.6f,\"lon\":139.780000,"
                        + "\"source\":\"gps_collar\"}",
                eventId, catId, observedAt, lat);
    }

    @Test
    @Order(1)
    void windowsCloseWithTwoActiveShards() throws Exception {
        // Two cats, so at most two of the ten shards carry records: fixes every minute for 3 h.
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 180; minute++) {
            for (int cat = 0; cat < 2; cat++) {
                lines.add(
                        fix(
                                "idle-" + cat + "-" + minute,
                                "idle-cat-" + cat,
                                START.plusSeconds(60L * minute),
                                35.70 + 0.001 * cat));
            }
        }
        Path file = tempDir.resolve("two-cats.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int status =
                mock.publish(
                        new PrintStream(report, true, StandardCharsets.UTF_8),
                        "--input",
                        file.toString());
        assertThat(status).as(report.toString(StandardCharsets.UTF_8)).isZero();

        Path output = tempDir.resolve("warehouse-idle");
        Map<String, Properties> groups =
                KinesisJobs.groups(mock, "Asia/Tokyo", output.toUri().toString(), null);
        // An idleness long enough for both shard consumers to deliver before the first watermark,
        // even on a loaded machine, and short enough to keep the test quick.
        groups.get(JobConfig.PROCESSING_GROUP).setProperty("source-idleness", "PT10S");
        StreamExecutionEnvironment env = environment();
        JobRunner.build(env, JobConfig.fromPropertyGroups(groups));
        JobClient client = env.executeAsync("two active shards of ten");

        // The watermark reaches 02:59 - 10 min, so the windows 00:00 and 01:00 fire while the job
        // keeps running: the density sink counts their rows, and a checkpoint commits them.
        long densityRows = 0;
        List<Path> committed = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while ((densityRows == 0 || committed.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            Object rows =
                    client.getAccumulators()
                            .get()
                            .get(ParquetSinks.ROWS_WRITTEN_PREFIX + "cell_density");
            densityRows = rows == null ? 0 : ((Number) rows).longValue();
            committed = committedFiles(output.resolve("cell_density"));
        }
        JobStatus statusWhileWaiting = client.getJobStatus().get();
        client.cancel().get();

        assertThat(statusWhileWaiting).isEqualTo(JobStatus.RUNNING);
        assertThat(densityRows).as("cell_density rows of fired windows").isPositive();
        assertThat(committed).as("committed cell_density files").isNotEmpty();
        try (Warehouse tables = new Warehouse(output)) {
            List<List<Object>> windows =
                    tables.query(
                            "SELECT DISTINCT epoch(window_start)::BIGINT FROM "
                                    + tables.table("cell_density")
                                    + " ORDER BY 1");
            List<Long> starts = new ArrayList<>();
            windows.forEach(row -> starts.add(((Number) row.get(0)).longValue()));
            long first = START.getEpochSecond();
            assertThat(starts).isSubsetOf(first, first + 3600);
            assertThat(starts).contains(first);
        }
    }

    private static List<Path> committedFiles(Path table) throws IOException {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    @Test
    @Order(2)
    void aggregatedRecordYieldsEachEvent() throws Exception {
        Thread.sleep(1_500);
        Instant readFrom = Instant.now();
        Thread.sleep(1_500);
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(
                    fix("kpl-" + i, "kpl-cat-" + i, START.plusSeconds(60L * i), 35.71)
                            .getBytes(StandardCharsets.UTF_8));
        }
        byte[] aggregated = aggregate("kpl-batch", events);
        try (KinesisClient kinesis = mock.client()) {
            kinesis.putRecord(
                    r ->
                            r.streamName(KinesisMockProcess.STREAM)
                                    .partitionKey("kpl-batch")
                                    .data(SdkBytes.fromByteArray(aggregated)));
        }

        Path output = tempDir.resolve("warehouse-kpl");
        Map<String, Properties> groups =
                KinesisJobs.groups(mock, "Asia/Tokyo", output.toUri().toString(), null);
        // Starting at the time stamp leaves out the records of the other test.
        groups.get(JobConfig.SOURCE_GROUP).setProperty("kinesis.initial-position", "AT_TIMESTAMP");
        groups.get(JobConfig.SOURCE_GROUP)
                .setProperty("kinesis.initial-timestamp", readFrom.toString());
        StreamExecutionEnvironment env = environment();
        JobRunner.build(env, JobConfig.fromPropertyGroups(groups));
        IdleStop.runUntilIdle(env, "aggregated record", KinesisJobs.IDLE_STOP_MS, 500);

        try (Warehouse tables = new Warehouse(output)) {
            List<List<Object>> rows =
                    tables.query(
                            "SELECT event_id FROM " + tables.table("positions") + " ORDER BY 1");
            List<Object> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.get(0)));
            assertThat(ids).containsExactly("kpl-0", "kpl-1", "kpl-2");
        }
        assertThat(output.resolve("rejected")).doesNotExist();
    }

    @Test
    @Order(3)
    void enhancedFanOutReadsRecords() throws Exception {
        Thread.sleep(1_500);
        Instant readFrom = Instant.now();
        Thread.sleep(1_500);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(fix("efo-" + i, "efo-cat-" + (i % 4), START.plusSeconds(60L * i), 35.72));
        }
        Path file = tempDir.resolve("efo.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(
                        mock.publish(
                                new PrintStream(report, true, StandardCharsets.UTF_8),
                                "--input",
                                file.toString()))
                .isZero();

        Path output = tempDir.resolve("warehouse-efo");
        Map<String, Properties> groups =
                KinesisJobs.groups(mock, "Asia/Tokyo", output.toUri().toString(), null);
        Properties source = groups.get(JobConfig.SOURCE_GROUP);
        source.setProperty("kinesis.initial-position", "AT_TIMESTAMP");
        source.setProperty("kinesis.initial-timestamp", readFrom.toString());
        source.setProperty("kinesis.consumer-type", "efo");
        source.setProperty("kinesis.efo-consumer-name", "efo-test");
        // kinesis-mock serves SubscribeToShard over HTTP/2 on its plain port too.
        StreamExecutionEnvironment env = environment();
        JobRunner.build(env, JobConfig.fromPropertyGroups(groups));
        JobClient client = env.executeAsync("enhanced fan-out");
        // The consumer registers under its name while it runs and deregisters when it stops.
        List<String> consumers = new ArrayList<>();
        try (KinesisClient kinesis = mock.client()) {
            String streamArn =
                    kinesis.describeStreamSummary(r -> r.streamName(KinesisMockProcess.STREAM))
                            .streamDescriptionSummary()
                            .streamARN();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!consumers.contains("efo-test") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                consumers.clear();
                kinesis.listStreamConsumers(r -> r.streamARN(streamArn))
                        .consumers()
                        .forEach(consumer -> consumers.add(consumer.consumerName()));
            }
        }
        IdleStop.stopWhenIdle(client, KinesisJobs.IDLE_STOP_MS, 500);

        assertThat(consumers).contains("efo-test");
        try (Warehouse tables = new Warehouse(output)) {
            assertThat(tables.count("SELECT count(*) FROM " + tables.table("positions")))
                    .isEqualTo(20);
        }
    }

    @Test
    @Order(4)
    void drainedStopFlushesOneShard() throws Exception {
        String stream = "one-shard";
        List<String> fixes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fixes.add(
                    fix("drain-" + i, "drain-cat", START.plusSeconds(60L * i), 35.73 + 0.0001 * i));
        }
        List<String> records = new ArrayList<>(fixes);
        records.add("not a position event");
        try (KinesisClient kinesis = mock.client()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(1));
            StreamStatus streamStatus = StreamStatus.CREATING;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (streamStatus != StreamStatus.ACTIVE && System.nanoTime() < deadline) {
                Thread.sleep(200);
                streamStatus =
                        kinesis.describeStreamSummary(r -> r.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus();
            }
            assertThat(streamStatus).isEqualTo(StreamStatus.ACTIVE);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                entries.add(
                        PutRecordsRequestEntry.builder()
                                .partitionKey("drain-" + i)
                                .data(SdkBytes.fromUtf8String(records.get(i)))
                                .build());
            }
            int failed =
                    kinesis.putRecords(r -> r.streamName(stream).records(entries))
                            .failedRecordCount();
            assertThat(failed).as("records kinesis-mock failed to put").isZero();
        }

        Path output = tempDir.resolve("warehouse-one-shard");
        Map<String, Properties> groups =
                KinesisJobs.groups(mock, "Asia/Tokyo", output.toUri().toString(), null);
        groups.get(JobConfig.SOURCE_GROUP).setProperty("kinesis.stream-name", stream);
        // The stop comes long before the idleness time, so neither subtask has sent a watermark or
        // an idle status yet. Only the maximum watermark of the drain can release the fixes that
        // order-and-clean buffers until the watermark passes them.
        groups.get(JobConfig.PROCESSING_GROUP).setProperty("source-idleness", "PT5M");
        StreamExecutionEnvironment env = environment();
        JobRunner.build(env, JobConfig.fromPropertyGroups(groups));
        JobExecutionResult result =
                IdleStop.runUntilIdle(
                        env, "one shard, two subtasks", KinesisJobs.IDLE_STOP_MS, 500);

        Map<String, Object> accumulators = result.getAllAccumulatorResults();
        long rejected = 0;
        for (Map.Entry<String, Object> entry : accumulators.entrySet()) {
            if (entry.getKey().startsWith(RejectedCounter.PREFIX)) {
                rejected += ((Number) entry.getValue()).longValue();
            }
        }
        assertThat(accumulators.get(ValidateFunction.RECORDS_READ))
                .as("records read")
                .isEqualTo((long) records.size());
        assertThat(accumulators.get(ParquetSinks.ROWS_WRITTEN_PREFIX + "positions"))
                .as("accepted (positions rows)")
                .isEqualTo((long) fixes.size());
        assertThat(rejected).as("rejected").isEqualTo(records.size() - fixes.size());
        try (Warehouse tables = new Warehouse(output)) {
            assertThat(tables.count("SELECT count(*) FROM " + tables.table("positions")))
                    .isEqualTo(fixes.size());
            assertThat(tables.count("SELECT count(*) FROM " + tables.table("rejected")))
                    .isEqualTo(records.size() - fixes.size());
        }
    }

    /**
     * Encodes records in the KPL aggregation format: the magic bytes, an {@code AggregatedRecord}
     * protocol buffer and the MD5 digest of that buffer. All records share one partition key,
     * because the KPL aggregates only records bound for the same shard. The consumer drops the
     * whole aggregate when one user record hashes outside the shard.
     */
    private static byte[] aggregate(String partitionKey, List<byte[]> data) throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        writeBytesField(message, 1, partitionKey.getBytes(StandardCharsets.UTF_8));
        for (byte[] userRecord : data) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            record.write(1 << 3); // partition_key_index 0, a varint
            writeVarint(record, 0);
            writeBytesField(record, 3, userRecord);
            writeBytesField(message, 3, record.toByteArray());
        }
        byte[] body = message.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(KPL_MAGIC);
        out.write(body);
        out.write(MessageDigest.getInstance("MD5").digest(body));
        return out.toByteArray();
    }

    private static void writeBytesField(ByteArrayOutputStream out, int field, byte[] value) {
        writeVarint(out, (field << 3) | 2);
        writeVarint(out, value.length);
        out.write(value, 0, value.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
