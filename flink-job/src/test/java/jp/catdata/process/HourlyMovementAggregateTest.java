package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static jp.catdata.process.Events.TAITO;
import static jp.catdata.process.Events.base;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.minutes;
import static jp.catdata.process.Events.offset;
import static jp.catdata.process.WindowHarnesses.trackStart;
import static jp.catdata.process.WindowHarnesses.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import jp.catdata.event.PositionEvent;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;
import org.junit.jupiter.api.Test;

class HourlyMovementAggregateTest {

    /** Arakawa City, Tokyo: 13118 and check digit 1. */
    private static final String ARAKAWA = "131181";

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private static final PositionEvent H1 = fix("h1", "tama", T0 + minutes(5), base());
    private static final PositionEvent H2 =
            fix("h2", "tama", T0 + minutes(15), offset(base(), 120, 0));
    private static final PositionEvent H3 =
            fix("h3", "tama", T0 + minutes(25), offset(base(), 120, 900));
    private static final PositionEvent H4 =
            arakawa(fix("h4", "tama", T0 + minutes(55), offset(base(), 420, 900)));

    private static PositionEvent arakawa(PositionEvent event) {
        event.municipalityCode = ARAKAWA;
        return event;
    }

    /** Returns one hour of tama in arrival order: a track start, then 120, 900 and 300 m. */
    private static List<TrackedFix> hour() {
        return List.of(
                tracked(H4, 300.0, 1800.0, 300.0 / 1800, 1800),
                trackStart(H1),
                tracked(H3, 900.0, 600.0, 1.5, 600),
                tracked(H2, 120.0, 600.0, 0.2, 600));
    }

    private static HourlyMovementAggregate.Accumulator add(List<TrackedFix> fixes) {
        HourlyMovementAggregate aggregate = new HourlyMovementAggregate();
        HourlyMovementAggregate.Accumulator acc = aggregate.createAccumulator();
        for (TrackedFix fix : fixes) {
            acc = aggregate.add(fix, acc);
        }
        return aggregate.getResult(acc);
    }

    @Test
    void addSumsDistanceAndTakesMaxSpeed() {
        HourlyMovementAggregate.Accumulator acc = add(hour());
        assertThat(acc.catId).isEqualTo("tama");
        assertThat(acc.fixes).isEqualTo(4);
        assertThat(acc.distanceM).isEqualTo(1320.0);
        assertThat(acc.maxSpeedMps).isEqualTo(1.5);
        assertThat(acc.latSum).isCloseTo(H1.lat + H2.lat + H3.lat + H4.lat, within(1e-9));
        assertThat(acc.lonSum).isCloseTo(H1.lon + H2.lon + H3.lon + H4.lon, within(1e-9));
    }

    @Test
    void addTakesMunicipalityOfLatestFix() {
        // h4 arrives first but is the latest fix of the hour.
        HourlyMovementAggregate.Accumulator acc = add(hour());
        assertThat(acc.lastFixAtMs).isEqualTo(H4.observedAtMs);
        assertThat(acc.lastMunicipalityCode).isEqualTo(ARAKAWA);
    }

    @Test
    void maxSpeedNullWithoutSegments() {
        HourlyMovementAggregate.Accumulator acc = add(List.of(trackStart(H1), trackStart(H2)));
        assertThat(acc.fixes).isEqualTo(2);
        assertThat(acc.distanceM).isZero();
        assertThat(acc.maxSpeedMps).isNull();
    }

    @Test
    void mergeMatchesSingleAccumulator() {
        HourlyMovementAggregate aggregate = new HourlyMovementAggregate();
        List<TrackedFix> fixes = hour();
        for (boolean latestFirst : new boolean[] {true, false}) {
            // Fixes 0 and 1 are h4 and h1, fixes 2 and 3 are h3 and h2.
            HourlyMovementAggregate.Accumulator withLatest = add(fixes.subList(0, 2));
            HourlyMovementAggregate.Accumulator other = add(fixes.subList(2, 4));
            HourlyMovementAggregate.Accumulator merged =
                    latestFirst
                            ? aggregate.merge(withLatest, other)
                            : aggregate.merge(other, withLatest);

            assertThat(merged.catId).isEqualTo("tama");
            assertThat(merged.fixes).isEqualTo(4);
            assertThat(merged.distanceM).isEqualTo(1320.0);
            assertThat(merged.maxSpeedMps).isEqualTo(1.5);
            assertThat(merged.lastFixAtMs).isEqualTo(H4.observedAtMs);
            assertThat(merged.lastMunicipalityCode).isEqualTo(ARAKAWA);
            assertThat(merged.latSum).isCloseTo(H1.lat + H2.lat + H3.lat + H4.lat, within(1e-9));
        }
    }

    @Test
    void mergeKeepsSpeedOverNull() {
        HourlyMovementAggregate aggregate = new HourlyMovementAggregate();
        HourlyMovementAggregate.Accumulator withSpeed = add(List.of(hour().get(2)));
        HourlyMovementAggregate.Accumulator withoutSpeed = add(List.of(trackStart(H1)));
        assertThat(aggregate.merge(withoutSpeed, withSpeed).maxSpeedMps).isEqualTo(1.5);

        HourlyMovementAggregate.Accumulator again = add(List.of(hour().get(2)));
        assertThat(aggregate.merge(again, add(List.of(trackStart(H1)))).maxSpeedMps).isEqualTo(1.5);
    }

    @Test
    void mergeWithEmptyKeepsCat() {
        HourlyMovementAggregate aggregate = new HourlyMovementAggregate();
        HourlyMovementAggregate.Accumulator merged =
                aggregate.merge(add(hour()), aggregate.createAccumulator());
        assertThat(merged.catId).isEqualTo("tama");
        assertThat(merged.fixes).isEqualTo(4);
        assertThat(merged.lastMunicipalityCode).isEqualTo(ARAKAWA);

        HourlyMovementAggregate.Accumulator intoEmpty =
                aggregate.merge(aggregate.createAccumulator(), add(hour()));
        assertThat(intoEmpty.catId).isEqualTo("tama");
        assertThat(intoEmpty.fixes).isEqualTo(4);
        assertThat(intoEmpty.lastMunicipalityCode).isEqualTo(ARAKAWA);
    }

    @Test
    void windowEmitsRowPerCatAndHour() throws Exception {
        SingleOutputStreamOperator<CatMovementHourly> windowed =
                WindowHarnesses.trackedFixes()
                        .keyBy(fix -> fix.event.catId)
                        .window(TumblingEventTimeWindows.of(Time.milliseconds(HOUR_MS)))
                        .aggregate(
                                new HourlyMovementAggregate(), new HourlyMovementAggregate.ToRow());
        try (var harness = WindowHarnesses.<String, TrackedFix, CatMovementHourly>open(windowed)) {
            for (TrackedFix fix : hour()) {
                harness.processElement(fix, fix.event.observedAtMs);
            }
            PositionEvent nextHour = fix("h5", "tama", T0 + HOUR_MS, base());
            harness.processElement(trackStart(nextHour), nextHour.observedAtMs);
            harness.processWatermark(T0 + HOUR_MS - 1);

            List<CatMovementHourly> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(1);
            CatMovementHourly row = rows.get(0);
            assertThat(row.catId).isEqualTo("tama");
            assertThat(row.municipalityCode).isEqualTo(ARAKAWA);
            assertThat(row.windowStartMs).isEqualTo(T0);
            assertThat(row.windowEndMs).isEqualTo(T0 + HOUR_MS);
            assertThat(row.fixes).isEqualTo(4);
            assertThat(row.distanceM).isEqualTo(1320.0);
            assertThat(row.maxSpeedMps).isEqualTo(1.5);
            assertThat(row.centroidLat)
                    .isCloseTo((H1.lat + H2.lat + H3.lat + H4.lat) / 4, within(1e-12));
            assertThat(row.centroidLon)
                    .isCloseTo((H1.lon + H2.lon + H3.lon + H4.lon) / 4, within(1e-12));

            harness.processWatermark(T0 + 2 * HOUR_MS - 1);
            rows = harness.extractOutputValues();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).fixes).isEqualTo(1);
            assertThat(rows.get(1).municipalityCode).isEqualTo(TAITO);
            assertThat(rows.get(1).maxSpeedMps).isNull();
            assertThat(rows.get(1).distanceM).isZero();
        }
    }
}
