package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import jp.catdata.process.RejectedCounter;
import jp.catdata.producer.KinesisMockProcess;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes the real Movebank file of 101 pet cats to a 10-shard kinesis-mock stream with the
 * producer, runs the job from that stream into S3Proxy, and compares the tables with a file run of
 * the same file.
 *
 * <p>The producer sends the file in event-time order, as a live feed would arrive, so no fix is
 * late for the stream's watermarks. It leaves out the rows that the reader rejects (fixes marked as
 * outliers in the file), which the file run writes to its rejected table instead.
 */
class KinesisEndToEndIT {

    private static final String BUCKET = "cat-data-v21";
    private static final String PREFIX = "curated";
    private static final String ZONE = "Europe/London";

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = KinesisJobs.miniCluster();

    @TempDir static Path tempDir;

    private static KinesisMockProcess mock;
    private static S3ProxyProcess s3;
    private static String producerReport;
    private static int producerStatus;
    private static JobExecutionResult kinesisRun;
    private static Path fileWarehouse;
    private static Path streamWarehouse;

    @BeforeAll
    static void runStreamAndFile() throws Exception {
        mock = KinesisMockProcess.start();
        s3 = S3ProxyProcess.start(tempDir);
        s3.createBucket(BUCKET);
        Path csv = SharedData.catsUkCsv();

        ByteArrayOutputStream report = new ByteArrayOutputStream();
        producerStatus =
                mock.publish(
                        new PrintStream(report, true, StandardCharsets.UTF_8),
                        "--input",
                        csv.toString(),
                        "--time-order",
                        "--municipality-code",
                        KinesisJobs.MUNICIPALITY_CODE);
        producerReport = report.toString(StandardCharsets.UTF_8);

        JobConfig streamConfig =
                JobConfig.fromPropertyGroups(
                        KinesisJobs.groups(mock, ZONE, "s3://" + BUCKET + "/" + PREFIX, s3));
        // The MiniCluster runs in this JVM, so its tasks use the file systems set up here.
        FileSystem.initialize(JobRunner.s3FileSystemConfiguration(streamConfig), null);
        StreamExecutionEnvironment env = environment();
        JobRunner.build(env, streamConfig);
        kinesisRun =
                IdleStop.runUntilIdle(env, "cats-uk from Kinesis", KinesisJobs.IDLE_STOP_MS, 500);
        streamWarehouse = tempDir.resolve("warehouse-from-s3");
        S3Buckets.copy(BUCKET, PREFIX, streamWarehouse);

        fileWarehouse = tempDir.resolve("warehouse-file");
        env = environment();
        JobRunner.build(env, fileConfig(csv, fileWarehouse.toUri().toString()));
        env.execute("cats-uk from the file");
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

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        // A restart lets IdleStop retry a stop that failed in the connector.
        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1_000));
        return env;
    }

    private static JobConfig fileConfig(Path csv, String outputPath) {
        Map<String, Properties> groups = new HashMap<>();
        Properties source = new Properties();
        source.setProperty("source.type", "file");
        source.setProperty("file.path", csv.toString());
        groups.put(JobConfig.SOURCE_GROUP, source);
        Properties processing = new Properties();
        processing.setProperty("municipality.default-code", KinesisJobs.MUNICIPALITY_CODE);
        processing.setProperty("time-zone", ZONE);
        groups.put(JobConfig.PROCESSING_GROUP, processing);
        Properties output = new Properties();
        output.setProperty("output.path", outputPath);
        groups.put(JobConfig.OUTPUT_GROUP, output);
        return JobConfig.fromPropertyGroups(groups);
    }

    @Test
    void producerSendsEveryAcceptedRow() throws Exception {
        long fileRejected;
        long fileAccepted;
        try (Warehouse file = new Warehouse(fileWarehouse)) {
            fileRejected = file.count("SELECT count(*) FROM " + file.table("rejected"));
            fileAccepted = file.count("SELECT count(*) FROM " + file.table("positions"));
        }
        assertThat(producerStatus).as(producerReport).isZero();
        assertThat(producerReport).contains("sent: " + fileAccepted + " records");
        assertThat(producerReport).contains("given up: 0 records");
        assertThat(producerReport).contains("rejected by the reader: " + fileRejected + " rows");
    }

    @Test
    void derivedTablesMatchFileRun() throws Exception {
        Map<String, String> columns = new TreeMap<>();
        // origin names where a record came from: a file line in one run, a shard in the other.
        columns.put("positions", "* EXCLUDE (origin)");
        columns.put("cell_density", "*");
        columns.put("cat_movement_hourly", "*");
        columns.put("cat_movement_daily", "*");
        try (Warehouse file = new Warehouse(fileWarehouse);
                Warehouse stream = new Warehouse(streamWarehouse)) {
            for (Map.Entry<String, String> table : columns.entrySet()) {
                String name = table.getKey();
                String fromFile = "SELECT " + table.getValue() + " FROM " + file.table(name);
                String fromStream = "SELECT " + table.getValue() + " FROM " + stream.table(name);
                long fileRows = file.count("SELECT count(*) FROM (" + fromFile + ")");
                List<List<Object>> onlyInFile =
                        file.query(fromFile + " EXCEPT ALL " + fromStream + " LIMIT 5");
                List<List<Object>> onlyInStream =
                        file.query(fromStream + " EXCEPT ALL " + fromFile + " LIMIT 5");
                assertThat(fileRows).as("file rows of %s", name).isPositive();
                assertThat(onlyInFile).as("rows of %s missing from the stream run", name).isEmpty();
                assertThat(onlyInStream).as("rows of %s only in the stream run", name).isEmpty();
            }
        }
    }

    @Test
    void positionsNameTheirShard() throws Exception {
        try (Warehouse stream = new Warehouse(streamWarehouse)) {
            long outside =
                    stream.count(
                            "SELECT count(*) FROM "
                                    + stream.table("positions")
                                    + " WHERE NOT regexp_matches(origin,"
                                    + " '^kinesis:cat-position-stream/shardId-[0-9]+/[0-9]+$')");
            long shards =
                    stream.count(
                            "SELECT count(DISTINCT split_part(origin, '/', 2)) FROM "
                                    + stream.table("positions"));
            assertThat(outside).isZero();
            assertThat(shards).isEqualTo(10);
        }
    }

    @Test
    void streamRunRejectsNothing() throws Exception {
        // Every record on the stream is a valid event in time order: none is late or repeated.
        Map<String, Object> rejectedByReason = new TreeMap<>();
        kinesisRun.getAllAccumulatorResults().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(RejectedCounter.PREFIX))
                .forEach(entry -> rejectedByReason.put(entry.getKey(), entry.getValue()));
        assertThat(rejectedByReason).isEmpty();
        assertThat(streamWarehouse.resolve("rejected")).doesNotExist();
    }
}
