package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobConfigTest {

    private static final String SOURCE = "CatData.Source";
    private static final String PROCESSING = "CatData.Processing";
    private static final String OUTPUT = "CatData.Output";

    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 60 * MINUTE_MS;

    /**
     * Returns property groups with one property set per pair of arguments {@code group, key=value}.
     */
    private static Map<String, Properties> groups(String... groupAndSetting) {
        Map<String, Properties> groups = new HashMap<>();
        for (int i = 0; i < groupAndSetting.length; i += 2) {
            String setting = groupAndSetting[i + 1];
            int equals = setting.indexOf('=');
            groups.computeIfAbsent(groupAndSetting[i], g -> new Properties())
                    .setProperty(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return groups;
    }

    private static void assertDefaults(JobConfig c) {
        assertThat(c.sourceType).isEqualTo(JobConfig.SourceType.SIMULATOR);
        assertThat(c.inputPath).isNull();
        assertThat(c.inputFormat).isEqualTo("auto");
        assertThat(c.simulatorCats).isEqualTo(40);
        assertThat(c.simulatorRecords).isEqualTo(50_000);
        assertThat(c.simulatorSeed).isEqualTo(21);
        // 2026-06-01T00:00:00+09:00
        assertThat(c.simulatorStartMs)
                .isEqualTo(Instant.parse("2026-05-31T15:00:00Z").toEpochMilli());
        assertThat(c.defaultMunicipalityCode).isNull();
        assertThat(c.timeZone).isEqualTo("Asia/Tokyo");
        assertThat(c.maxSpeedMps).isEqualTo(20.0);
        assertThat(c.allowedLatenessMs).isEqualTo(10 * MINUTE_MS);
        assertThat(c.sourceIdlenessMs).isEqualTo(MINUTE_MS);
        assertThat(c.maxFutureSkewMs).isEqualTo(5 * MINUTE_MS);
        assertThat(c.deduplicationRetentionMs).isEqualTo(24 * HOUR_MS);
        assertThat(c.trackIdleTimeoutMs).isEqualTo(6 * HOUR_MS);
        assertThat(c.occupancyCapMs).isEqualTo(30 * MINUTE_MS);
        assertThat(c.densityWindowMs).isEqualTo(HOUR_MS);
        assertThat(c.movementWindowMs).isEqualTo(HOUR_MS);
        assertThat(c.geohashPrecision).isEqualTo(7);
        assertThat(c.outputPath).isEqualTo("warehouse");
    }

    @Test
    void unknownPropertyRejected() {
        assertThatThrownBy(
                        () ->
                                JobConfig.fromPropertyGroups(
                                        groups(JobConfig.SOURCE_GROUP, "simulator.recs=10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown property 'simulator.recs'")
                .hasMessageContaining("group '" + JobConfig.SOURCE_GROUP + "'")
                .hasMessageContaining("simulator.records");
    }

    @Test
    void unknownGroupRejected() {
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups("CatData.Sorce", "a=b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown property group 'CatData.Sorce'")
                .hasMessageContaining(JobConfig.SOURCE_GROUP);
    }

    @Test
    void emptyGroupsGiveDefaults() {
        assertDefaults(JobConfig.fromPropertyGroups(Map.of()));
    }

    @Test
    void blankValuesGiveDefaults() {
        assertDefaults(
                JobConfig.fromPropertyGroups(
                        groups(PROCESSING, "time-zone= ", PROCESSING, "geohash-precision=")));
    }

    @Test
    void bundledPropertiesMatchDefaults() throws Exception {
        try (InputStream in =
                JobConfig.class.getResourceAsStream(PropertyGroups.DEFAULT_RESOURCE)) {
            assertThat(in).isNotNull();
            assertDefaults(JobConfig.fromPropertyGroups(PropertyGroups.fromJson(in, "bundled")));
        }
    }

    @Test
    void validValuesRead() {
        JobConfig c =
                JobConfig.fromPropertyGroups(
                        groups(
                                SOURCE, "source.type=FILE",
                                SOURCE, "file.path=data/cats.csv",
                                SOURCE, "file.format=movebank-csv",
                                SOURCE, "simulator.start=2026-07-01T00:00:00Z",
                                PROCESSING, "municipality.default-code=131067",
                                PROCESSING, "time-zone=Europe/London",
                                PROCESSING, "max-speed-mps=0.1",
                                PROCESSING, "allowed-lateness=PT15M",
                                PROCESSING, "deduplication-retention=P2D",
                                PROCESSING, "track-idle-timeout=PT0S",
                                PROCESSING, "geohash-precision=12",
                                OUTPUT, "output.path= s3://bucket/warehouse "));
        assertThat(c.sourceType).isEqualTo(JobConfig.SourceType.FILE);
        assertThat(c.inputPath).isEqualTo("data/cats.csv");
        assertThat(c.inputFormat).isEqualTo("movebank-csv");
        assertThat(c.simulatorStartMs)
                .isEqualTo(Instant.parse("2026-07-01T00:00:00Z").toEpochMilli());
        assertThat(c.defaultMunicipalityCode).isEqualTo("131067");
        assertThat(c.timeZone).isEqualTo("Europe/London");
        assertThat(c.maxSpeedMps).isEqualTo(0.1);
        assertThat(c.allowedLatenessMs).isEqualTo(15 * MINUTE_MS);
        assertThat(c.deduplicationRetentionMs).isEqualTo(48 * HOUR_MS);
        assertThat(c.trackIdleTimeoutMs).isZero();
        assertThat(c.geohashPrecision).isEqualTo(12);
        assertThat(c.outputPath).isEqualTo("s3://bucket/warehouse");
    }

    @Test
    void invalidValuesNameGroupAndProperty() {
        // Group, property, invalid value.
        String[][] cases = {
            {PROCESSING, "allowed-lateness", "10 minutes"},
            {PROCESSING, "source-idleness", "PT-1M"},
            {PROCESSING, "track-idle-timeout", "6h"},
            {PROCESSING, "occupancy-cap", "-PT30M"},
            {PROCESSING, "time-zone", "Asia/Nowhere"},
            {PROCESSING, "time-zone", "+25:00"},
            {PROCESSING, "municipality.default-code", "131068"},
            {PROCESSING, "municipality.default-code", "13106"},
            {PROCESSING, "geohash-precision", "13"},
            {PROCESSING, "geohash-precision", "0"},
            {PROCESSING, "geohash-precision", "seven"},
            {PROCESSING, "max-speed-mps", "0"},
            {PROCESSING, "max-speed-mps", "NaN"},
            {PROCESSING, "max-speed-mps", "fast"},
            {SOURCE, "simulator.cats", "0"},
            {SOURCE, "simulator.cats", "many"},
            {SOURCE, "simulator.records", "0"},
            {SOURCE, "simulator.start", "tomorrow"},
            {SOURCE, "source.type", "kafka"},
            // Flink rejects an empty window or idle timeout only when the job is built, with a
            // message that names no property, so the configuration rejects them first.
            {PROCESSING, "density-window", "PT0S"},
            {PROCESSING, "movement-window", "PT0.0001S"},
            {PROCESSING, "source-idleness", "PT0S"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups = groups(c[0], c[1] + "=" + c[2]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as("%s %s=%s", c[0], c[1], c[2])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c[1] + "'")
                    .hasMessageContaining("'" + c[0] + "'")
                    .hasMessageContaining(c[2])
                    .hasMessageContaining("expected");
        }
    }

    @Test
    void fileSourceWithoutPathRejected() {
        for (String path : new String[] {null, "  "}) {
            Map<String, Properties> groups = groups(SOURCE, "source.type=file");
            if (path != null) {
                groups.get(SOURCE).setProperty("file.path", path);
            }
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'file.path'")
                    .hasMessageContaining("'" + SOURCE + "'")
                    .hasMessageContaining("missing");
        }
    }

    @Test
    void s3SettingsDefaultToAws() {
        JobConfig c = JobConfig.fromPropertyGroups(Map.of());
        assertThat(c.s3Endpoint).isNull();
        assertThat(c.s3PathStyleAccess).isFalse();
        assertThat(c.s3AccessKey).isNull();
        assertThat(c.s3SecretKey).isNull();
        assertThat(c.hasS3Credentials()).isFalse();
    }

    @Test
    void s3SettingsRead() {
        JobConfig c =
                JobConfig.fromPropertyGroups(
                        groups(
                                OUTPUT, "s3.endpoint=http://127.0.0.1:18081",
                                OUTPUT, "s3.path-style-access=TRUE",
                                OUTPUT, "s3.access-key=local-test-access-key",
                                OUTPUT, "s3.secret-key=local-test-secret-key"));
        assertThat(c.s3Endpoint).isEqualTo("http://127.0.0.1:18081");
        assertThat(c.s3PathStyleAccess).isTrue();
        assertThat(c.s3AccessKey).isEqualTo("local-test-access-key");
        assertThat(c.s3SecretKey).isEqualTo("local-test-secret-key");
        assertThat(c.hasS3Credentials()).isTrue();
    }

    @Test
    void s3InvalidValuesRejected() {
        // Property, invalid value.
        String[][] cases = {
            {"s3.endpoint", "127.0.0.1:18081"},
            {"s3.endpoint", "ftp://127.0.0.1:18081"},
            {"s3.endpoint", "http://"},
            {"s3.path-style-access", "yes"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups = groups(OUTPUT, c[0] + "=" + c[1]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as("%s=%s", c[0], c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c[0] + "'")
                    .hasMessageContaining("'" + OUTPUT + "'")
                    .hasMessageContaining(c[1])
                    .hasMessageContaining("expected");
        }
    }

    @Test
    void s3KeyWithoutSecretRejected() {
        String[][] cases = {
            {"s3.access-key", "key-id-1234"}, {"s3.secret-key", "secret-5678"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups = groups(OUTPUT, c[0] + "=" + c[1]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'s3.access-key' and 's3.secret-key'")
                    .hasMessageContaining("together")
                    .hasMessageNotContaining(c[1]);
        }
    }

    @Test
    void kinesisDefaults() {
        JobConfig c = JobConfig.fromPropertyGroups(groups(SOURCE, "source.type=kinesis"));
        assertThat(c.sourceType).isEqualTo(JobConfig.SourceType.KINESIS);
        assertThat(c.kinesisStreamName).isEqualTo("cat-position-stream");
        assertThat(c.awsRegion).isEqualTo("ap-northeast-1");
        assertThat(c.kinesisEndpoint).isNull();
        assertThat(c.kinesisInitialPosition).isEqualTo(JobConfig.InitialPosition.LATEST);
        assertThat(c.kinesisConsumerType).isEqualTo(JobConfig.ConsumerType.POLLING);
        assertThat(c.kinesisEfoConsumerName).isEqualTo("cat-data-v21");
        assertThat(c.kinesisPollIntervalMs).isEqualTo(200);
        assertThat(c.kinesisAccessKey).isNull();
        assertThat(c.kinesisSecretKey).isNull();
        assertThat(c.hasKinesisCredentials()).isFalse();
    }

    @Test
    void kinesisValuesRead() {
        JobConfig c =
                JobConfig.fromPropertyGroups(
                        groups(
                                SOURCE, "source.type=KINESIS",
                                SOURCE, "kinesis.stream-name=cats_2026.v1-test",
                                SOURCE, "aws.region=us-gov-west-1",
                                SOURCE, "kinesis.endpoint=https://127.0.0.1:4567",
                                SOURCE, "kinesis.initial-position=at-timestamp",
                                SOURCE, "kinesis.initial-timestamp=2026-06-01T09:00:00+09:00",
                                SOURCE, "kinesis.consumer-type=Efo",
                                SOURCE, "kinesis.efo-consumer-name=cat-data-test",
                                SOURCE, "kinesis.poll-interval=PT1S",
                                SOURCE, "kinesis.access-key=local-access-key",
                                SOURCE, "kinesis.secret-key=local-secret-key"));
        assertThat(c.sourceType).isEqualTo(JobConfig.SourceType.KINESIS);
        assertThat(c.kinesisStreamName).isEqualTo("cats_2026.v1-test");
        assertThat(c.awsRegion).isEqualTo("us-gov-west-1");
        assertThat(c.kinesisEndpoint).isEqualTo("https://127.0.0.1:4567");
        assertThat(c.kinesisInitialPosition).isEqualTo(JobConfig.InitialPosition.AT_TIMESTAMP);
        assertThat(c.kinesisInitialTimestampMs)
                .isEqualTo(Instant.parse("2026-06-01T00:00:00Z").toEpochMilli());
        assertThat(c.kinesisConsumerType).isEqualTo(JobConfig.ConsumerType.EFO);
        assertThat(c.kinesisEfoConsumerName).isEqualTo("cat-data-test");
        assertThat(c.kinesisPollIntervalMs).isEqualTo(1_000);
        assertThat(c.kinesisAccessKey).isEqualTo("local-access-key");
        assertThat(c.kinesisSecretKey).isEqualTo("local-secret-key");
        assertThat(c.hasKinesisCredentials()).isTrue();
    }

    @Test
    void kinesisEnumSpellings() {
        // Configured value, expected initial position.
        String[][] positions = {
            {"trim-horizon", "TRIM_HORIZON"},
            {"Trim_Horizon", "TRIM_HORIZON"},
            {" latest ", "LATEST"},
        };
        for (String[] p : positions) {
            JobConfig c =
                    JobConfig.fromPropertyGroups(
                            groups(SOURCE, "kinesis.initial-position=" + p[0]));
            assertThat(c.kinesisInitialPosition.name()).as(p[0]).isEqualTo(p[1]);
        }
        String[][] types = {{"efo", "EFO"}, {"Polling", "POLLING"}};
        for (String[] t : types) {
            JobConfig c =
                    JobConfig.fromPropertyGroups(groups(SOURCE, "kinesis.consumer-type=" + t[0]));
            assertThat(c.kinesisConsumerType.name()).as(t[0]).isEqualTo(t[1]);
        }
    }

    @Test
    void kinesisInvalidValuesRejected() {
        // Property, invalid value.
        String[][] cases = {
            {"kinesis.stream-name", "cat stream"},
            {"kinesis.stream-name", "cats/positions"},
            {"kinesis.stream-name", "s".repeat(129)},
            {"aws.region", "Tokyo"},
            {"aws.region", "ap_northeast_1"},
            {"aws.region", "ap-northeast"},
            {"kinesis.endpoint", "127.0.0.1:4568"},
            {"kinesis.endpoint", "ftp://127.0.0.1:4568"},
            {"kinesis.initial-position", "EARLIEST"},
            {"kinesis.initial-timestamp", "yesterday"},
            {"kinesis.initial-timestamp", "2026-06-01T00:00:00"},
            {"kinesis.consumer-type", "kcl"},
            {"kinesis.efo-consumer-name", "cat data"},
            {"kinesis.poll-interval", "200ms"},
            {"kinesis.poll-interval", "PT0S"},
            {"kinesis.poll-interval", "-PT1S"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups = groups(SOURCE, c[0] + "=" + c[1]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as("%s=%s", c[0], c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + c[0] + "'")
                    .hasMessageContaining("'" + SOURCE + "'")
                    .hasMessageContaining(c[1])
                    .hasMessageContaining("expected");
        }
    }

    @Test
    void kinesisTimestampBeforeEpochRejected() {
        // The connector reads the start time as non-negative seconds since 1970-01-01T00:00:00Z.
        Map<String, Properties> groups =
                groups(
                        SOURCE, "kinesis.initial-position=AT_TIMESTAMP",
                        SOURCE, "kinesis.initial-timestamp=1969-12-31T23:59:59.999Z");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kinesis.initial-timestamp'")
                .hasMessageContaining("1969-12-31T23:59:59.999Z")
                .hasMessageContaining("1970-01-01T00:00:00Z");
    }

    @Test
    void atTimestampNeedsTimestamp() {
        Map<String, Properties> groups = groups(SOURCE, "kinesis.initial-position=AT_TIMESTAMP");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kinesis.initial-timestamp'")
                .hasMessageContaining("'" + SOURCE + "'")
                .hasMessageContaining("AT_TIMESTAMP");
    }

    @Test
    void timestampNeedsAtTimestamp() {
        String[] positions = {null, "LATEST", "TRIM_HORIZON"};
        for (String position : positions) {
            Map<String, Properties> groups =
                    groups(SOURCE, "kinesis.initial-timestamp=2026-06-01T00:00:00Z");
            if (position != null) {
                groups.get(SOURCE).setProperty("kinesis.initial-position", position);
            }
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as(String.valueOf(position))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'kinesis.initial-timestamp'")
                    .hasMessageContaining("AT_TIMESTAMP");
        }
    }

    @Test
    void kinesisKeyWithoutSecretRejected() {
        String[][] cases = {
            {"kinesis.access-key", "key-id-1234"}, {"kinesis.secret-key", "secret-5678"},
        };
        for (String[] c : cases) {
            Map<String, Properties> groups = groups(SOURCE, c[0] + "=" + c[1]);
            assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'kinesis.access-key' and 'kinesis.secret-key'")
                    .hasMessageContaining("together")
                    .hasMessageNotContaining(c[1]);
        }
    }

    @Test
    void unknownKinesisPropertyRejected() {
        Map<String, Properties> groups = groups(SOURCE, "kinesis.stream=cats");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown property 'kinesis.stream'")
                .hasMessageContaining("kinesis.stream-name");
    }

    @Test
    void zoneReturnsZoneId() {
        JobConfig c = JobConfig.fromPropertyGroups(groups(PROCESSING, "time-zone=Europe/London"));
        assertThat(c.zone().getId()).isEqualTo("Europe/London");
    }
}
