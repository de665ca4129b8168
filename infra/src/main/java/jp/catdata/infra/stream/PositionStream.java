package jp.catdata.infra.stream;

import jp.catdata.infra.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.constructs.Construct;

/**
 * The Kinesis data stream {@value Names#POSITION_STREAM} that receives GPS fixes and sightings:
 * {@value #SHARDS} provisioned shards, {@value #RETENTION_HOURS} h retention, encrypted with the
 * AWS managed key {@code aws/kinesis}.
 */
public final class PositionStream extends Construct {

    public static final int SHARDS = 10;
    public static final int RETENTION_HOURS = 24;

    private final Stream stream;

    public PositionStream(Construct scope, String id) {
        super(scope, id);
        stream =
                Stream.Builder.create(this, "Stream")
                        .streamName(Names.POSITION_STREAM)
                        .streamMode(StreamMode.PROVISIONED)
                        .shardCount(SHARDS)
                        .retentionPeriod(Duration.hours(RETENTION_HOURS))
                        .encryption(StreamEncryption.MANAGED)
                        .build();
    }

    public IStream stream() {
        return stream;
    }
}
