package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static jp.catdata.process.Events.base;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.minutes;
import static jp.catdata.process.Events.offset;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeduplicateFunctionTest {

    private static final long RETENTION_MS = Duration.ofHours(2).toMillis();
    private static final long REJECTED_AT_MS = T0 + Duration.ofDays(1).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, PositionEvent, PositionEvent>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new DeduplicateFunction(RETENTION_MS, WallClock.fixed(REJECTED_AT_MS)),
                event -> event.eventId,
                Types.STRING);
    }

    private static List<RejectedRecord> rejections(AbstractStreamOperatorTestHarness<?> harness) {
        List<RejectedRecord> result = new ArrayList<>();
        var records = harness.getSideOutput(Rejections.TAG);
        if (records != null) {
            for (StreamRecord<RejectedRecord> record : records) {
                result.add(record.getValue());
            }
        }
        return result;
    }

    @Test
    void secondCopyRejectedDuplicate() throws Exception {
        PositionEvent first = fix("e1", "tama", T0, base());
        PositionEvent copy = fix("e1", "tama", T0, base());
        try (var harness = harness()) {
            harness.processElement(first, first.observedAtMs);
            harness.processElement(copy, copy.observedAtMs);

            assertThat(harness.extractOutputValues()).containsExactly(first);
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).reason).isEqualTo("duplicate_event");
            assertThat(rejected.get(0).eventId).isEqualTo("e1");
            assertThat(rejected.get(0).catId).isEqualTo("tama");
            assertThat(rejected.get(0).detail).contains("'e1'");
            assertThat(rejected.get(0).rejectedAtMs).isEqualTo(REJECTED_AT_MS);
        }
    }

    @Test
    void eventBehindWatermarkRejectedLate() throws Exception {
        // The watermark of this stage can be ahead of the one the validate stage saw, when that
        // stage's source subtask was idle while others advanced.
        PositionEvent onTime = fix("e1", "tama", T0 + minutes(11), base());
        PositionEvent atWatermark = fix("e2", "tama", T0 + minutes(10), base());
        PositionEvent behind = fix("e3", "tama", T0 + minutes(5), base());
        try (var harness = harness()) {
            harness.processWatermark(T0 + minutes(10));
            harness.processElement(onTime, onTime.observedAtMs);
            harness.processElement(atWatermark, atWatermark.observedAtMs);
            harness.processElement(behind, behind.observedAtMs);

            assertThat(harness.extractOutputValues()).containsExactly(onTime);
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).extracting(r -> r.eventId).containsExactly("e2", "e3");
            assertThat(rejected).extracting(r -> r.reason).containsOnly("late_event");
            assertThat(rejected.get(1).detail).contains("watermark");
            // Late events leave no state that would need a timer to clear it.
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    @Test
    void copyWithOtherTimestampRejected() throws Exception {
        // Within the retention the id alone decides, whatever the copy's time stamp or position.
        PositionEvent first = fix("e1", "tama", T0, base());
        PositionEvent copy = fix("e1", "tama", T0 + minutes(30), offset(base(), 100, 0));
        try (var harness = harness()) {
            harness.processElement(first, first.observedAtMs);
            harness.processWatermark(T0 + minutes(10));
            harness.processElement(copy, copy.observedAtMs);

            assertThat(harness.extractOutputValues()).containsExactly(first);
            assertThat(rejections(harness)).extracting(r -> r.eventId).containsExactly("e1");
        }
    }

    @Test
    void distinctIdsAllPass() throws Exception {
        try (var harness = harness()) {
            for (int i = 0; i < 5; i++) {
                PositionEvent event = fix("e" + i, "tama", T0, base());
                harness.processElement(event, event.observedAtMs);
            }
            assertThat(harness.extractOutputValues()).hasSize(5);
            assertThat(rejections(harness)).isEmpty();
        }
    }

    @Test
    void stateClearedAfterRetention() throws Exception {
        PositionEvent first = fix("e1", "tama", T0, base());
        PositionEvent third = fix("e1", "tama", T0, base());
        try (var harness = harness()) {
            harness.processElement(first, first.observedAtMs);
            harness.processWatermark(T0 + RETENTION_MS - 1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.processWatermark(T0 + RETENTION_MS);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();

            // The state is gone, but the copy's time stamp is behind the watermark: late.
            harness.processElement(third, third.observedAtMs);
            assertThat(harness.extractOutputValues()).containsExactly(first);
            assertThat(rejections(harness)).extracting(r -> r.reason).containsExactly("late_event");
        }

        try (var validate =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ValidateFunction(WallClock.fixed(REJECTED_AT_MS)))) {
            validate.processWatermark(T0 + RETENTION_MS);
            validate.processElement(ParsedRecord.accepted(third), third.observedAtMs);
            assertThat(validate.extractOutputValues()).isEmpty();
            assertThat(rejections(validate))
                    .extracting(r -> r.reason)
                    .containsExactly("late_event");
        }
    }

    @Test
    void stateBoundedByRetention() throws Exception {
        // One event a minute for ten hours, with the watermark following each event: only the
        // ids of the last two hours (the retention) stay in state.
        long retentionMinutes = RETENTION_MS / 60_000;
        try (var harness = harness()) {
            for (int i = 0; i < 600; i++) {
                PositionEvent event = fix("e" + i, "tama", T0 + minutes(i), base());
                harness.processElement(event, event.observedAtMs);
                harness.processWatermark(event.observedAtMs);

                long expected = Math.min(i + 1, retentionMinutes);
                assertThat(harness.numKeyedStateEntries()).as("minute %d", i).isEqualTo(expected);
                assertThat(harness.numEventTimeTimers()).as("minute %d", i).isEqualTo(expected);
            }
            assertThat(harness.extractOutputValues()).hasSize(600);
        }
    }
}
