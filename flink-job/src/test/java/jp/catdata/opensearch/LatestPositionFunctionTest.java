package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jp.catdata.event.EventSource;
import jp.catdata.event.PositionEvent;
import jp.catdata.process.TrackedFix;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LatestPositionFunctionTest {

    private static TrackedFix fix(
            String eventId, String catId, long timeMs, double lat, double lon) {
        PositionEvent event = new PositionEvent();
        event.eventId = eventId;
        event.catId = catId;
        event.municipalityCode = "131067";
        event.observedAtMs = timeMs;
        event.lat = lat;
        event.lon = lon;
        event.source = EventSource.GPS_COLLAR;
        TrackedFix fix = new TrackedFix(event);
        fix.speedMps = 0.5;
        return fix;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TrackedFix, LatestPosition>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new LatestPositionFunction()),
                fix -> fix.event.catId,
                Types.STRING);
    }

    @Test
    void latestCopiesFix() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(fix("e1", "tama", 1_000, 35.71, 139.78), 1_000);
            LatestPosition latest = harness.extractOutputValues().get(0);
            assertThat(latest.catId).isEqualTo("tama");
            assertThat(latest.eventId).isEqualTo("e1");
            assertThat(latest.municipalityCode).isEqualTo("131067");
            assertThat(latest.observedAtMs).isEqualTo(1_000);
            assertThat(latest.lat).isEqualTo(35.71);
            assertThat(latest.lon).isEqualTo(139.78);
            assertThat(latest.speedMps).isEqualTo(0.5);
        }
    }

    @Test
    void centroidIsRunningMeanPerCat() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(fix("e1", "tama", 1_000, 35.70, 139.70), 1_000);
            harness.processElement(fix("e2", "mike", 1_500, 10.00, 10.00), 1_500);
            harness.processElement(fix("e3", "tama", 2_000, 35.72, 139.76), 2_000);
            harness.processElement(fix("e4", "tama", 3_000, 35.74, 139.79), 3_000);
            List<LatestPosition> out = harness.extractOutputValues();
            LatestPosition last = out.get(3);
            assertThat(last.homeRangeFixes).isEqualTo(3);
            assertThat(last.homeRangeCentroidLat).isCloseTo(35.72, within(1e-12));
            assertThat(last.homeRangeCentroidLon).isCloseTo(139.75, within(1e-12));
            assertThat(out.get(1).homeRangeFixes).isEqualTo(1);
            assertThat(out.get(1).homeRangeCentroidLat).isEqualTo(10.0);
        }
    }

    @Test
    void centroidSurvivesSnapshot() throws Exception {
        var snapshot =
                withHarness(
                        h -> {
                            h.processElement(fix("e1", "tama", 1_000, 35.70, 139.70), 1_000);
                            return h.snapshot(1, 1_500);
                        });
        try (var harness = harness()) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processElement(fix("e2", "tama", 2_000, 35.72, 139.72), 2_000);
            LatestPosition latest = harness.extractOutputValues().get(0);
            assertThat(latest.homeRangeFixes).isEqualTo(2);
            assertThat(latest.homeRangeCentroidLat).isCloseTo(35.71, within(1e-12));
        }
    }

    private interface HarnessStep<R> {
        R apply(KeyedOneInputStreamOperatorTestHarness<String, TrackedFix, LatestPosition> h)
                throws Exception;
    }

    private static <R> R withHarness(HarnessStep<R> step) throws Exception {
        try (var harness = harness()) {
            harness.open();
            return step.apply(harness);
        }
    }
}
