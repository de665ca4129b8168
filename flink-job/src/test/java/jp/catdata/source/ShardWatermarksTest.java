package jp.catdata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ShardWatermarksTest {

    /**
     * Idleness of most tests: a shard silent for 1 s of wall-clock time no longer holds the
     * watermark back.
     */
    private static final long IDLENESS_MS = 1_000;

    /** Wall-clock time at which each generator of these tests starts. */
    private static final long START_MS = 1_000_000;

    /** A wall clock that the test sets. */
    private static final class TestClock implements WallClock {
        long nowMs = START_MS;

        @Override
        public long currentTimeMillis() {
            return nowMs;
        }
    }

    /** Records the watermarks and idle marks a generator outputs, in order. */
    private static final class RecordingOutput implements WatermarkOutput {
        final List<String> outputs = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            outputs.add("watermark " + watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            outputs.add("idle");
        }

        @Override
        public void markActive() {
            outputs.add("active");
        }
    }

    private final TestClock clock = new TestClock();
    private final RecordingOutput output = new RecordingOutput();
    private long sequenceNumber;

    private static ParsedRecord withOrigin(String origin, long observedAtMs) {
        PositionEvent event = new PositionEvent();
        event.eventId = "e" + observedAtMs;
        event.catId = "cat-1";
        event.observedAtMs = observedAtMs;
        event.origin = origin;
        return ParsedRecord.accepted(event);
    }

    /** Feeds the generator a fix read from a shard of stream {@code cats}. */
    private void deliver(ShardWatermarks generator, String shardId, long observedAtMs) {
        String origin = "kinesis:cats/" + shardId + "/" + (++sequenceNumber);
        generator.onEvent(withOrigin(origin, observedAtMs), observedAtMs, output);
    }

    private void emitAt(ShardWatermarks generator, long nowMs) {
        clock.nowMs = nowMs;
        generator.onPeriodicEmit(output);
    }

    @Test
    void holdsDuringIdlenessAfterStart() {
        ShardWatermarks generator = new ShardWatermarks(100, IDLENESS_MS, clock);
        clock.nowMs = START_MS + 500;
        deliver(generator, "shardId-0", 5_000);

        emitAt(generator, START_MS + 500);
        emitAt(generator, START_MS + IDLENESS_MS - 1);
        assertThat(output.outputs).isEmpty();

        emitAt(generator, START_MS + IDLENESS_MS);
        // 5,000 - 100 - 1.
        assertThat(output.outputs).containsExactly("watermark 4899");
    }

    @Test
    void noShardsMarksIdleAfterHold() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        emitAt(generator, START_MS + IDLENESS_MS - 1);
        assertThat(output.outputs).isEmpty();

        emitAt(generator, START_MS + IDLENESS_MS);
        assertThat(output.outputs).containsExactly("idle");
    }

    @Test
    void minimumOverActiveShards() {
        ShardWatermarks generator = new ShardWatermarks(100, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        deliver(generator, "shardId-0", 50_000);
        deliver(generator, "shardId-1", 20_000);
        deliver(generator, "shardId-2", 30_000);
        emitAt(generator, START_MS + IDLENESS_MS);

        deliver(generator, "shardId-1", 40_000);
        emitAt(generator, START_MS + IDLENESS_MS + 200);

        // 20,000 - 101, then shard 1 moves past shard 2, so 30,000 - 101.
        assertThat(output.outputs).containsExactly("watermark 19899", "watermark 29899");
    }

    @Test
    void watermarkNeverMovesBack() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        deliver(generator, "shardId-0", 10_000);
        emitAt(generator, START_MS + IDLENESS_MS);
        // A new shard that starts behind lowers the minimum, and nothing is emitted.
        deliver(generator, "shardId-1", 2_000);
        emitAt(generator, START_MS + IDLENESS_MS + 100);
        deliver(generator, "shardId-0", 12_000);
        emitAt(generator, START_MS + IDLENESS_MS + 200);

        assertThat(output.outputs).containsExactly("watermark 9999");
    }

    @Test
    void silentShardStopsHolding() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        long t = START_MS + IDLENESS_MS;
        clock.nowMs = t;
        deliver(generator, "shardId-0", 10_000);
        deliver(generator, "shardId-1", 5_000);
        emitAt(generator, t);

        clock.nowMs = t + 500;
        deliver(generator, "shardId-0", 11_000);
        emitAt(generator, t + 500);
        clock.nowMs = t + IDLENESS_MS - 1;
        deliver(generator, "shardId-0", 12_000);
        // Shard 1 delivered 999 ms ago, so it still keeps the watermark back.
        emitAt(generator, t + IDLENESS_MS - 1);
        assertThat(output.outputs).containsExactly("watermark 4999");

        // Shard 1 has now been silent for the idleness time.
        emitAt(generator, t + IDLENESS_MS);
        assertThat(output.outputs).containsExactly("watermark 4999", "watermark 11999");
    }

    @Test
    void silentShardAheadCountsOnce() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        clock.nowMs = START_MS;
        deliver(generator, "shardId-1", 8_000);
        clock.nowMs = START_MS + IDLENESS_MS;
        deliver(generator, "shardId-0", 20_000);

        // Shard 1 is silent, but its watermark is ahead of the last one emitted (none yet).
        emitAt(generator, START_MS + IDLENESS_MS);
        emitAt(generator, START_MS + IDLENESS_MS + 200);

        assertThat(output.outputs).containsExactly("watermark 7999", "watermark 19999");
    }

    @Test
    void allSilentClimbsThenIdle() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        long t = START_MS + IDLENESS_MS;
        clock.nowMs = t;
        deliver(generator, "shardId-0", 30_000);
        deliver(generator, "shardId-1", 10_000);
        deliver(generator, "shardId-2", 20_000);
        emitAt(generator, t);

        long silent = t + IDLENESS_MS;
        emitAt(generator, silent);
        emitAt(generator, silent + 200);
        emitAt(generator, silent + 400);

        assertThat(output.outputs)
                .containsExactly("watermark 9999", "watermark 19999", "watermark 29999", "idle");
    }

    @Test
    void recordAfterIdleEmitsAgain() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        long t = START_MS + IDLENESS_MS;
        clock.nowMs = t;
        deliver(generator, "shardId-0", 30_000);
        emitAt(generator, t);
        emitAt(generator, t + IDLENESS_MS);

        clock.nowMs = t + 5 * IDLENESS_MS;
        deliver(generator, "shardId-0", 40_000);
        emitAt(generator, t + 5 * IDLENESS_MS);

        assertThat(output.outputs).containsExactly("watermark 29999", "idle", "watermark 39999");
    }

    @Test
    void rejectedRecordsIgnored() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        RejectedRecord rejection =
                RejectedRecord.of(
                        RejectReason.INVALID_JSON,
                        "record is not a JSON object",
                        "[]",
                        "kinesis:cats/shardId-0/1",
                        START_MS);
        ParsedRecord rejected = ParsedRecord.rejected(rejection);
        generator.onEvent(rejected, rejected.eventTimeMs(), output);

        emitAt(generator, START_MS + IDLENESS_MS);
        // No shard was seen, so the subtask is idle rather than emitting a watermark.
        assertThat(output.outputs).containsExactly("idle");
    }

    @Test
    void foreignOriginsIgnored() {
        ShardWatermarks generator = new ShardWatermarks(0, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        String[] origins = {
            "cats_uk.csv:42", "simulator:7", null, "kinesis:cats", "kinesis:cats/shardId-0"
        };
        for (String origin : origins) {
            generator.onEvent(withOrigin(origin, 1_000), 1_000, output);
        }
        deliver(generator, "shardId-0", 5_000);
        emitAt(generator, START_MS + IDLENESS_MS);

        // Only the Kinesis record counts: 5,000 - 1, not 1,000 - 1.
        assertThat(output.outputs).containsExactly("watermark 4999");
    }

    @Test
    void boundArithmetic() {
        // Bound, event time, expected watermark (max - bound - 1).
        long[][] cases = {
            {0, 10, 9},
            {250, 1_000, 749},
            {600_000, 3_600_000, 2_999_999},
            {100, -5_000, -5_101},
            {0, Long.MAX_VALUE, Long.MAX_VALUE - 1},
        };
        for (long[] c : cases) {
            RecordingOutput caseOutput = new RecordingOutput();
            clock.nowMs = START_MS;
            ShardWatermarks generator = new ShardWatermarks(c[0], IDLENESS_MS, clock);
            clock.nowMs = START_MS + IDLENESS_MS;
            String origin = "kinesis:cats/shardId-0/1";
            generator.onEvent(withOrigin(origin, c[1]), c[1], caseOutput);
            generator.onPeriodicEmit(caseOutput);
            assertThat(caseOutput.outputs)
                    .as("bound %d, event time %d", c[0], c[1])
                    .containsExactly("watermark " + c[2]);
        }
    }

    @Test
    void maxEventTimeOfShardCounts() {
        ShardWatermarks generator = new ShardWatermarks(100, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        deliver(generator, "shardId-0", 9_000);
        deliver(generator, "shardId-0", 7_000);
        emitAt(generator, START_MS + IDLENESS_MS);

        assertThat(output.outputs).containsExactly("watermark 8899");
    }

    @Test
    void saturatesNearMinValue() {
        ShardWatermarks generator = new ShardWatermarks(10, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        // Long.MIN_VALUE + 5 - 10 - 1 would wrap around to a value near Long.MAX_VALUE.
        deliver(generator, "shardId-0", Long.MIN_VALUE + 5);
        emitAt(generator, START_MS + IDLENESS_MS);
        // Long.MIN_VALUE + 11 - 10 - 1 is Long.MIN_VALUE itself, which is never emitted.
        deliver(generator, "shardId-0", Long.MIN_VALUE + 11);
        emitAt(generator, START_MS + IDLENESS_MS + 100);
        assertThat(output.outputs).isEmpty();

        deliver(generator, "shardId-0", Long.MIN_VALUE + 12);
        emitAt(generator, START_MS + IDLENESS_MS + 200);
        assertThat(output.outputs).containsExactly("watermark " + (Long.MIN_VALUE + 1));
    }

    @Test
    void saturatesWithMaxBound() {
        ShardWatermarks generator = new ShardWatermarks(Long.MAX_VALUE, IDLENESS_MS, clock);
        clock.nowMs = START_MS + IDLENESS_MS;
        deliver(generator, "shardId-0", -1);
        emitAt(generator, START_MS + IDLENESS_MS);
        assertThat(output.outputs).isEmpty();

        // 1 - Long.MAX_VALUE - 1 is -Long.MAX_VALUE, one above Long.MIN_VALUE.
        deliver(generator, "shardId-0", 1);
        emitAt(generator, START_MS + IDLENESS_MS + 100);
        assertThat(output.outputs).containsExactly("watermark " + (-Long.MAX_VALUE));
    }

    @Test
    void constructorRejectsNegativeBound() {
        assertThatThrownBy(() -> new ShardWatermarks(-1, IDLENESS_MS, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void constructorRejectsZeroIdleness() {
        assertThatThrownBy(() -> new ShardWatermarks(0, 0, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleness");
        assertThatThrownBy(() -> new ShardWatermarks(0, -5, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void constructorAcceptsLeastValues() {
        ShardWatermarks generator = new ShardWatermarks(0, 1, clock);
        clock.nowMs = START_MS + 1;
        deliver(generator, "shardId-0", 1_000);
        generator.onPeriodicEmit(output);
        assertThat(output.outputs).containsExactly("watermark 999");
    }
}
