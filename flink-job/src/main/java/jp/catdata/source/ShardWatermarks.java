package jp.catdata.source;

import java.util.HashMap;
import java.util.Map;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of one Kinesis source subtask, computed per shard from the shard id in each record's
 * origin.
 *
 * <p>A shard's watermark is the maximum event time it delivered minus the out-of-orderness bound
 * minus 1 ms, and the subtask emits the minimum over its shards. A shard that delivered nothing for
 * the idleness time no longer keeps the minimum down, but it still counts while its watermark is
 * ahead of the last one emitted, so when every shard falls silent the watermark climbs to the
 * highest one and every window closes. With no shard active and none ahead, the subtask is marked
 * idle.
 *
 * <p>The generator sees a shard only once the shard delivers a record, so for the idleness time
 * after it starts, and after each restore, it emits no watermark at all. A shard that is slower to
 * answer than the others then still holds the watermark down. A shard that is silent for longer
 * than that counts as idle, and records it sends afterwards can be late.
 *
 * <p>Rejected records carry no event time and no origin of an event, so they move nothing.
 */
public final class ShardWatermarks implements WatermarkGenerator<ParsedRecord> {

    private final long boundMs;
    private final long idlenessMs;
    private final WallClock clock;
    private final long startedAtMs;
    private final Map<String, ShardState> shards = new HashMap<>();
    private long lastEmittedMs = Long.MIN_VALUE;

    /** Latest event time and wall-clock time of the last record of one shard. */
    private static final class ShardState {
        long maxTimestampMs = Long.MIN_VALUE;
        long lastRecordAtMs;
    }

    /**
     * Creates a generator.
     *
     * @param boundMs out-of-orderness bound in milliseconds, at least 0
     * @param idlenessMs wall-clock time without records after which a shard counts as idle, in
     *     milliseconds, at least 1
     * @param clock wall clock for idleness
     */
    public ShardWatermarks(long boundMs, long idlenessMs, WallClock clock) {
        if (boundMs < 0 || idlenessMs < 1) {
            throw new IllegalArgumentException(
                    "bound must be at least 0 ms and idleness at least 1 ms, got "
                            + boundMs
                            + " and "
                            + idlenessMs);
        }
        this.boundMs = boundMs;
        this.idlenessMs = idlenessMs;
        this.clock = clock;
        this.startedAtMs = clock.currentTimeMillis();
    }

    @Override
    public void onEvent(ParsedRecord record, long timestampMs, WatermarkOutput output) {
        if (!record.isAccepted() || timestampMs == Long.MIN_VALUE) {
            return;
        }
        String shardId = KinesisSource.shardOf(record.event.origin);
        if (shardId == null) {
            return;
        }
        ShardState shard = shards.computeIfAbsent(shardId, id -> new ShardState());
        shard.maxTimestampMs = Math.max(shard.maxTimestampMs, timestampMs);
        shard.lastRecordAtMs = clock.currentTimeMillis();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long nowMs = clock.currentTimeMillis();
        if (nowMs - startedAtMs < idlenessMs) {
            return;
        }
        long minimumMs = Long.MAX_VALUE;
        for (ShardState shard : shards.values()) {
            long watermarkMs = watermarkOf(shard.maxTimestampMs);
            boolean active = nowMs - shard.lastRecordAtMs < idlenessMs;
            if (active || watermarkMs > lastEmittedMs) {
                minimumMs = Math.min(minimumMs, watermarkMs);
            }
        }
        if (minimumMs == Long.MAX_VALUE) {
            output.markIdle();
        } else if (minimumMs > lastEmittedMs) {
            output.emitWatermark(new Watermark(minimumMs));
            lastEmittedMs = minimumMs;
        }
    }

    private long watermarkOf(long maxTimestampMs) {
        // Saturate instead of wrapping around for time stamps near Long.MIN_VALUE.
        return maxTimestampMs < Long.MIN_VALUE + boundMs + 1
                ? Long.MIN_VALUE
                : maxTimestampMs - boundMs - 1;
    }
}
