package jp.catdata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import jp.catdata.job.JobConfig;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.functions.source.SourceFunction.SourceContext;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants.RecordPublisherType;
import org.apache.flink.streaming.connectors.kinesis.util.KinesisConfigUtil;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class KinesisSourceTest {

    private static final String SOURCE = JobConfig.SOURCE_GROUP;

    // Connector property names, spelt out so that a renamed constant fails here.
    private static final String REGION = "aws.region";
    private static final String ENDPOINT = "aws.endpoint";
    private static final String CREDENTIALS_PROVIDER = "aws.credentials.provider";
    private static final String ACCESS_KEY_ID = "aws.credentials.provider.basic.accesskeyid";
    private static final String SECRET_KEY = "aws.credentials.provider.basic.secretkey";
    private static final String INITIAL_POSITION = "flink.stream.initpos";
    private static final String INITIAL_TIMESTAMP = "flink.stream.initpos.timestamp";
    private static final String PUBLISHER_TYPE = "flink.stream.recordpublisher";
    private static final String EFO_CONSUMER_NAME = "flink.stream.efo.consumername";
    private static final String POLL_INTERVAL = "flink.shard.getrecords.intervalmillis";

    /** 2026-06-02T00:00:00Z, after every observation time of these tests. */
    private static final long NOW_MS = Instant.parse("2026-06-02T00:00:00Z").toEpochMilli();

    private static final String SHARD = "shardId-000000000001";

    private static final String SEQUENCE_NUMBER =
            "49590338271490256608559692538361571095921575989136588898";

    private final PositionEventParser parser =
            new PositionEventParser("131067", 5 * 60_000L, WallClock.fixed(NOW_MS));

    /** Returns a configuration with the given source properties, each {@code key=value}. */
    private static JobConfig config(String... settings) {
        Properties source = new Properties();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            source.setProperty(setting.substring(0, equals), setting.substring(equals + 1));
        }
        source.setProperty("source.type", "kinesis");
        Map<String, Properties> groups = new HashMap<>();
        groups.put(SOURCE, source);
        return JobConfig.fromPropertyGroups(groups);
    }

    private static void assertConnectorAccepts(Properties properties) {
        assertThatCode(() -> KinesisConfigUtil.validateConsumerConfiguration(properties))
                .doesNotThrowAnyException();
    }

    @Test
    void propertiesOfDefaults() {
        Properties p = KinesisSource.consumerProperties(config());
        assertThat(p.getProperty(REGION)).isEqualTo("ap-northeast-1");
        assertThat(p.getProperty(ENDPOINT)).isNull();
        assertThat(p.getProperty(CREDENTIALS_PROVIDER)).isEqualTo("AUTO");
        assertThat(p.getProperty(ACCESS_KEY_ID)).isNull();
        assertThat(p.getProperty(SECRET_KEY)).isNull();
        assertThat(p.getProperty(INITIAL_POSITION)).isEqualTo("LATEST");
        assertThat(p.getProperty(INITIAL_TIMESTAMP)).isNull();
        assertThat(p.getProperty(PUBLISHER_TYPE)).isEqualTo("POLLING");
        assertThat(p.getProperty(POLL_INTERVAL)).isEqualTo("200");
        assertThat(p.getProperty(EFO_CONSUMER_NAME)).isNull();
        assertConnectorAccepts(p);
    }

    @Test
    void loopbackWithoutKeysUsesPlaceholders() {
        Properties p =
                KinesisSource.consumerProperties(config("kinesis.endpoint=http://127.0.0.1:4568"));
        assertThat(p.getProperty(CREDENTIALS_PROVIDER)).isEqualTo("BASIC");
        assertThat(p.getProperty(ACCESS_KEY_ID)).isEqualTo("local-test-access-key");
        assertThat(p.getProperty(SECRET_KEY)).isEqualTo("local-test-secret-key");
        assertConnectorAccepts(p);
    }

    @Test
    void remoteWithoutKeysUsesDefaultChain() {
        Properties p =
                KinesisSource.consumerProperties(
                        config("kinesis.endpoint=https://kinesis.example.jp"));
        assertThat(p.getProperty(CREDENTIALS_PROVIDER)).isEqualTo("AUTO");
    }

    @Test
    void loopbackHosts() {
        assertThat(KinesisSource.isLoopback("http://127.0.0.1:4568")).isTrue();
        assertThat(KinesisSource.isLoopback("http://127.1.2.3")).isTrue();
        assertThat(KinesisSource.isLoopback("http://localhost:4568")).isTrue();
        assertThat(KinesisSource.isLoopback("http://[::1]:4568")).isTrue();
        assertThat(KinesisSource.isLoopback("http://128.0.0.1")).isFalse();
        assertThat(KinesisSource.isLoopback("http://127.0.0.1.example.jp")).isFalse();
        assertThat(KinesisSource.isLoopback(null)).isFalse();
    }

    @Test
    void propertiesOfLocalEndpoint() {
        Properties p =
                KinesisSource.consumerProperties(
                        config(
                                "aws.region=eu-west-2",
                                "kinesis.endpoint=http://127.0.0.1:4568",
                                "kinesis.access-key=local-access-key",
                                "kinesis.secret-key=local-secret-key"));
        assertThat(p.getProperty(REGION)).isEqualTo("eu-west-2");
        assertThat(p.getProperty(ENDPOINT)).isEqualTo("http://127.0.0.1:4568");
        assertThat(p.getProperty(CREDENTIALS_PROVIDER)).isEqualTo("BASIC");
        assertThat(p.getProperty(ACCESS_KEY_ID)).isEqualTo("local-access-key");
        assertThat(p.getProperty(SECRET_KEY)).isEqualTo("local-secret-key");
        assertConnectorAccepts(p);
    }

    @Test
    void propertiesOfInitialPositions() {
        String[][] cases = {
            {"latest", "LATEST"},
            {"TRIM_HORIZON", "TRIM_HORIZON"},
            {"trim-horizon", "TRIM_HORIZON"},
        };
        for (String[] c : cases) {
            Properties p =
                    KinesisSource.consumerProperties(config("kinesis.initial-position=" + c[0]));
            assertThat(p.getProperty(INITIAL_POSITION)).as(c[0]).isEqualTo(c[1]);
            assertThat(ConsumerConfigConstants.InitialPosition.valueOf(c[1]).name())
                    .isEqualTo(c[1]);
            assertConnectorAccepts(p);
        }
    }

    @Test
    void atTimestampParsedBackByConnector() {
        // Configured time stamp, and the same instant in UTC.
        String[][] cases = {
            {"2026-06-01T09:00:00.123+09:00", "2026-06-01T00:00:00.123Z"},
            {"2026-06-01T00:00:00.001Z", "2026-06-01T00:00:00.001Z"},
            {"2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z"},
            {"2025-12-31T23:59:59Z", "2025-12-31T23:59:59Z"},
            {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"},
        };
        for (String[] c : cases) {
            Properties p =
                    KinesisSource.consumerProperties(
                            config(
                                    "kinesis.initial-position=AT_TIMESTAMP",
                                    "kinesis.initial-timestamp=" + c[0]));
            assertThat(p.getProperty(INITIAL_POSITION)).as(c[0]).isEqualTo("AT_TIMESTAMP");
            assertConnectorAccepts(p);
            long parsedMs = KinesisConfigUtil.parseStreamTimestampStartingPosition(p).getTime();
            assertThat(parsedMs).as(c[0]).isEqualTo(Instant.parse(c[1]).toEpochMilli());
        }
    }

    @Test
    void propertiesOfEfo() {
        Properties p =
                KinesisSource.consumerProperties(
                        config(
                                "kinesis.consumer-type=efo",
                                "kinesis.efo-consumer-name=cat-data-test"));
        assertThat(p.getProperty(PUBLISHER_TYPE)).isEqualTo("EFO");
        assertThat(p.getProperty(EFO_CONSUMER_NAME)).isEqualTo("cat-data-test");
        assertThat(p.getProperty(POLL_INTERVAL)).isNull();
        assertThat(KinesisConfigUtil.validateRecordPublisherType(p))
                .isEqualTo(RecordPublisherType.EFO);
        assertConnectorAccepts(p);
    }

    @Test
    void propertiesOfPollInterval() {
        Properties p = KinesisSource.consumerProperties(config("kinesis.poll-interval=PT0.5S"));
        assertThat(p.getProperty(PUBLISHER_TYPE)).isEqualTo("POLLING");
        assertThat(p.getProperty(POLL_INTERVAL)).isEqualTo("500");
        assertThat(KinesisConfigUtil.validateRecordPublisherType(p))
                .isEqualTo(RecordPublisherType.POLLING);
        assertConnectorAccepts(p);
    }

    @Test
    void createBuildsPollingConsumer() {
        // The constructor validates the properties and the schema but opens no connection.
        JobConfig config =
                config(
                        "kinesis.stream-name=cats-test",
                        "kinesis.endpoint=http://127.0.0.1:4568",
                        "kinesis.access-key=local-access-key",
                        "kinesis.secret-key=local-secret-key");
        FlinkKinesisConsumer<ParsedRecord> consumer = KinesisSource.create(config, parser);
        assertThat(consumer.getProducedType().getTypeClass()).isEqualTo(ParsedRecord.class);
        assertThat(consumer).isInstanceOf(KinesisSource.ActiveConsumer.class);
    }

    @Test
    void activeContextDropsIdleMark() {
        List<String> calls = new ArrayList<>();
        Object lock = new Object();
        SourceContext<String> recording =
                new SourceContext<>() {
                    @Override
                    public void collect(String element) {
                        calls.add("collect " + element);
                    }

                    @Override
                    public void collectWithTimestamp(String element, long timestamp) {
                        calls.add("collect " + element + " at " + timestamp);
                    }

                    @Override
                    public void emitWatermark(
                            org.apache.flink.streaming.api.watermark.Watermark mark) {
                        calls.add("watermark " + mark.getTimestamp());
                    }

                    @Override
                    public void markAsTemporarilyIdle() {
                        calls.add("idle");
                    }

                    @Override
                    public Object getCheckpointLock() {
                        return lock;
                    }

                    @Override
                    public void close() {
                        calls.add("close");
                    }
                };
        SourceContext<String> context = new KinesisSource.ActiveSourceContext<>(recording);

        context.collect("a");
        context.markAsTemporarilyIdle();
        context.collectWithTimestamp("b", 7);
        context.emitWatermark(org.apache.flink.streaming.api.watermark.Watermark.MAX_WATERMARK);
        context.close();

        assertThat(calls)
                .containsExactly(
                        "collect a", "collect b at 7", "watermark " + Long.MAX_VALUE, "close");
        assertThat(context.getCheckpointLock()).isSameAs(lock);
    }

    @Test
    void originRoundTrip() {
        String origin = KinesisSource.origin("cat-position-stream", SHARD, SEQUENCE_NUMBER);
        assertThat(origin)
                .isEqualTo("kinesis:cat-position-stream/" + SHARD + "/" + SEQUENCE_NUMBER);
        assertThat(KinesisSource.shardOf(origin)).isEqualTo(SHARD);
    }

    @Test
    void shardOfMalformedOrigins() {
        String[] origins = {
            null,
            "",
            "kinesis:",
            "kinesis:cats",
            "kinesis:cats/" + SHARD,
            "kinesis:cats//1",
            "KINESIS:cats/" + SHARD + "/1",
            "cats_uk.csv:42",
            "simulator:7",
            "events/kinesis:cats/" + SHARD + "/1",
        };
        for (String origin : origins) {
            assertThat(KinesisSource.shardOf(origin)).as(String.valueOf(origin)).isNull();
        }
    }

    @Test
    void deserializerAcceptsEvent() {
        String json =
                "{\"event_id\":\"evt-1\",\"cat_id\":\"cat-42\",\"municipality_code\":\"131067\","
                        + "\"observed_at\":\"2026-06-01T09:30:00+09:00\",\"lat\":35.7126,"
                        + "\"lon\":139.78,\"source\":\"gps_collar\"}";
        ParsedRecord record = deserialize(json.getBytes(StandardCharsets.UTF_8));

        assertThat(record.isAccepted()).isTrue();
        assertThat(record.rejected).isNull();
        PositionEvent event = record.event;
        assertThat(event.eventId).isEqualTo("evt-1");
        assertThat(event.catId).isEqualTo("cat-42");
        assertThat(event.observedAtMs)
                .isEqualTo(Instant.parse("2026-06-01T00:30:00Z").toEpochMilli());
        assertThat(event.origin).isEqualTo("kinesis:cats/" + SHARD + "/" + SEQUENCE_NUMBER);
    }

    @Test
    void deserializerRejectsBadBytes() {
        byte[][] inputs = {
            "not json at all".getBytes(StandardCharsets.UTF_8),
            {0x00, 0x01, 0x02},
            {(byte) 0xC3, 0x28},
            {(byte) 0xFF, (byte) 0xFE, '{', '}'},
            {},
            "[1,2]".getBytes(StandardCharsets.UTF_8),
            "{\"event_id\":\"a\"}{\"event_id\":\"b\"}".getBytes(StandardCharsets.UTF_8),
        };
        for (int i = 0; i < inputs.length; i++) {
            ParsedRecord record = deserialize(inputs[i]);
            assertThat(record.isAccepted()).as("input %d", i).isFalse();
            RejectedRecord rejected = record.rejected;
            assertThat(rejected).as("input %d", i).isNotNull();
            assertThat(rejected.reason)
                    .as("input %d", i)
                    .isEqualTo(RejectReason.INVALID_JSON.code());
            assertThat(rejected.detail).as("input %d", i).isNotBlank();
            assertThat(rejected.origin)
                    .as("input %d", i)
                    .isEqualTo("kinesis:cats/" + SHARD + "/" + SEQUENCE_NUMBER);
        }
    }

    @Test
    void deserializerNamesInvalidUtf8() {
        ParsedRecord record = deserialize(new byte[] {'{', (byte) 0xC3, 0x28, '}'});
        assertThat(record.rejected.detail).contains("UTF-8");
    }

    @Test
    void deserializerRejectsInvalidField() {
        String json =
                "{\"event_id\":\"evt-2\",\"cat_id\":\"cat-42\",\"municipality_code\":\"131067\","
                        + "\"observed_at\":\"2026-06-01T00:30:00Z\",\"lat\":95.0,"
                        + "\"lon\":139.78,\"source\":\"gps_collar\"}";
        ParsedRecord record = deserialize(json.getBytes(StandardCharsets.UTF_8));
        assertThat(record.isAccepted()).isFalse();
        assertThat(record.rejected.reason).isEqualTo(RejectReason.COORDINATE_OUT_OF_RANGE.code());
        assertThat(record.rejected.eventId).isEqualTo("evt-2");
    }

    @Test
    void deserializerIsSerializable() throws Exception {
        KinesisSource.Deserializer copy =
                InstantiationUtil.clone(new KinesisSource.Deserializer(parser));
        String json =
                "{\"event_id\":\"evt-3\",\"cat_id\":\"cat-7\",\"municipality_code\":\"131067\","
                        + "\"observed_at\":\"2026-06-01T00:00:00Z\",\"lat\":35.7,"
                        + "\"lon\":139.7,\"source\":\"gps_collar\"}";
        ParsedRecord record =
                copy.deserialize(
                        json.getBytes(StandardCharsets.UTF_8), "cat-7", "1", 0L, "cats", SHARD);
        assertThat(record.isAccepted()).isTrue();
        assertThat(copy.getProducedType().getTypeClass()).isEqualTo(ParsedRecord.class);
    }

    @Test
    void strategyUsesEventTime() {
        WatermarkStrategy<ParsedRecord> strategy = KinesisSource.watermarks(config());
        TimestampAssigner<ParsedRecord> assigner = strategy.createTimestampAssigner(null);
        PositionEvent event = new PositionEvent();
        event.observedAtMs = 123_456;
        assertThat(assigner.extractTimestamp(ParsedRecord.accepted(event), 0)).isEqualTo(123_456);
        ParsedRecord rejected =
                ParsedRecord.rejected(
                        RejectedRecord.of(RejectReason.INVALID_JSON, "not JSON", "{", "x", 0));
        assertThat(assigner.extractTimestamp(rejected, 0)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void strategyHoldsAfterCreation() throws Exception {
        // The default idleness is 1 minute, far longer than this test runs.
        WatermarkStrategy<ParsedRecord> strategy =
                InstantiationUtil.clone(KinesisSource.watermarks(config()));
        WatermarkGenerator<ParsedRecord> generator = strategy.createWatermarkGenerator(null);
        assertThat(generator).isInstanceOf(ShardWatermarks.class);

        PositionEvent event = new PositionEvent();
        event.observedAtMs = 3_600_000;
        event.origin = KinesisSource.origin("cats", SHARD, "1");
        int[] outputs = new int[1];
        WatermarkOutput output =
                new WatermarkOutput() {
                    @Override
                    public void emitWatermark(Watermark watermark) {
                        outputs[0]++;
                    }

                    @Override
                    public void markIdle() {
                        outputs[0]++;
                    }

                    @Override
                    public void markActive() {
                        outputs[0]++;
                    }
                };
        generator.onEvent(ParsedRecord.accepted(event), event.observedAtMs, output);
        generator.onPeriodicEmit(output);
        assertThat(outputs[0]).isZero();
    }

    private ParsedRecord deserialize(byte[] data) {
        return new KinesisSource.Deserializer(parser)
                .deserialize(data, "cat-42", SEQUENCE_NUMBER, NOW_MS, "cats", SHARD);
    }
}
