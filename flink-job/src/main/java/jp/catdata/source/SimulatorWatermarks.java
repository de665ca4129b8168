package jp.catdata.source;

import java.time.Duration;
import jp.catdata.event.ParsedRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded-out-of-orderness watermarks emitted from {@link #onEvent}, for the simulator source.
 *
 * <p>Whenever the maximum time stamp seen grows, the generator emits the watermark {@code max -
 * bound - 1 ms} at once, and {@link #onPeriodicEmit} emits nothing. Flink's usual generator emits
 * the same value periodically, driven by the wall clock, so how many records pass between two
 * watermarks depends on machine speed and scheduling. Which simulated late records the job counts
 * as late would then change from run to run. Emitting on every growth makes the watermark a
 * function of the records alone, so the simulator's output and the job's lateness decisions repeat
 * exactly for a given seed when the source runs at parallelism 1. The cost is one watermark per
 * growing time stamp, which the simulator's mostly ordered stream makes nearly one per record.
 *
 * <p>Rejected records carry the time stamp {@link Long#MIN_VALUE} (see {@link
 * ParsedRecord#eventTimeMs()}), which never exceeds the maximum, so they never move the watermark.
 */
public class SimulatorWatermarks implements WatermarkGenerator<ParsedRecord> {

    private final long boundMs;
    private long maxTimestampMs = Long.MIN_VALUE;

    /**
     * Creates a generator.
     *
     * @param boundMs how far in milliseconds a time stamp may lie behind the maximum seen before it
     *     counts as late, at least 0
     */
    public SimulatorWatermarks(long boundMs) {
        if (boundMs < 0) {
            throw new IllegalArgumentException(
                    "out-of-orderness bound must be at least 0 ms, got " + boundMs);
        }
        this.boundMs = boundMs;
    }

    /**
     * Returns a strategy that takes time stamps from {@link ParsedRecord#eventTimeMs()} and
     * generates watermarks with a {@link SimulatorWatermarks} of the given bound.
     */
    public static WatermarkStrategy<ParsedRecord> strategy(Duration bound) {
        if (bound == null || bound.isNegative()) {
            throw new IllegalArgumentException(
                    "out-of-orderness bound must be a duration of at least 0, got " + bound);
        }
        long boundMs = bound.toMillis();
        return WatermarkStrategy.<ParsedRecord>forGenerator(
                        context -> new SimulatorWatermarks(boundMs))
                .withTimestampAssigner((record, previous) -> record.eventTimeMs());
    }

    @Override
    public void onEvent(ParsedRecord record, long timestampMs, WatermarkOutput output) {
        if (timestampMs <= maxTimestampMs) {
            return;
        }
        maxTimestampMs = timestampMs;
        // Saturate instead of wrapping around for time stamps near Long.MIN_VALUE.
        long watermarkMs =
                timestampMs < Long.MIN_VALUE + boundMs + 1
                        ? Long.MIN_VALUE
                        : timestampMs - boundMs - 1;
        output.emitWatermark(new Watermark(watermarkMs));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Nothing: watermarks are emitted from onEvent only, see the class comment.
    }
}
