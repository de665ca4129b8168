package jp.catdata.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import jp.catdata.event.WallClock;
import jp.catdata.process.RejectedCounter;
import jp.catdata.process.ValidateFunction;
import jp.catdata.sink.ParquetSinks;
import jp.catdata.source.InputFormat;
import jp.catdata.source.KinesisSource;
import jp.catdata.source.MovebankCsvFormat;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the settings, builds the job and runs it: on the managed runtime with its application
 * property groups, or locally on an embedded MiniCluster with a JSON properties file and
 * command-line options.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /**
     * Table folders a run writes. A local run rejects an output that contains one of them unless
     * --overwrite is given.
     */
    static final String[] TABLES = {
        "positions", "cell_density", "cat_movement_hourly", "cat_movement_daily", "rejected"
    };

    /** Checkpoint interval of local runs; each checkpoint commits the Parquet files written. */
    static final long LOCAL_CHECKPOINT_INTERVAL_MS = 5_000;

    /**
     * Restarts of a local run that writes to OpenSearch, 10 s apart, so that a node that is down
     * for up to about five minutes costs a delay instead of the run.
     */
    static final int LOCAL_OPENSEARCH_RESTARTS = 30;

    private JobRunner() {}

    /**
     * Runs the job and returns the process exit code: 0 on success, 1 when a local job fails or the
     * counts show lost records, 2 on a usage error or, for a local run, a peer that does not
     * respond.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (cli.help) {
            out.println(CommandLine.USAGE);
            return 0;
        }

        boolean local =
                StreamExecutionEnvironment.getExecutionEnvironment()
                        instanceof LocalStreamEnvironment;
        JobConfig config;
        try {
            Map<String, Properties> groups =
                    local
                            ? PropertyGroups.merge(loadLocalProperties(cli), cli.overrides)
                            : KinesisAnalyticsRuntime.getApplicationProperties();
            config = JobConfig.fromPropertyGroups(groups);
            if (local) {
                // Checks the peers first, because with --overwrite the output check deletes old
                // tables.
                LocalPreflight.check(config);
                if (isS3(toUri(config.outputPath))) {
                    // File systems read their settings once per JVM, when they are initialized,
                    // so this has to happen before the output check or a sink opens an s3:// path.
                    FileSystem.initialize(s3FileSystemConfiguration(config), null);
                }
                checkLocalInputAndOutput(config, cli.overwrite);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }

        if (!local) {
            // The managed runtime sets up its own S3 file system, with the credentials of the
            // application's IAM role, so the s3.* properties apply to local runs only.
            LOG.info("Starting on the managed runtime with {}", describe(config));
            if (config.s3Endpoint != null || config.hasS3Credentials()) {
                LOG.warn(
                        "Ignoring the s3.* properties of group {}: the managed runtime configures"
                                + " the S3 file system",
                        JobConfig.OUTPUT_GROUP);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            build(env, config);
            env.execute("cat-data-v21");
            return 0;
        }

        String outputUri = toUri(config.outputPath);
        LOG.info(
                "Starting a local run, parallelism {}, output {}, {}",
                cli.parallelism,
                outputUri,
                describe(config));
        Configuration flinkConfig = new Configuration();
        if (isS3(outputUri)) {
            flinkConfig = s3FileSystemConfiguration(config);
            LOG.info("Writing to S3 with {}", describeS3(config));
        }
        if (cli.stopWhenIdleMs > 0) {
            // Task managers report accumulators with their heartbeats, and the idle check reads
            // them, so a short interval lets it see the record count move.
            flinkConfig.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, 1_000L);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(cli.parallelism, flinkConfig);
        env.enableCheckpointing(LOCAL_CHECKPOINT_INTERVAL_MS);
        // A local run reports a failure instead of restarting without end, after two retries,
        // or, with OpenSearch, after the retries that ride out a short outage of the node.
        if (config.openSearch != null) {
            env.setRestartStrategy(
                    RestartStrategies.fixedDelayRestart(LOCAL_OPENSEARCH_RESTARTS, 10_000));
        } else {
            env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 1_000));
        }
        config.outputPath = outputUri;
        build(env, config);
        JobExecutionResult result;
        try {
            result = executeLocal(env, config, cli.stopWhenIdleMs);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("The local run failed", e);
            err.println("error: the job failed: " + failureSummary(e));
            return 1;
        }
        return printSummary(result, config, out);
    }

    private static JobExecutionResult executeLocal(
            StreamExecutionEnvironment env, JobConfig config, long stopWhenIdleMs)
            throws Exception {
        if (stopWhenIdleMs > 0) {
            return IdleStop.runUntilIdle(
                    env, "cat-data-v21 (local)", stopWhenIdleMs, IdleStop.POLL_MS);
        }
        if (config.sourceType == JobConfig.SourceType.KINESIS) {
            LOG.info(
                    "Reading stream {} until the job is cancelled; --stop-when-idle ends the"
                            + " run once no records arrive",
                    config.kinesisStreamName);
        }
        return env.execute("cat-data-v21 (local)");
    }

    /**
     * Describes why a job failed in one line: the first exception below Flink's own wrappers (such
     * as "Job execution failed" and "Recovery is suppressed"), and its root cause.
     */
    static String failureSummary(Throwable failure) {
        Throwable first = failure;
        while (first.getCause() != null && first.getCause() != first && isFlinkWrapper(first)) {
            first = first.getCause();
        }
        Throwable root = first;
        // The depth limit ends the walk on a cycle of causes longer than one exception.
        for (int depth = 0; depth < 50; depth++) {
            Throwable cause = root.getCause();
            if (cause == null || cause == root) {
                break;
            }
            root = cause;
        }
        String summary = describeThrowable(first);
        return root == first ? summary : summary + ", caused by " + describeThrowable(root);
    }

    private static boolean isFlinkWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("org.apache.flink.runtime.")
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException;
    }

    private static String describeThrowable(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    /**
     * Adds the configured source, the job and the Parquet sinks to an environment, and the
     * OpenSearch sinks when an OpenSearch endpoint is set.
     */
    static void build(StreamExecutionEnvironment env, JobConfig config) {
        CatDataJob job = new CatDataJob(config, WallClock.system());
        CatDataJob.Outputs outputs = job.process(Sources.create(env, config, job.parser()));
        job.writeParquet(outputs, toUri(config.outputPath));
        if (config.openSearch != null) {
            LOG.info("Writing live features to OpenSearch with {}", config.openSearch.describe());
            job.writeOpenSearch(outputs, config.openSearch);
        }
    }

    /** Returns whether a path is on the {@code s3://} file system. */
    static boolean isS3(String path) {
        return path.regionMatches(true, 0, "s3://", 0, 5);
    }

    /**
     * Returns the Flink configuration of the {@code s3://} file system (flink-s3-fs-hadoop) for the
     * S3 settings of a job. Unset settings are left out, so the file system keeps its defaults: the
     * AWS endpoint and the default AWS credential chain.
     */
    static Configuration s3FileSystemConfiguration(JobConfig config) {
        Configuration conf = new Configuration();
        if (config.s3Endpoint != null) {
            conf.setString("s3.endpoint", config.s3Endpoint);
        }
        conf.setString("s3.path.style.access", Boolean.toString(config.s3PathStyleAccess));
        if (config.hasS3Credentials()) {
            conf.setString("s3.access-key", config.s3AccessKey);
            conf.setString("s3.secret-key", config.s3SecretKey);
        }
        return conf;
    }

    /** Describes the Kinesis settings without the access key and the secret key. */
    static String describeKinesis(JobConfig config) {
        return " stream "
                + config.kinesisStreamName
                + " in "
                + config.awsRegion
                + ", endpoint "
                + (config.kinesisEndpoint != null ? config.kinesisEndpoint : "(AWS default)")
                + ", initial position "
                + config.kinesisInitialPosition
                + ", consumer "
                + config.kinesisConsumerType
                + (config.kinesisConsumerType == JobConfig.ConsumerType.EFO
                        ? " " + config.kinesisEfoConsumerName
                        : "")
                + ", "
                + kinesisCredentials(config);
    }

    private static String kinesisCredentials(JobConfig config) {
        if (config.hasKinesisCredentials()) {
            return "access key and secret key set";
        }
        return KinesisSource.isLoopback(config.kinesisEndpoint)
                ? "placeholder keys for a loopback endpoint"
                : "default AWS credential chain";
    }

    /** Describes the S3 settings without the access key and the secret key. */
    static String describeS3(JobConfig config) {
        return "endpoint "
                + (config.s3Endpoint != null ? config.s3Endpoint : "(AWS default)")
                + ", path-style access "
                + config.s3PathStyleAccess
                + ", "
                + (config.hasS3Credentials()
                        ? "access key and secret key set"
                        : "default AWS credential chain");
    }

    private static Map<String, Properties> loadLocalProperties(CommandLine cli) throws IOException {
        if (cli.propertiesFile == null) {
            try (InputStream in =
                    JobRunner.class.getResourceAsStream(PropertyGroups.DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource "
                                    + PropertyGroups.DEFAULT_RESOURCE
                                    + " is missing from the jar");
                }
                return PropertyGroups.fromJson(in, "(built-in defaults)");
            }
        }
        Path file = Paths.get(cli.propertiesFile);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "properties file " + file + " does not exist or is not readable");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return PropertyGroups.fromJson(in, file.toString());
        }
    }

    /**
     * Checks before Flink starts that the input can be read and the output written, so a typo gives
     * one clear message instead of a failed job. {@link OutputTables#prepare} checks the output and
     * applies {@code overwrite}, and then a missing local output folder is created.
     */
    static void checkLocalInputAndOutput(JobConfig config, boolean overwrite) throws IOException {
        if (config.sourceType == JobConfig.SourceType.FILE) {
            Path input = Paths.get(config.inputPath);
            if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                throw new IllegalArgumentException(
                        "input file " + input + " does not exist or is not a readable file");
            }
            InputFormat format = InputFormat.fromName(config.inputFormat);
            if (format == null) {
                format = InputFormat.detect(input);
            }
            if (format == InputFormat.MOVEBANK_CSV) {
                MovebankCsvFormat.checkHeader(input);
                if (config.defaultMunicipalityCode == null) {
                    throw new IllegalArgumentException(
                            "Movebank files carry no municipality code; pass"
                                    + " --municipality-code CODE, for example 131067");
                }
            }
        }
        String outputUri = toUri(config.outputPath);
        OutputTables.prepare(outputUri, overwrite);
        if (!outputUri.regionMatches(true, 0, "file:", 0, 5)) {
            // S3 has no folders, and the sinks create the parent folders they need elsewhere.
            return;
        }
        Path output = Paths.get(URI.create(outputUri));
        try {
            Files.createDirectories(output);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException(
                    "cannot create output folder " + output + ": a file with that name exists");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create output folder " + output + ": " + e);
        }
        if (!Files.isWritable(output)) {
            throw new IllegalArgumentException("output folder " + output + " is not writable");
        }
    }

    /** Deletes a folder and everything in it; a file that cannot be deleted raises an error. */
    static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(JobRunner::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot delete " + path + ": " + e.getMessage());
        }
    }

    private static boolean hasScheme(String path) {
        return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    static String toUri(String path) {
        if (hasScheme(path)) {
            return path;
        }
        URI uri = Paths.get(path).toAbsolutePath().normalize().toUri();
        String text = uri.toString();
        // The root keeps its slash, so that it stays file:/// and the output check can reject it.
        return text.endsWith("/") && !text.equals("file:///")
                ? text.substring(0, text.length() - 1)
                : text;
    }

    private static String describe(JobConfig config) {
        return "source "
                + config.sourceType
                + (config.sourceType == JobConfig.SourceType.FILE ? " " + config.inputPath : "")
                + (config.sourceType == JobConfig.SourceType.KINESIS ? describeKinesis(config) : "")
                + ", time zone "
                + config.timeZone
                + ", allowed lateness "
                + config.allowedLatenessMs
                + " ms, max speed "
                + config.maxSpeedMps
                + " m/s, geohash precision "
                + config.geohashPrecision;
    }

    /**
     * Prints what was read, accepted, rejected and written; returns 1 if records went missing.
     *
     * <p>NOTE: accumulators cover only the last attempt of a job that restarted, while fixes held
     * in restored state are written but not read again, so after a restart the comparison can
     * report records as missing that are not.
     */
    static int printSummary(JobExecutionResult result, JobConfig config, PrintStream out) {
        Map<String, Object> accumulators = result.getAllAccumulatorResults();
        long read = count(accumulators, ValidateFunction.RECORDS_READ);
        long accepted = count(accumulators, ParquetSinks.ROWS_WRITTEN_PREFIX + "positions");
        Map<String, Long> rejectedByReason = new TreeMap<>();
        long rejected = 0;
        for (Map.Entry<String, Object> entry : accumulators.entrySet()) {
            if (entry.getKey().startsWith(RejectedCounter.PREFIX)) {
                long n = ((Number) entry.getValue()).longValue();
                rejectedByReason.put(entry.getKey().substring(RejectedCounter.PREFIX.length()), n);
                rejected += n;
            }
        }

        out.println();
        out.println("Run summary (output " + OutputTables.describe(config.outputPath) + ")");
        out.printf("  %-28s %,12d%n", "records read", read);
        out.printf("  %-28s %,12d%n", "accepted (positions)", accepted);
        out.printf("  %-28s %,12d%n", "rejected", rejected);
        rejectedByReason.forEach((reason, n) -> out.printf("    %-26s %,12d%n", reason, n));
        out.println("  rows written");
        for (String table : TABLES) {
            out.printf(
                    "    %-26s %,12d%n",
                    table, count(accumulators, ParquetSinks.ROWS_WRITTEN_PREFIX + table));
        }

        if (read != accepted + rejected) {
            out.printf(
                    "ERROR: %,d records read but %,d accepted plus %,d rejected%n",
                    read, accepted, rejected);
            return 1;
        }
        out.println("  every record read is accounted for: accepted + rejected = read");

        if (read == 0) {
            out.println("WARNING: the input held no records");
        } else if (accepted == 0) {
            String commonest =
                    rejectedByReason.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse("");
            out.println(
                    "WARNING: every record was rejected, most as "
                            + commonest
                            + "; if the input is not what was expected, check --input-format and"
                            + " the reasons in the rejected table");
        }
        return 0;
    }

    private static long count(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
