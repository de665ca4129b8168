package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static jp.catdata.process.Events.anonymousSighting;
import static jp.catdata.process.Events.base;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ValidateFunctionTest {

    private static final long REJECTED_AT_MS = T0 + seconds(3600);

    /** A watermark at a whole second, so its RFC 3339 form has no fraction. */
    private static final long WATERMARK = T0 + seconds(5);

    private static OneInputStreamOperatorTestHarness<ParsedRecord, PositionEvent> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new ValidateFunction(WallClock.fixed(REJECTED_AT_MS)));
    }

    private static void process(
            OneInputStreamOperatorTestHarness<ParsedRecord, PositionEvent> harness,
            ParsedRecord record)
            throws Exception {
        if (record.isAccepted()) {
            harness.processElement(record, record.event.observedAtMs);
        } else {
            // A source gives a rejection no time stamp.
            harness.processElement(new StreamRecord<>(record));
        }
    }

    private static List<RejectedRecord> rejections(
            OneInputStreamOperatorTestHarness<ParsedRecord, PositionEvent> harness) {
        List<RejectedRecord> result = new ArrayList<>();
        var records = harness.getSideOutput(Rejections.TAG);
        if (records != null) {
            for (StreamRecord<RejectedRecord> record : records) {
                result.add(record.getValue());
            }
        }
        return result;
    }

    private static ParsedRecord parserRejection() {
        return ParsedRecord.rejected(
                RejectedRecord.of(
                        RejectReason.INVALID_JSON,
                        "line 3 is not JSON",
                        "{\"event_id\": ",
                        "events.jsonl:3",
                        T0));
    }

    @Test
    void eventAfterWatermarkPasses() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(WATERMARK);
            PositionEvent event = fix("e1", "tama", WATERMARK + 1, base());
            process(harness, ParsedRecord.accepted(event));

            assertThat(harness.extractOutputValues()).containsExactly(event);
            assertThat(rejections(harness)).isEmpty();
        }
    }

    @Test
    void eventBeforeAnyWatermarkPasses() throws Exception {
        try (var harness = harness()) {
            PositionEvent event = fix("e1", "tama", T0, base());
            process(harness, ParsedRecord.accepted(event));

            assertThat(harness.extractOutputValues()).containsExactly(event);
        }
    }

    @Test
    void eventAtWatermarkRejectedLate() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(WATERMARK);
            PositionEvent event = fix("e1", "tama", WATERMARK, base());
            process(harness, ParsedRecord.accepted(event));

            assertThat(harness.extractOutputValues()).isEmpty();
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            RejectedRecord late = rejected.get(0);
            assertThat(late.reason).isEqualTo("late_event");
            assertThat(late.eventId).isEqualTo("e1");
            assertThat(late.catId).isEqualTo("tama");
            assertThat(late.municipalityCode).isEqualTo(Events.TAITO);
            assertThat(late.observedAtMs).isEqualTo(WATERMARK);
            assertThat(late.origin).isEqualTo("test:e1");
            assertThat(late.rejectedAtMs).isEqualTo(REJECTED_AT_MS);
            assertThat(late.detail).contains("watermark 2026-06-01T00:00:05Z");
            assertThat(late.raw).contains("\"event_id\":\"e1\"");
        }
    }

    @Test
    void eventBeforeWatermarkRejectedLate() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(WATERMARK);
            PositionEvent event = anonymousSighting("s1", T0, base());
            process(harness, ParsedRecord.accepted(event));

            assertThat(harness.extractOutputValues()).isEmpty();
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).reason).isEqualTo("late_event");
            assertThat(rejected.get(0).eventId).isEqualTo("s1");
            assertThat(rejected.get(0).catId).isNull();
            assertThat(rejected.get(0).detail).contains("observed_at 2026-06-01T00:00:00Z");
            assertThat(rejected.get(0).detail).contains("watermark 2026-06-01T00:00:05Z");
        }
    }

    @Test
    void parserRejectionForwardedUnchanged() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(WATERMARK);
            ParsedRecord record = parserRejection();
            process(harness, record);

            assertThat(harness.extractOutputValues()).isEmpty();
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).reason).isEqualTo("invalid_json");
            assertThat(rejected.get(0).detail).isEqualTo("line 3 is not JSON");
            assertThat(rejected.get(0).raw).isEqualTo("{\"event_id\": ");
            assertThat(rejected.get(0).origin).isEqualTo("events.jsonl:3");
            assertThat(rejected.get(0).rejectedAtMs).isEqualTo(T0);
        }
    }

    @Test
    void recordsReadCountsEveryRecord() throws Exception {
        try (var harness = harness()) {
            harness.processWatermark(WATERMARK);
            process(harness, ParsedRecord.accepted(fix("e1", "tama", WATERMARK + 1, base())));
            process(harness, ParsedRecord.accepted(fix("e2", "tama", WATERMARK, base())));
            process(harness, parserRejection());
            process(harness, ParsedRecord.accepted(anonymousSighting("s1", T0, base())));

            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(rejections(harness)).hasSize(3);
            Accumulator<?, ?> recordsRead =
                    harness.getEnvironment()
                            .getAccumulatorRegistry()
                            .getUserMap()
                            .get(ValidateFunction.RECORDS_READ);
            assertThat(recordsRead).isNotNull();
            assertThat(recordsRead.getLocalValue()).isEqualTo(4L);
        }
    }
}
