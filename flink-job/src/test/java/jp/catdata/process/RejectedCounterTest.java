package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RejectedCounterTest {

    private static RejectedRecord rejected(RejectReason reason, String origin) {
        return RejectedRecord.of(reason, "test rejection", "{}", origin, T0);
    }

    @Test
    void countsPerReason() throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<RejectedRecord, RejectedRecord>(
                        new StreamMap<>(new RejectedCounter()))) {
            harness.open();
            harness.processElement(new StreamRecord<>(rejected(RejectReason.LATE_EVENT, "a:1")));
            harness.processElement(new StreamRecord<>(rejected(RejectReason.LATE_EVENT, "a:2")));
            harness.processElement(
                    new StreamRecord<>(rejected(RejectReason.DUPLICATE_EVENT, "a:3")));

            assertThat(harness.extractOutputValues())
                    .extracting(r -> r.origin)
                    .containsExactly("a:1", "a:2", "a:3");

            Map<String, Accumulator<?, ?>> accumulators =
                    harness.getEnvironment().getAccumulatorRegistry().getUserMap();
            assertThat(accumulators.get("rejected.late_event").getLocalValue()).isEqualTo(2L);
            assertThat(accumulators.get("rejected.duplicate_event").getLocalValue()).isEqualTo(1L);
            assertThat(accumulators).doesNotContainKey("rejected.implausible_speed");
        }
    }
}
