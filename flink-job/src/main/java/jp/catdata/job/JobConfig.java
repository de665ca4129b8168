package jp.catdata.job;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import jp.catdata.event.MunicipalityCode;
import jp.catdata.opensearch.OpenSearchSettings;

/**
 * Typed settings of the job, read from application property groups.
 *
 * <p>The managed runtime (Amazon Managed Service for Apache Flink) hands the job its property
 * groups; a local run reads the same groups from a JSON file of the same shape and lets
 * command-line options override single properties. Every property, its default and its meaning is
 * listed in the README. Invalid values raise {@link IllegalArgumentException} naming the group, the
 * property and the valid range.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE_GROUP = "CatData.Source";
    public static final String PROCESSING_GROUP = "CatData.Processing";
    public static final String OUTPUT_GROUP = "CatData.Output";
    public static final String OPENSEARCH_GROUP = "CatData.OpenSearch";

    /** Kind of source the job reads its records from. */
    public enum SourceType {
        SIMULATOR,
        FILE,
        KINESIS
    }

    /** Start position of a Kinesis shard that no checkpoint or savepoint has a position for. */
    public enum InitialPosition {
        LATEST,
        TRIM_HORIZON,
        AT_TIMESTAMP
    }

    /**
     * Read mode of a Kinesis source: GetRecords polling, or enhanced fan-out (SubscribeToShard).
     */
    public enum ConsumerType {
        POLLING,
        EFO
    }

    public SourceType sourceType = SourceType.SIMULATOR;
    public String inputPath;

    /** {@code auto}, {@code movebank-csv} or {@code json-lines}. */
    public String inputFormat = "auto";

    public String kinesisStreamName = "cat-position-stream";
    public String awsRegion = "ap-northeast-1";

    /**
     * Kinesis endpoint URL, such as {@code http://127.0.0.1:4568} for kinesis-mock. Null means the
     * AWS endpoint of the region.
     */
    public String kinesisEndpoint;

    public InitialPosition kinesisInitialPosition = InitialPosition.LATEST;

    /** Start time of {@link InitialPosition#AT_TIMESTAMP}, epoch milliseconds. */
    public long kinesisInitialTimestampMs;

    public ConsumerType kinesisConsumerType = ConsumerType.POLLING;

    /** Name under which an enhanced fan-out consumer registers with the stream. */
    public String kinesisEfoConsumerName = "cat-data-v21";

    /** Pause between two GetRecords calls on one shard, when polling. */
    public long kinesisPollIntervalMs = 200;

    /**
     * Kinesis access key and secret key, both null for the default AWS credential chain. Transient,
     * like the S3 keys.
     */
    public transient String kinesisAccessKey;

    public transient String kinesisSecretKey;

    public int simulatorCats = 40;
    public long simulatorRecords = 50_000;
    public long simulatorSeed = 21;
    public long simulatorStartMs =
            OffsetDateTime.parse("2026-06-01T00:00:00+09:00").toInstant().toEpochMilli();

    public String defaultMunicipalityCode;
    public String timeZone = "Asia/Tokyo";
    public double maxSpeedMps = 20.0;
    public long allowedLatenessMs = Duration.ofMinutes(10).toMillis();
    public long sourceIdlenessMs = Duration.ofMinutes(1).toMillis();
    public long maxFutureSkewMs = Duration.ofMinutes(5).toMillis();
    public long deduplicationRetentionMs = Duration.ofHours(24).toMillis();
    public long trackIdleTimeoutMs = Duration.ofHours(6).toMillis();
    public long occupancyCapMs = Duration.ofMinutes(30).toMillis();
    public long densityWindowMs = Duration.ofHours(1).toMillis();
    public long movementWindowMs = Duration.ofHours(1).toMillis();
    public int geohashPrecision = 7;

    public String outputPath = "warehouse";

    /**
     * S3 endpoint URL for {@code s3://} output, such as {@code http://127.0.0.1:18081}. Null means
     * the AWS endpoint of the region.
     */
    public String s3Endpoint;

    public boolean s3PathStyleAccess;

    /**
     * S3 access key and secret key, both null for the default AWS credential chain. Transient, so
     * that serialized copies of the settings leave them out.
     */
    public transient String s3AccessKey;

    public transient String s3SecretKey;

    /** Settings of the live features in OpenSearch; null when no endpoint is set. */
    public OpenSearchSettings openSearch;

    /** Reads the settings from property groups; absent properties keep their defaults. */
    public static JobConfig fromPropertyGroups(Map<String, Properties> groups) {
        JobConfig c = new JobConfig();
        Group source = new Group(SOURCE_GROUP, groups.get(SOURCE_GROUP));
        String type = source.string("source.type", "simulator").toLowerCase(Locale.ROOT);
        switch (type) {
            case "simulator":
                c.sourceType = SourceType.SIMULATOR;
                break;
            case "file":
                c.sourceType = SourceType.FILE;
                break;
            case "kinesis":
                c.sourceType = SourceType.KINESIS;
                break;
            default:
                throw source.invalid("source.type", type, "simulator, file or kinesis");
        }
        c.inputPath = source.string("file.path", null);
        c.inputFormat = source.string("file.format", c.inputFormat);
        if (c.sourceType == SourceType.FILE && (c.inputPath == null || c.inputPath.isBlank())) {
            throw new IllegalArgumentException(
                    "property 'file.path' in group '"
                            + SOURCE_GROUP
                            + "' is missing; it is required when source.type is 'file'");
        }
        readKinesis(c, source);
        c.simulatorCats = (int) source.longValue("simulator.cats", c.simulatorCats, 1, 100_000);
        c.simulatorRecords =
                source.longValue("simulator.records", c.simulatorRecords, 1, Long.MAX_VALUE / 2);
        c.simulatorSeed =
                source.longValue("simulator.seed", c.simulatorSeed, Long.MIN_VALUE, Long.MAX_VALUE);
        c.simulatorStartMs = source.instant("simulator.start", c.simulatorStartMs);

        Group processing = new Group(PROCESSING_GROUP, groups.get(PROCESSING_GROUP));
        c.defaultMunicipalityCode = processing.string("municipality.default-code", null);
        if (c.defaultMunicipalityCode != null
                && !MunicipalityCode.isValid(c.defaultMunicipalityCode)) {
            throw processing.invalid(
                    "municipality.default-code",
                    c.defaultMunicipalityCode,
                    "six digits ending in the JIS X 0402 check digit, for example 131067");
        }
        c.timeZone = processing.zone("time-zone", c.timeZone);
        c.maxSpeedMps = processing.doubleValue("max-speed-mps", c.maxSpeedMps, 0.1, 1000);
        c.allowedLatenessMs = processing.duration("allowed-lateness", c.allowedLatenessMs);
        c.sourceIdlenessMs = processing.positiveDuration("source-idleness", c.sourceIdlenessMs);
        c.maxFutureSkewMs = processing.duration("max-future-skew", c.maxFutureSkewMs);
        c.deduplicationRetentionMs =
                processing.duration("deduplication-retention", c.deduplicationRetentionMs);
        c.trackIdleTimeoutMs = processing.duration("track-idle-timeout", c.trackIdleTimeoutMs);
        c.occupancyCapMs = processing.duration("occupancy-cap", c.occupancyCapMs);
        c.densityWindowMs = processing.positiveDuration("density-window", c.densityWindowMs);
        c.movementWindowMs = processing.positiveDuration("movement-window", c.movementWindowMs);
        c.geohashPrecision =
                (int) processing.longValue("geohash-precision", c.geohashPrecision, 1, 12);

        Group output = new Group(OUTPUT_GROUP, groups.get(OUTPUT_GROUP));
        c.outputPath = output.string("output.path", c.outputPath);
        c.s3Endpoint = output.string("s3.endpoint", null);
        if (c.s3Endpoint != null && !isHttpUrl(c.s3Endpoint)) {
            throw output.invalid(
                    "s3.endpoint",
                    c.s3Endpoint,
                    "an http or https URL such as http://127.0.0.1:18081");
        }
        c.s3PathStyleAccess = output.booleanValue("s3.path-style-access", false);
        c.s3AccessKey = output.string("s3.access-key", null);
        c.s3SecretKey = output.string("s3.secret-key", null);
        if ((c.s3AccessKey == null) != (c.s3SecretKey == null)) {
            throw new IllegalArgumentException(
                    "properties 's3.access-key' and 's3.secret-key' in group '"
                            + OUTPUT_GROUP
                            + "' must be set together, or both left out to use the default AWS"
                            + " credential chain");
        }

        Group openSearch = new Group(OPENSEARCH_GROUP, groups.get(OPENSEARCH_GROUP));
        c.openSearch = readOpenSearch(openSearch);

        // A misspelt name would otherwise leave its setting at the default without a word.
        for (String group : groups.keySet()) {
            if (!group.equals(SOURCE_GROUP)
                    && !group.equals(PROCESSING_GROUP)
                    && !group.equals(OUTPUT_GROUP)
                    && !group.equals(OPENSEARCH_GROUP)) {
                throw new IllegalArgumentException(
                        "unknown property group '"
                                + group
                                + "'; the groups are "
                                + SOURCE_GROUP
                                + ", "
                                + PROCESSING_GROUP
                                + ", "
                                + OUTPUT_GROUP
                                + " and "
                                + OPENSEARCH_GROUP);
            }
        }
        source.checkNoUnknownProperties();
        processing.checkNoUnknownProperties();
        output.checkNoUnknownProperties();
        openSearch.checkNoUnknownProperties();
        return c;
    }

    private static void readKinesis(JobConfig c, Group source) {
        c.kinesisStreamName = source.string("kinesis.stream-name", c.kinesisStreamName);
        if (!c.kinesisStreamName.matches("[a-zA-Z0-9_.-]{1,128}")) {
            throw source.invalid(
                    "kinesis.stream-name",
                    c.kinesisStreamName,
                    "a stream name of 1 to 128 letters, digits, '_', '.' or '-'");
        }
        c.awsRegion = source.string("aws.region", c.awsRegion);
        if (!c.awsRegion.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw source.invalid("aws.region", c.awsRegion, "a region code such as ap-northeast-1");
        }
        c.kinesisEndpoint = source.string("kinesis.endpoint", null);
        if (c.kinesisEndpoint != null && !isHttpUrl(c.kinesisEndpoint)) {
            throw source.invalid(
                    "kinesis.endpoint",
                    c.kinesisEndpoint,
                    "an http or https URL such as http://127.0.0.1:4568");
        }
        c.kinesisInitialPosition =
                source.enumValue(
                        "kinesis.initial-position",
                        InitialPosition.class,
                        c.kinesisInitialPosition);
        c.kinesisInitialTimestampMs = source.instant("kinesis.initial-timestamp", Long.MIN_VALUE);
        boolean atTimestamp = c.kinesisInitialPosition == InitialPosition.AT_TIMESTAMP;
        if (atTimestamp != (c.kinesisInitialTimestampMs != Long.MIN_VALUE)) {
            throw new IllegalArgumentException(
                    "property 'kinesis.initial-timestamp' in group '"
                            + SOURCE_GROUP
                            + "' must be set when, and only when, 'kinesis.initial-position' is"
                            + " AT_TIMESTAMP");
        }

        // The connector reads the start time as seconds since the epoch and rejects negative ones.
        if (atTimestamp && c.kinesisInitialTimestampMs < 0) {
            throw source.invalid(
                    "kinesis.initial-timestamp",
                    source.string("kinesis.initial-timestamp", null),
                    "a time stamp at or after 1970-01-01T00:00:00Z");
        }

        c.kinesisConsumerType =
                source.enumValue(
                        "kinesis.consumer-type", ConsumerType.class, c.kinesisConsumerType);
        c.kinesisEfoConsumerName =
                source.string("kinesis.efo-consumer-name", c.kinesisEfoConsumerName);
        if (!c.kinesisEfoConsumerName.matches("[a-zA-Z0-9_.-]{1,128}")) {
            throw source.invalid(
                    "kinesis.efo-consumer-name",
                    c.kinesisEfoConsumerName,
                    "a consumer name of 1 to 128 letters, digits, '_', '.' or '-'");
        }
        c.kinesisPollIntervalMs =
                source.positiveDuration("kinesis.poll-interval", c.kinesisPollIntervalMs);
        c.kinesisAccessKey = source.string("kinesis.access-key", null);
        c.kinesisSecretKey = source.string("kinesis.secret-key", null);
        if ((c.kinesisAccessKey == null) != (c.kinesisSecretKey == null)) {
            throw new IllegalArgumentException(
                    "properties 'kinesis.access-key' and 'kinesis.secret-key' in group '"
                            + SOURCE_GROUP
                            + "' must be set together, or both left out to use the default AWS"
                            + " credential chain");
        }
    }

    /** Returns whether the Kinesis access key and secret key are set. */
    public boolean hasKinesisCredentials() {
        return kinesisAccessKey != null && kinesisSecretKey != null;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Returns whether the S3 access key and secret key are set. */
    public boolean hasS3Credentials() {
        return s3AccessKey != null && s3SecretKey != null;
    }

    /**
     * Reads the OpenSearch group. Every property is read even without an endpoint, so that a
     * misspelt key is reported whether or not the sink is on.
     */
    private static OpenSearchSettings readOpenSearch(Group group) {
        OpenSearchSettings s = new OpenSearchSettings();
        String endpoint = group.string("opensearch.endpoint", null);
        if (endpoint != null && (!isHttpUrl(endpoint) || hasPath(endpoint))) {
            throw group.invalid(
                    "opensearch.endpoint",
                    endpoint,
                    "an http or https URL without a path, such as http://127.0.0.1:9200");
        }
        s.endpoint = endpoint;

        s.indexPrefix = group.string("opensearch.index-prefix", s.indexPrefix);
        if (!s.indexPrefix.matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            throw group.invalid(
                    "opensearch.index-prefix",
                    s.indexPrefix,
                    "lower-case letters, digits, '-' and '_', starting with a letter or digit");
        }
        s.numberOfReplicas =
                (int)
                        group.longValue(
                                "opensearch.index.number-of-replicas", s.numberOfReplicas, 0, 10);

        String auth = group.string("opensearch.auth", "none").toLowerCase(Locale.ROOT);
        switch (auth) {
            case "none":
                s.auth = OpenSearchSettings.Auth.NONE;
                break;
            case "aws-sigv4":
                s.auth = OpenSearchSettings.Auth.AWS_SIGV4;
                break;
            default:
                throw group.invalid("opensearch.auth", auth, "none or aws-sigv4");
        }
        s.awsRegion = group.string("opensearch.aws-region", null);
        if (s.auth == OpenSearchSettings.Auth.AWS_SIGV4 && s.awsRegion == null) {
            throw new IllegalArgumentException(
                    "property 'opensearch.aws-region' in group '"
                            + OPENSEARCH_GROUP
                            + "' is missing; it is required when opensearch.auth is 'aws-sigv4',"
                            + " for example ap-northeast-1");
        }

        readOpenSearchBulk(group, s);
        return endpoint == null ? null : s;
    }

    /** Reads the bulk, backoff and timeout settings of the OpenSearch group into {@code s}. */
    private static void readOpenSearchBulk(Group group, OpenSearchSettings s) {
        s.bulkMaxActions =
                (int) group.longValue("opensearch.bulk.max-actions", s.bulkMaxActions, 1, 100_000);
        s.bulkMaxSizeMb =
                (int) group.longValue("opensearch.bulk.max-size-mb", s.bulkMaxSizeMb, 1, 100);
        s.bulkFlushIntervalMs =
                group.positiveDuration("opensearch.bulk.flush-interval", s.bulkFlushIntervalMs);

        String backoff = group.string("opensearch.backoff.type", "exponential");
        switch (backoff.toLowerCase(Locale.ROOT)) {
            case "none":
                s.backoff = OpenSearchSettings.Backoff.NONE;
                break;
            case "constant":
                s.backoff = OpenSearchSettings.Backoff.CONSTANT;
                break;
            case "exponential":
                s.backoff = OpenSearchSettings.Backoff.EXPONENTIAL;
                break;
            default:
                throw group.invalid(
                        "opensearch.backoff.type", backoff, "none, constant or exponential");
        }
        s.backoffMaxRetries =
                (int)
                        group.longValue(
                                "opensearch.backoff.max-retries", s.backoffMaxRetries, 1, 100);
        s.backoffDelayMs = group.positiveDuration("opensearch.backoff.delay", s.backoffDelayMs);

        s.connectionTimeoutMs =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                group.positiveDuration(
                                        "opensearch.connection-timeout", s.connectionTimeoutMs));
        s.socketTimeoutMs =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                group.positiveDuration(
                                        "opensearch.socket-timeout", s.socketTimeoutMs));
    }

    private static boolean hasPath(String url) {
        String path = URI.create(url).getPath();
        return path != null && !path.isEmpty() && !path.equals("/");
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Reads typed values from one property group, with messages naming group and property. */
    private static final class Group {
        private final String name;
        private final Properties properties;
        private final Set<String> known = new TreeSet<>();

        Group(String name, Properties properties) {
            this.name = name;
            this.properties = properties != null ? properties : new Properties();
        }

        /** Raises an error naming the first property that no read asked for. */
        void checkNoUnknownProperties() {
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown property '"
                                    + key
                                    + "' in group '"
                                    + name
                                    + "'; the properties of this group are "
                                    + String.join(", ", known));
                }
            }
        }

        String string(String key, String defaultValue) {
            known.add(key);
            String value = properties.getProperty(key);
            return value == null || value.isBlank() ? defaultValue : value.trim();
        }

        boolean booleanValue(String key, boolean defaultValue) {
            String text = string(key, null);
            if (text == null) {
                return defaultValue;
            }
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    throw invalid(key, text, "true or false");
            }
        }

        long longValue(String key, long defaultValue, long min, long max) {
            String text = string(key, null);
            if (text == null) {
                return defaultValue;
            }
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(key, text, "an integer from " + min + " to " + max);
            }
            if (value < min || value > max) {
                throw invalid(key, text, "an integer from " + min + " to " + max);
            }
            return value;
        }

        double doubleValue(String key, double defaultValue, double min, double max) {
            String text = string(key, null);
            if (text == null) {
                return defaultValue;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw invalid(key, text, "a number from " + min + " to " + max);
            }
            if (!(value >= min && value <= max)) {
                throw invalid(key, text, "a number from " + min + " to " + max);
            }
            return value;
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
            String text = string(key, null);
            if (text == null) {
                return defaultValue;
            }
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                StringBuilder names = new StringBuilder();
                for (E constant : type.getEnumConstants()) {
                    names.append(names.length() == 0 ? "" : ", ").append(constant.name());
                }
                throw invalid(key, text, "one of " + names);
            }
        }

        long duration(String key, long defaultMs) {
            String text = string(key, null);
            if (text == null) {
                return defaultMs;
            }
            try {
                Duration d = Duration.parse(text);
                if (d.isNegative()) {
                    throw invalid(key, text, "a non-negative ISO-8601 duration such as PT10M");
                }
                return d.toMillis();
            } catch (DateTimeParseException e) {
                throw invalid(key, text, "an ISO-8601 duration such as PT10M or PT1H");
            }
        }

        /** Reads a duration of at least 1 ms, the least Flink accepts as a window or idleness. */
        long positiveDuration(String key, long defaultMs) {
            long ms = duration(key, defaultMs);
            if (ms <= 0) {
                throw invalid(
                        key,
                        string(key, null),
                        "an ISO-8601 duration of at least 1 ms, such as PT1M");
            }
            return ms;
        }

        long instant(String key, long defaultMs) {
            String text = string(key, null);
            if (text == null) {
                return defaultMs;
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(text).toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw invalid(
                            key, text, "an RFC 3339 time stamp such as 2026-06-01T00:00:00+09:00");
                }
            }
        }

        String zone(String key, String defaultZone) {
            String text = string(key, defaultZone);
            try {
                return ZoneId.of(text).getId();
            } catch (DateTimeException e) {
                throw invalid(key, text, "a time zone id such as Asia/Tokyo");
            }
        }

        IllegalArgumentException invalid(String key, String value, String expected) {
            return new IllegalArgumentException(
                    "property '"
                            + key
                            + "' in group '"
                            + name
                            + "' is '"
                            + value
                            + "': expected "
                            + expected);
        }
    }
}
