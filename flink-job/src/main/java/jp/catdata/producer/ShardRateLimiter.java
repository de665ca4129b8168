package jp.catdata.producer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the records sent to each shard under a records-per-second and a bytes-per-second limit,
 * with a burst of one second's allowance.
 *
 * <p>Kinesis maps a partition key to the shard whose hash key range contains the MD5 of the key,
 * read as an unsigned 128-bit integer. This class does the same with the ranges from {@code
 * ListShards}, so it needs the open shards at start and does not follow a resharding during the
 * run.
 */
public final class ShardRateLimiter {
    private static final long NANOS_PER_S = 1_000_000_000L;

    private final BigInteger[] startingHashKeys;
    private final double nanosPerRecord;
    private final double nanosPerByte;
    private final double[] recordsReadyNanos;
    private final double[] bytesReadyNanos;
    private final KinesisPublisher.Clock clock;

    /**
     * Creates a limiter.
     *
     * @param startingHashKeys the starting hash key of each open shard, as decimal strings
     * @param recordsPerSecond records per second allowed per shard
     * @param bytesPerSecond bytes (data plus partition key) per second allowed per shard
     */
    public ShardRateLimiter(
            List<String> startingHashKeys,
            double recordsPerSecond,
            double bytesPerSecond,
            KinesisPublisher.Clock clock) {
        if (startingHashKeys.isEmpty() || recordsPerSecond <= 0 || bytesPerSecond <= 0) {
            throw new IllegalArgumentException(
                    "a rate limit needs at least one shard and positive limits");
        }
        this.startingHashKeys =
                startingHashKeys.stream().map(BigInteger::new).sorted().toArray(BigInteger[]::new);
        this.nanosPerRecord = NANOS_PER_S / recordsPerSecond;
        this.nanosPerByte = NANOS_PER_S / bytesPerSecond;
        this.recordsReadyNanos = new double[startingHashKeys.size()];
        this.bytesReadyNanos = new double[startingHashKeys.size()];
        Arrays.fill(recordsReadyNanos, Double.NEGATIVE_INFINITY);
        Arrays.fill(bytesReadyNanos, Double.NEGATIVE_INFINITY);
        this.clock = clock;
    }

    /** Returns the index of the shard, in order of starting hash key, for a partition key. */
    public int shardIndex(String partitionKey) {
        BigInteger hash = new BigInteger(1, md5(partitionKey));
        int index = 0;
        for (int i = 1; i < startingHashKeys.length; i++) {
            if (startingHashKeys[i].compareTo(hash) <= 0) {
                index = i;
            }
        }
        return index;
    }

    /** Waits until the record's shard has room for it under both limits, then takes that room. */
    public void acquire(OutgoingRecord record) throws InterruptedException {
        int shard = shardIndex(record.partitionKey());
        double now = clock.nanoTime();
        double burst = NANOS_PER_S;
        // Each shard keeps the time at which its allowance would be used up. A record may go
        // as long as that time stays within one second past now.
        recordsReadyNanos[shard] = Math.max(recordsReadyNanos[shard], now - burst) + nanosPerRecord;
        bytesReadyNanos[shard] =
                Math.max(bytesReadyNanos[shard], now - burst) + nanosPerByte * record.sizeBytes();
        double waitNanos = Math.max(recordsReadyNanos[shard], bytesReadyNanos[shard]) - now;
        if (waitNanos > 0) {
            clock.sleepMs((long) Math.ceil(waitNanos / 1e6));
        }
    }

    private static byte[] md5(String partitionKey) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5 digest", e);
        }
    }
}
