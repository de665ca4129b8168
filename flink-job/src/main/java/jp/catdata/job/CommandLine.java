package jp.catdata.job;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Options of a local run. Each option either overrides one application property or sets something
 * that only exists locally (parallelism, the properties file).
 */
public final class CommandLine {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: run-local.sh [options]",
                    "",
                    "Runs the cat-data-v21 Flink job on an embedded Flink MiniCluster. Without"
                            + " --input it reads the built-in simulator of collared cats in Taito"
                            + " City, Tokyo.",
                    "",
                    "Options:",
                    "  --input PATH              read a Movebank CSV or a JSON-lines file of"
                            + " canonical events instead of the simulator",
                    "  --input-format FORMAT     auto (default), movebank-csv or json-lines",
                    "  --kinesis-stream NAME     read the Kinesis stream NAME instead of the"
                            + " simulator",
                    "  --kinesis-endpoint URL    Kinesis endpoint, for example"
                            + " http://127.0.0.1:4568 for kinesis-mock (default: AWS)",
                    "  --aws-region REGION       region of the stream (default ap-northeast-1)",
                    "  --initial-position POS    LATEST (default), TRIM_HORIZON or AT_TIMESTAMP:"
                            + " where reading a shard starts",
                    "  --initial-timestamp TIME  RFC 3339 start time for AT_TIMESTAMP",
                    "  --consumer-type TYPE      polling (default) or efo (enhanced fan-out)",
                    "  --stop-when-idle DURATION stop once no record arrived for DURATION"
                            + " (ISO-8601, such as PT30S), firing every open window first",
                    "  --output DIR              folder of the Parquet tables (default ./warehouse)"
                            + " or an s3://bucket/prefix URI",
                    "  --s3-endpoint URL         S3 endpoint, for example http://127.0.0.1:18081"
                            + " for S3Proxy (default: AWS)",
                    "  --s3-path-style-access    address objects as ENDPOINT/bucket/key, as"
                            + " S3Proxy needs",
                    "  --municipality-code CODE  six-digit JIS X 0402 code given to records"
                            + " without one (required for Movebank files)",
                    "  --time-zone ZONE          time zone of local days and dt partitions"
                            + " (default Asia/Tokyo)",
                    "  --cats N                  simulator: number of cats (default 40)",
                    "  --records N               simulator: number of records (default 50000)",
                    "  --seed N                  simulator: random seed (default 21)",
                    "  --opensearch URL          also write live features to the OpenSearch node"
                            + " at URL, such as http://127.0.0.1:9200",
                    "  --parallelism N           parallelism of the local run (default 2)",
                    "  --overwrite               delete the tables of an earlier run in the"
                            + " output first; stops if they contain other files",
                    "  --properties FILE         application properties JSON file; options above"
                            + " override its values",
                    "  --help                    print this help and exit",
                    "",
                    "AWS credentials come from the default chain, such as the AWS_ACCESS_KEY_ID"
                            + " and AWS_SECRET_ACCESS_KEY environment variables.",
                    "Every application property is listed in the README.");

    /** Option name to the property group and property it overrides. */
    private static final Map<String, String[]> PROPERTY_OPTIONS = new LinkedHashMap<>();

    static {
        PROPERTY_OPTIONS.put(
                "--input-format", new String[] {JobConfig.SOURCE_GROUP, "file.format"});
        PROPERTY_OPTIONS.put("--output", new String[] {JobConfig.OUTPUT_GROUP, "output.path"});
        PROPERTY_OPTIONS.put(
                "--kinesis-endpoint", new String[] {JobConfig.SOURCE_GROUP, "kinesis.endpoint"});
        PROPERTY_OPTIONS.put("--aws-region", new String[] {JobConfig.SOURCE_GROUP, "aws.region"});
        PROPERTY_OPTIONS.put(
                "--initial-position",
                new String[] {JobConfig.SOURCE_GROUP, "kinesis.initial-position"});
        PROPERTY_OPTIONS.put(
                "--initial-timestamp",
                new String[] {JobConfig.SOURCE_GROUP, "kinesis.initial-timestamp"});
        PROPERTY_OPTIONS.put(
                "--consumer-type", new String[] {JobConfig.SOURCE_GROUP, "kinesis.consumer-type"});
        PROPERTY_OPTIONS.put("--s3-endpoint", new String[] {JobConfig.OUTPUT_GROUP, "s3.endpoint"});
        PROPERTY_OPTIONS.put(
                "--municipality-code",
                new String[] {JobConfig.PROCESSING_GROUP, "municipality.default-code"});
        PROPERTY_OPTIONS.put("--time-zone", new String[] {JobConfig.PROCESSING_GROUP, "time-zone"});
        PROPERTY_OPTIONS.put("--cats", new String[] {JobConfig.SOURCE_GROUP, "simulator.cats"});
        PROPERTY_OPTIONS.put(
                "--records", new String[] {JobConfig.SOURCE_GROUP, "simulator.records"});
        PROPERTY_OPTIONS.put("--seed", new String[] {JobConfig.SOURCE_GROUP, "simulator.seed"});
        PROPERTY_OPTIONS.put(
                "--opensearch", new String[] {JobConfig.OPENSEARCH_GROUP, "opensearch.endpoint"});
    }

    public boolean help;
    public boolean overwrite;
    public String propertiesFile;
    public int parallelism = 2;

    /** Idle time after which a local run stops with a draining savepoint; 0 runs until the end. */
    public long stopWhenIdleMs;

    /** Property overrides by group. */
    public final Map<String, Properties> overrides = new HashMap<>();

    private CommandLine() {}

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message on misuse. */
    public static CommandLine parse(String[] args) {
        CommandLine cli = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                cli.help = true;
                continue;
            }
            if (option.equals("--overwrite")) {
                cli.overwrite = true;
                continue;
            }
            if (option.equals("--s3-path-style-access")) {
                cli.override(JobConfig.OUTPUT_GROUP, "s3.path-style-access", "true");
                continue;
            }
            if (option.startsWith("--overwrite=")
                    || option.startsWith("--help=")
                    || option.startsWith("--s3-path-style-access=")) {
                throw new IllegalArgumentException(
                        "option " + option.substring(0, option.indexOf('=')) + " takes no value");
            }
            String value;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            } else {
                // A following option is no value: "--output --overwrite" lacks the folder.
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(
                            knownOption(option)
                                    ? "option " + option + " needs a value"
                                    : "unknown option '" + option + "'");
                }
                value = args[++i];
            }
            if (value.isBlank() && knownOption(option)) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            cli.apply(option, value);
        }
        return cli;
    }

    private static boolean knownOption(String option) {
        return PROPERTY_OPTIONS.containsKey(option)
                || option.equals("--input")
                || option.equals("--kinesis-stream")
                || option.equals("--stop-when-idle")
                || option.equals("--parallelism")
                || option.equals("--properties");
    }

    private void apply(String option, String value) {
        switch (option) {
            case "--input":
                override(JobConfig.SOURCE_GROUP, "source.type", "file");
                override(JobConfig.SOURCE_GROUP, "file.path", value);
                return;
            case "--kinesis-stream":
                override(JobConfig.SOURCE_GROUP, "source.type", "kinesis");
                override(JobConfig.SOURCE_GROUP, "kinesis.stream-name", value);
                return;
            case "--stop-when-idle":
                stopWhenIdleMs = parseIdleDuration(value);
                return;
            case "--parallelism":
                try {
                    parallelism = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    parallelism = -1;
                }
                if (parallelism < 1 || parallelism > 64) {
                    throw new IllegalArgumentException(
                            "option --parallelism is '"
                                    + value
                                    + "': expected an integer from 1 to 64");
                }
                return;
            case "--properties":
                propertiesFile = value;
                return;
            default:
                String[] target = PROPERTY_OPTIONS.get(option);
                if (target == null) {
                    throw new IllegalArgumentException(
                            "unknown option '" + option + "'; run with --help for the options");
                }
                override(target[0], target[1], value);
        }
    }

    private static long parseIdleDuration(String value) {
        try {
            long ms = java.time.Duration.parse(value).toMillis();
            if (ms >= 1_000) {
                return ms;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(
                "option --stop-when-idle is '"
                        + value
                        + "': expected an ISO-8601 duration of at least 1 s, such as PT30S");
    }

    private void override(String group, String key, String value) {
        overrides.computeIfAbsent(group, g -> new Properties()).setProperty(key, value);
    }
}
