package jp.catdata.source;

import java.util.Locale;
import java.util.Properties;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.WallClock;
import jp.catdata.job.JobConfig;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.source.SourceFunction.SourceContext;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Builds the Kinesis source: a {@link FlinkKinesisConsumer} of flink-connector-kinesis 4.3.0 that
 * turns each record into a {@link ParsedRecord} with the job's parser, and its watermarks.
 *
 * <p>The consumer reads by GetRecords polling or by enhanced fan-out, and it de-aggregates records
 * that the Kinesis Producer Library aggregated, so each user record reaches the parser on its own.
 * User records of one aggregate share its origin, because the deserializer gets no sub-sequence
 * number. The checkpointed state is the sequence number per shard, so a restore resumes every shard
 * after the last record that the checkpoint covers.
 *
 * <p>NOTE: the connector drops a whole aggregate, without a log line or a rejected row, when one of
 * its user records hashes outside the shard it was read from. The KPL never builds such aggregates,
 * but a hand-made one can be lost this way.
 *
 * <p>Watermarks come from {@link ShardWatermarks} right after the consumer, not from the consumer's
 * own per-shard assigner. In connector 4.3.0 that assigner leaves a shard out of the minimum until
 * the shard has emitted its first record. So when a subtask starts on a backlog, the first shard to
 * deliver moves the watermark past the records that the other shards have not sent yet, and they
 * all count as late.
 *
 * <p>The consumer never marks its subtask idle (see {@link ActiveConsumer}), so that the maximum
 * watermark sent at the end of input reaches {@link ShardWatermarks} on every subtask.
 */
public final class KinesisSource {

    private static final String ORIGIN_PREFIX = "kinesis:";

    /** Placeholder credentials for a loopback endpoint without configured keys. */
    public static final String LOCAL_ACCESS_KEY = "local-test-access-key";

    public static final String LOCAL_SECRET_KEY = "local-test-secret-key";

    private KinesisSource() {}

    /** Returns the consumer for a configuration whose source type is Kinesis. */
    public static FlinkKinesisConsumer<ParsedRecord> create(
            JobConfig config, PositionEventParser parser) {
        return new ActiveConsumer(
                config.kinesisStreamName, new Deserializer(parser), consumerProperties(config));
    }

    /**
     * Returns the strategy that takes time stamps from {@link ParsedRecord#eventTimeMs()} and
     * generates watermarks per shard, with the allowed lateness as the out-of-orderness bound and
     * {@code source-idleness} as the time after which a silent shard stops holding the watermark.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(JobConfig config) {
        long boundMs = config.allowedLatenessMs;
        long idlenessMs = config.sourceIdlenessMs;
        return WatermarkStrategy.<ParsedRecord>forGenerator(
                        context -> new ShardWatermarks(boundMs, idlenessMs, WallClock.system()))
                .withTimestampAssigner((record, previous) -> record.eventTimeMs());
    }

    /** Returns the connector properties of a configuration's Kinesis settings. */
    public static Properties consumerProperties(JobConfig config) {
        Properties p = new Properties();
        p.setProperty(AWSConfigConstants.AWS_REGION, config.awsRegion);
        if (config.kinesisEndpoint != null) {
            p.setProperty(AWSConfigConstants.AWS_ENDPOINT, config.kinesisEndpoint);
        }
        if (config.hasKinesisCredentials()) {
            p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            p.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, config.kinesisAccessKey);
            p.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, config.kinesisSecretKey);
        } else if (isLoopback(config.kinesisEndpoint)) {
            // A local stand-in such as kinesis-mock checks no credentials. The default chain would
            // end at the EC2 instance metadata address, so local runs never go there.
            p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "BASIC");
            p.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, LOCAL_ACCESS_KEY);
            p.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, LOCAL_SECRET_KEY);
        } else {
            p.setProperty(AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, "AUTO");
        }

        p.setProperty(
                ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                config.kinesisInitialPosition.name());
        if (config.kinesisInitialPosition == JobConfig.InitialPosition.AT_TIMESTAMP) {
            // The connector reads a plain number as seconds since the epoch, with a fraction.
            p.setProperty(
                    ConsumerConfigConstants.STREAM_INITIAL_TIMESTAMP,
                    String.format(Locale.ROOT, "%.3f", config.kinesisInitialTimestampMs / 1000.0));
        }

        if (config.kinesisConsumerType == JobConfig.ConsumerType.EFO) {
            p.setProperty(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE, "EFO");
            p.setProperty(ConsumerConfigConstants.EFO_CONSUMER_NAME, config.kinesisEfoConsumerName);
        } else {
            p.setProperty(ConsumerConfigConstants.RECORD_PUBLISHER_TYPE, "POLLING");
            p.setProperty(
                    ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS,
                    Long.toString(config.kinesisPollIntervalMs));
        }
        return p;
    }

    /**
     * Returns AWS SDK v2 credentials chosen as {@link #consumerProperties} chooses them: the
     * configured keys, the placeholder keys for a loopback endpoint, or else the default AWS
     * credential chain.
     */
    public static AwsCredentialsProvider credentialsProvider(JobConfig config) {
        if (config.hasKinesisCredentials()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.kinesisAccessKey, config.kinesisSecretKey));
        }
        if (isLoopback(config.kinesisEndpoint)) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LOCAL_ACCESS_KEY, LOCAL_SECRET_KEY));
        }
        return DefaultCredentialsProvider.create();
    }

    /** Returns whether an endpoint URL names this machine (127.0.0.0/8, ::1 or localhost). */
    public static boolean isLoopback(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        String host;
        try {
            host = java.net.URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        return host.equals("localhost")
                || host.equals("[::1]")
                || host.equals("::1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Returns the origin of a record: {@code kinesis:<stream>/<shard id>/<sequence number>}. */
    static String origin(String stream, String shardId, String sequenceNumber) {
        return ORIGIN_PREFIX + stream + "/" + shardId + "/" + sequenceNumber;
    }

    /** Returns the shard id in an origin made by {@link #origin}, or null for other origins. */
    static String shardOf(String origin) {
        if (origin == null || !origin.startsWith(ORIGIN_PREFIX)) {
            return null;
        }
        int first = origin.indexOf('/');
        int last = origin.lastIndexOf('/');
        // An empty shard id ("kinesis:s//1") is no shard, so it must not be tracked as one.
        return first + 1 < last ? origin.substring(first + 1, last) : null;
    }

    /** Parses each Kinesis user record; bytes the parser rejects become rejected records. */
    static final class Deserializer implements KinesisDeserializationSchema<ParsedRecord> {

        private static final long serialVersionUID = 1L;

        private final PositionEventParser parser;

        Deserializer(PositionEventParser parser) {
            this.parser = parser;
        }

        @Override
        public ParsedRecord deserialize(
                byte[] data,
                String partitionKey,
                String sequenceNumber,
                long approximateArrivalTimestamp,
                String stream,
                String shardId) {
            return parser.parse(data, origin(stream, shardId, sequenceNumber));
        }

        @Override
        public TypeInformation<ParsedRecord> getProducedType() {
            return TypeInformation.of(ParsedRecord.class);
        }
    }

    /**
     * The connector's consumer with a source context that ignores {@code markAsTemporarilyIdle}.
     *
     * <p>In connector 4.3.0 the consumer marks its subtask idle when it has no shard to read, for
     * example on a stream with fewer shards than subtasks, or when all its shards are closed. In
     * Flink 1.19 the chained output from a source to the next operator then drops every watermark,
     * and that includes the maximum watermark that the task sends when the input ends or a
     * stop-with-savepoint drains the job. {@link ShardWatermarks} sends no watermark and no idle
     * status of its own during its start-up hold, so downstream operators would keep the watermark
     * of that subtask at its minimum and never emit the records they buffer for event time.
     *
     * <p>The consumer's idle status has no other use here, because the watermark operator chained
     * after it ignores the watermark status of its input and decides idleness itself.
     */
    static final class ActiveConsumer extends FlinkKinesisConsumer<ParsedRecord> {

        private static final long serialVersionUID = 1L;

        ActiveConsumer(
                String stream,
                KinesisDeserializationSchema<ParsedRecord> deserializer,
                Properties properties) {
            super(stream, deserializer, properties);
        }

        @Override
        public void run(SourceContext<ParsedRecord> context) throws Exception {
            super.run(new ActiveSourceContext<>(context));
        }
    }

    /** A source context that forwards every call except {@code markAsTemporarilyIdle}. */
    static final class ActiveSourceContext<T> implements SourceContext<T> {

        private final SourceContext<T> context;

        ActiveSourceContext(SourceContext<T> context) {
            this.context = context;
        }

        @Override
        public void collect(T element) {
            context.collect(element);
        }

        @Override
        public void collectWithTimestamp(T element, long timestamp) {
            context.collectWithTimestamp(element, timestamp);
        }

        @Override
        public void emitWatermark(Watermark mark) {
            context.emitWatermark(mark);
        }

        @Override
        public void markAsTemporarilyIdle() {
            // Ignored: an idle mark would make the chained output drop the end-of-input watermark.
        }

        @Override
        public Object getCheckpointLock() {
            return context.getCheckpointLock();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
