package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Movebank file of 101 pet cats through the whole job twice, once into S3Proxy
 * through {@code s3://} and flink-s3-fs-hadoop and once into a local folder, and compares the
 * tables and the object keys.
 */
class S3OutputIT {

    private static final String BUCKET = "cat-data-v21";
    private static final String PREFIX = "curated";
    private static final String MUNICIPALITY_CODE = "131067";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path tempDir;

    private static S3ProxyProcess s3;
    private static Path localWarehouse;
    private static Path copiedWarehouse;

    /** Keys of every object in the bucket after the S3 run. */
    private static List<String> objectKeys;

    @BeforeAll
    static void runJobToS3AndLocally() throws Exception {
        s3 = S3ProxyProcess.start(tempDir);
        s3.createBucket(BUCKET);
        Path csv = SharedData.catsUkCsv();

        JobConfig s3Config = config(csv, "s3://" + BUCKET + "/" + PREFIX, s3.endpoint());
        // The MiniCluster runs in this JVM, so its tasks use the file systems set up here.
        FileSystem.initialize(JobRunner.s3FileSystemConfiguration(s3Config), null);
        runJob(s3Config, "cats-uk to S3");

        localWarehouse = tempDir.resolve("warehouse-local");
        runJob(config(csv, localWarehouse.toUri().toString(), null), "cats-uk to a folder");

        copiedWarehouse = tempDir.resolve("warehouse-from-s3");
        objectKeys = S3Buckets.copy(BUCKET, PREFIX, copiedWarehouse);
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        // Later test classes in this JVM get the file systems without S3 settings.
        FileSystem.initialize(new Configuration(), null);
        if (s3 != null) {
            s3.close();
        }
    }

    private static JobConfig config(Path input, String outputPath, String s3Endpoint) {
        Map<String, Properties> groups = new HashMap<>();
        Properties source = new Properties();
        source.setProperty("source.type", "file");
        source.setProperty("file.path", input.toString());
        groups.put(JobConfig.SOURCE_GROUP, source);
        Properties processing = new Properties();
        processing.setProperty("municipality.default-code", MUNICIPALITY_CODE);
        processing.setProperty("time-zone", ZONE.getId());
        groups.put(JobConfig.PROCESSING_GROUP, processing);
        Properties output = new Properties();
        output.setProperty("output.path", outputPath);
        if (s3Endpoint != null) {
            output.setProperty("s3.endpoint", s3Endpoint);
            output.setProperty("s3.path-style-access", "true");
            output.setProperty("s3.access-key", S3ProxyProcess.ACCESS_KEY);
            output.setProperty("s3.secret-key", S3ProxyProcess.SECRET_KEY);
        }
        groups.put(JobConfig.OUTPUT_GROUP, output);
        return JobConfig.fromPropertyGroups(groups);
    }

    private static void runJob(JobConfig config, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.setRestartStrategy(RestartStrategies.noRestart());
        JobRunner.build(env, config);
        env.execute(name);
    }

    @Test
    void tablesMatchLocalRun() throws Exception {
        // rejected_at holds the wall clock of the rejection, so it differs between the runs.
        Map<String, String> columns = new TreeMap<>();
        for (String table : JobRunner.TABLES) {
            columns.put(table, "*");
        }
        columns.put("rejected", "* EXCLUDE (rejected_at)");
        try (Warehouse local = new Warehouse(localWarehouse);
                Warehouse fromS3 = new Warehouse(copiedWarehouse)) {
            for (Map.Entry<String, String> table : columns.entrySet()) {
                String select = "SELECT " + table.getValue() + " FROM ";
                List<List<Object>> expected =
                        local.query(select + local.table(table.getKey()) + " ORDER BY ALL");
                List<List<Object>> actual =
                        fromS3.query(select + fromS3.table(table.getKey()) + " ORDER BY ALL");
                assertThat(expected).as("local table %s", table.getKey()).isNotEmpty();
                assertThat(actual).as("table %s", table.getKey()).isEqualTo(expected);
            }
        }
    }

    @Test
    void keysFollowPartitionLayout() {
        String tables = String.join("|", JobRunner.TABLES);
        String pattern =
                PREFIX
                        + "/("
                        + tables
                        + ")/municipality_code="
                        + MUNICIPALITY_CODE
                        + "/dt=\\d{4}-\\d{2}-\\d{2}/part-[^/]+\\.parquet";
        assertThat(objectKeys).isNotEmpty();
        for (String key : objectKeys) {
            assertThat(key).matches(pattern);
        }
    }

    @Test
    void noInProgressOrHiddenObjects() {
        assertThat(objectKeys).isNotEmpty();
        for (String key : objectKeys) {
            for (String segment : key.split("/")) {
                assertThat(segment).as("key %s", key).doesNotStartWith(".");
                assertThat(segment).as("key %s", key).doesNotStartWith("_");
            }
            assertThat(key).doesNotContain("inprogress");
        }
    }

    @Test
    void partitionsMatchLocalRun() throws IOException {
        Set<String> s3Partitions =
                objectKeys.stream()
                        .map(key -> key.substring(PREFIX.length() + 1, key.lastIndexOf('/')))
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> localPartitions;
        try (Stream<Path> files = Files.walk(localWarehouse)) {
            localPartitions =
                    files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                            .map(f -> localWarehouse.relativize(f.getParent()).toString())
                            .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(localPartitions).isNotEmpty();
        assertThat(s3Partitions).isEqualTo(localPartitions);
    }

    // The tests below change the bucket and a copy of the local tables. The other tests read
    // only what runJobToS3AndLocally captured, so the order of the tests does not matter.

    @Test
    void secondRunIntoBucketChecked() throws Exception {
        String output = "s3://" + BUCKET + "/" + PREFIX;
        org.apache.flink.core.fs.Path outputPath = new org.apache.flink.core.fs.Path(output);
        FileSystem fs = outputPath.getFileSystem();
        for (String table : JobRunner.TABLES) {
            assertThat(fs.exists(new org.apache.flink.core.fs.Path(outputPath, table)))
                    .as("table %s before the check", table)
                    .isTrue();
        }

        assertThatThrownBy(() -> OutputTables.prepare(output, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output " + output + " already contains table")
                .hasMessageContaining("--overwrite");

        org.apache.flink.core.fs.Path notes =
                new org.apache.flink.core.fs.Path(output + "/rejected/notes.txt");
        try (OutputStream out = fs.create(notes, WriteMode.NO_OVERWRITE)) {
            out.write("field notes".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> OutputTables.prepare(output, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table folder " + output + "/rejected")
                .hasMessageContaining("contains notes.txt,");
        for (String table : JobRunner.TABLES) {
            assertThat(fs.exists(new org.apache.flink.core.fs.Path(outputPath, table)))
                    .as("table %s after the rejected overwrite", table)
                    .isTrue();
        }
        assertThat(fs.exists(notes)).isTrue();

        assertThat(fs.delete(notes, false)).isTrue();
        OutputTables.prepare(output, true);
        for (String table : JobRunner.TABLES) {
            assertThat(fs.exists(new org.apache.flink.core.fs.Path(outputPath, table)))
                    .as("table %s after the overwrite", table)
                    .isFalse();
        }
    }

    @Test
    void overwriteDeletesEarlierLocalRun() throws Exception {
        Path rerun = tempDir.resolve("warehouse-rerun");
        try (Stream<Path> files = Files.walk(localWarehouse)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Files.copy(source, rerun.resolve(localWarehouse.relativize(source).toString()));
            }
        }
        for (String table : JobRunner.TABLES) {
            assertThat(rerun.resolve(table)).as("copied table %s", table).isDirectory();
        }

        String output = rerun.toUri().toString();
        assertThatThrownBy(() -> OutputTables.prepare(output, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already contains table");
        OutputTables.prepare(output, true);
        for (String table : JobRunner.TABLES) {
            assertThat(rerun.resolve(table)).as("table %s", table).doesNotExist();
        }
        assertThat(rerun).isEmptyDirectory();
    }
}
