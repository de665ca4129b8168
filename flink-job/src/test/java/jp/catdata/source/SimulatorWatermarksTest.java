package jp.catdata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.junit.jupiter.api.Test;

class SimulatorWatermarksTest {

    /** Collects the watermarks a generator emits. */
    private static final class CollectingOutput implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    private static ParsedRecord event(long observedAtMs) {
        PositionEvent event = new PositionEvent();
        event.eventId = "e" + observedAtMs;
        event.observedAtMs = observedAtMs;
        return ParsedRecord.accepted(event);
    }

    private static ParsedRecord rejection() {
        return ParsedRecord.rejected(
                RejectedRecord.of(RejectReason.INVALID_JSON, "not JSON", "{", "test:1", 0));
    }

    @Test
    void emitsOnGrowthOnly() {
        SimulatorWatermarks generator = new SimulatorWatermarks(100);
        CollectingOutput output = new CollectingOutput();
        for (long ts : new long[] {1_000, 900, 1_000, 1_500, 1_499, 2_000}) {
            generator.onEvent(event(ts), ts, output);
        }
        // 1,000 - 100 - 1, then 1,500 - 100 - 1, then 2,000 - 100 - 1.
        assertThat(output.watermarks).containsExactly(899L, 1_399L, 1_899L);
    }

    @Test
    void periodicEmitsNothing() {
        SimulatorWatermarks generator = new SimulatorWatermarks(100);
        CollectingOutput output = new CollectingOutput();
        generator.onPeriodicEmit(output);
        generator.onEvent(event(5_000), 5_000, output);
        generator.onPeriodicEmit(output);
        generator.onPeriodicEmit(output);
        assertThat(output.watermarks).containsExactly(4_899L);
    }

    @Test
    void rejectionsNeverEmit() {
        SimulatorWatermarks generator = new SimulatorWatermarks(0);
        CollectingOutput output = new CollectingOutput();
        ParsedRecord rejected = rejection();
        generator.onEvent(rejected, rejected.eventTimeMs(), output);
        assertThat(output.watermarks).isEmpty();
    }

    @Test
    void zeroBound() {
        SimulatorWatermarks generator = new SimulatorWatermarks(0);
        CollectingOutput output = new CollectingOutput();
        generator.onEvent(event(10), 10, output);
        assertThat(output.watermarks).containsExactly(9L);
    }

    @Test
    void negativeBoundRejected() {
        assertThatThrownBy(() -> new SimulatorWatermarks(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> SimulatorWatermarks.strategy(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strategyUsesEventTime() {
        WatermarkStrategy<ParsedRecord> strategy =
                SimulatorWatermarks.strategy(Duration.ofMinutes(15));
        TimestampAssigner<ParsedRecord> assigner = strategy.createTimestampAssigner(null);
        assertThat(assigner.extractTimestamp(event(123_456), 0)).isEqualTo(123_456);
        assertThat(assigner.extractTimestamp(rejection(), 0)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void strategyGeneratorBound() {
        WatermarkStrategy<ParsedRecord> strategy =
                SimulatorWatermarks.strategy(Duration.ofMinutes(15));
        WatermarkGenerator<ParsedRecord> generator = strategy.createWatermarkGenerator(null);
        CollectingOutput output = new CollectingOutput();
        generator.onEvent(event(3_600_000), 3_600_000, output);
        assertThat(output.watermarks).containsExactly(3_600_000L - 900_000L - 1);
    }

    @Test
    void simulatorWatermarksRepeat() {
        SimulatorSettings settings = SimulatorSettings.builder().records(4_000).build();
        PositionEventParser parser =
                new PositionEventParser(null, 0, WallClock.fixed(Long.MAX_VALUE / 2));
        List<Long> first = watermarksOf(new CatSimulator(settings, parser), 4_000);
        List<Long> second = watermarksOf(new CatSimulator(settings, parser), 4_000);
        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    private static List<Long> watermarksOf(CatSimulator simulator, long records) {
        WatermarkStrategy<ParsedRecord> strategy =
                SimulatorWatermarks.strategy(Duration.ofMinutes(15));
        TimestampAssigner<ParsedRecord> assigner = strategy.createTimestampAssigner(null);
        WatermarkGenerator<ParsedRecord> generator = strategy.createWatermarkGenerator(null);
        CollectingOutput output = new CollectingOutput();
        for (long i = 0; i < records; i++) {
            ParsedRecord record = simulator.map(i);
            generator.onEvent(record, assigner.extractTimestamp(record, 0), output);
            generator.onPeriodicEmit(output);
        }
        return output.watermarks;
    }
}
