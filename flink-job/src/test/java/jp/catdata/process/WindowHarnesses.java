package jp.catdata.process;

import java.util.Collections;
import jp.catdata.event.PositionEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Test harnesses of window operators built with the DataStream API, so that a test runs the same
 * key selector, window assigner and functions that the job wires, on Flink's own window operator.
 */
final class WindowHarnesses {

    private WindowHarnesses() {}

    /** Returns an empty stream of tracked fixes to build a window operator on. It never runs. */
    static DataStream<TrackedFix> trackedFixes() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                .fromData(Collections.emptyList(), TypeInformation.of(TrackedFix.class));
    }

    /** Opens a harness around the keyed window operator that produced {@code windowed}. */
    @SuppressWarnings("unchecked")
    static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> open(
            SingleOutputStreamOperator<OUT> windowed) throws Exception {
        OneInputTransformation<IN, OUT> transformation =
                (OneInputTransformation<IN, OUT>) windowed.getTransformation();
        KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        transformation.getOperatorFactory(),
                        (KeySelector<IN, K>) transformation.getStateKeySelector(),
                        (TypeInformation<K>) transformation.getStateKeyType());
        harness.open();
        return harness;
    }

    /** Returns a tracked fix with the given segment values, where null means no segment. */
    static TrackedFix tracked(
            PositionEvent event,
            Double distanceM,
            Double durationS,
            Double speedMps,
            double occupancyS) {
        TrackedFix fix = new TrackedFix(event);
        fix.segmentDistanceM = distanceM;
        fix.segmentDurationS = durationS;
        fix.speedMps = speedMps;
        fix.occupancyS = occupancyS;
        return fix;
    }

    /** Returns a tracked fix that starts a track: no segment and no occupancy. */
    static TrackedFix trackStart(PositionEvent event) {
        return tracked(event, null, null, null, 0);
    }
}
