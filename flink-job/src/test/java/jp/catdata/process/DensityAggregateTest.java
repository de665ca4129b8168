package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static jp.catdata.process.Events.TAITO;
import static jp.catdata.process.Events.anonymousSighting;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.minutes;
import static jp.catdata.process.Events.offset;
import static jp.catdata.process.WindowHarnesses.trackStart;
import static jp.catdata.process.WindowHarnesses.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import jp.catdata.event.EventSource;
import jp.catdata.event.PositionEvent;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;
import org.junit.jupiter.api.Test;

class DensityAggregateTest {

    /** Arakawa City, Tokyo: 13118 and check digit 1 (6 + 15 + 4 + 3 + 16 = 44, 44 mod 11 = 0). */
    private static final String ARAKAWA = "131181";

    /** Tokyo Station, in geohash cell xn76urx. */
    private static final double[] TOKYO_STATION = {35.6812, 139.7671};

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private static PositionEvent sighting(String eventId, String catId, long observedAtMs) {
        PositionEvent event = fix(eventId, catId, observedAtMs, offset(TOKYO_STATION, 5, 5));
        event.source = EventSource.SIGHTING;
        return event;
    }

    private static PositionEvent cameraTrap(String eventId, long observedAtMs) {
        PositionEvent event = anonymousSighting(eventId, observedAtMs, TOKYO_STATION);
        event.source = EventSource.CAMERA_TRAP;
        return event;
    }

    /**
     * Events of one hour in one cell: three collar fixes of two cats, a sighting of a known cat, an
     * anonymous sighting and a camera-trap detection.
     */
    private static List<TrackedFix> hourInOneCell() {
        return List.of(
                trackStart(fix("f1", "tama", T0 + minutes(1), TOKYO_STATION)),
                tracked(
                        fix("f2", "tama", T0 + minutes(11), offset(TOKYO_STATION, 8, 0)),
                        8.0,
                        600.0,
                        8.0 / 600,
                        600),
                tracked(
                        fix("f3", "kuro", T0 + minutes(50), offset(TOKYO_STATION, 0, 8)),
                        12.0,
                        2400.0,
                        12.0 / 2400,
                        1800),
                trackStart(sighting("s1", "tama", T0 + minutes(25))),
                trackStart(anonymousSighting("s2", T0 + minutes(30), TOKYO_STATION)),
                trackStart(cameraTrap("c1", T0 + minutes(40))));
    }

    @Test
    void addSplitsFixesAndSightings() {
        DensityAggregate aggregate = new DensityAggregate();
        DensityAggregate.Accumulator acc = aggregate.createAccumulator();
        for (TrackedFix fix : hourInOneCell()) {
            acc = aggregate.add(fix, acc);
        }
        DensityAggregate.Accumulator result = aggregate.getResult(acc);

        assertThat(result.fixes).isEqualTo(3);
        // One sighting of a known cat, one anonymous sighting, one camera-trap detection.
        assertThat(result.sightings).isEqualTo(3);
        assertThat(result.catIds).containsExactlyInAnyOrder("tama", "kuro");
        assertThat(result.occupancyS).isEqualTo(2400.0);
    }

    @Test
    void mergeAddsCountsAndUnitesCats() {
        DensityAggregate aggregate = new DensityAggregate();
        List<TrackedFix> fixes = hourInOneCell();
        DensityAggregate.Accumulator first = aggregate.createAccumulator();
        DensityAggregate.Accumulator second = aggregate.createAccumulator();
        // f1, f2 and s1 (all tama) go into the first, f3 (kuro), s2 and c1 into the second.
        for (int i : new int[] {0, 1, 3}) {
            first = aggregate.add(fixes.get(i), first);
        }
        for (int i : new int[] {2, 4, 5}) {
            second = aggregate.add(fixes.get(i), second);
        }
        assertThat(first.catIds).containsExactly("tama");

        DensityAggregate.Accumulator merged = aggregate.merge(first, second);
        assertThat(merged.fixes).isEqualTo(3);
        assertThat(merged.sightings).isEqualTo(3);
        assertThat(merged.catIds).containsExactlyInAnyOrder("tama", "kuro");
        assertThat(merged.occupancyS).isEqualTo(2400.0);
    }

    @Test
    void mergeWithEmptyKeepsTotals() {
        DensityAggregate aggregate = new DensityAggregate();
        DensityAggregate.Accumulator acc =
                aggregate.add(hourInOneCell().get(1), aggregate.createAccumulator());
        DensityAggregate.Accumulator merged = aggregate.merge(acc, aggregate.createAccumulator());
        assertThat(merged.fixes).isEqualTo(1);
        assertThat(merged.sightings).isZero();
        assertThat(merged.catIds).containsExactly("tama");
        assertThat(merged.occupancyS).isEqualTo(600.0);
    }

    @Test
    void cellKeyJoinsCodeAndGeohash() {
        TrackedFix fix = trackStart(fix("f1", "tama", T0, TOKYO_STATION));
        assertThat(DensityAggregate.cellKey(fix, 7)).isEqualTo(TAITO + "|xn76urx");
        assertThat(DensityAggregate.cellKey(fix, 5)).isEqualTo(TAITO + "|xn76u");
    }

    @Test
    void windowEmitsRowPerCell() throws Exception {
        SingleOutputStreamOperator<CellDensity> windowed =
                WindowHarnesses.trackedFixes()
                        .keyBy(fix -> DensityAggregate.cellKey(fix, 7))
                        .window(TumblingEventTimeWindows.of(Time.milliseconds(HOUR_MS)))
                        .aggregate(new DensityAggregate(), new DensityAggregate.ToRow());
        try (var harness = WindowHarnesses.<String, TrackedFix, CellDensity>open(windowed)) {
            for (TrackedFix fix : hourInOneCell()) {
                harness.processElement(fix, fix.event.observedAtMs);
            }
            // Same cell, another municipality: a row of its own.
            PositionEvent arakawa = fix("f4", "mike", T0 + minutes(5), TOKYO_STATION);
            arakawa.municipalityCode = ARAKAWA;
            harness.processElement(trackStart(arakawa), arakawa.observedAtMs);
            // The next hour: not in the window that closes below.
            PositionEvent later = fix("f5", "tama", T0 + HOUR_MS, TOKYO_STATION);
            harness.processElement(trackStart(later), later.observedAtMs);

            harness.processWatermark(T0 + HOUR_MS - 1);
            List<CellDensity> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(2);
            CellDensity taito =
                    rows.get(0).municipalityCode.equals(TAITO) ? rows.get(0) : rows.get(1);
            CellDensity other = taito == rows.get(0) ? rows.get(1) : rows.get(0);

            assertThat(taito.municipalityCode).isEqualTo(TAITO);
            assertThat(taito.cellId).isEqualTo("xn76urx");
            assertThat(taito.geohashPrecision).isEqualTo(7);
            assertThat(taito.windowStartMs).isEqualTo(T0);
            assertThat(taito.windowEndMs).isEqualTo(T0 + HOUR_MS);
            assertThat(taito.fixes).isEqualTo(3);
            assertThat(taito.sightings).isEqualTo(3);
            assertThat(taito.distinctCats).isEqualTo(2);
            // 0 + 600 + 1800 seconds of occupancy.
            assertThat(taito.occupancyCatMinutes).isEqualTo(40.0);

            // At precision 7 a cell spans 180/2^17 degrees of latitude and 360/2^18 of
            // longitude, both 0.001373291015625. The cell's centre is the middle of the span
            // that contains the point.
            double span = 0.001373291015625;
            double centreLat = Math.floor((35.6812 + 90) / span) * span - 90 + span / 2;
            double centreLon = Math.floor((139.7671 + 180) / span) * span - 180 + span / 2;
            assertThat(taito.cellCentreLat).isCloseTo(centreLat, within(1e-12));
            assertThat(taito.cellCentreLon).isCloseTo(centreLon, within(1e-12));
            // Centre 35.681534, 139.767380. 1.5 × 35.681534 = 53.52230: first-level row 53,
            // then .52230 × 8 = 4.1784 (row 4) and .1784 × 10 = 1.784 (row 1, north part .784).
            // Longitude 139 gives column 39, .767380 × 8 = 6.1390 (column 6) and .1390 × 10 =
            // 1.390 (column 1, east part .390). Half mesh: north-west (3); within it
            // (.784 - .5) × 2 = .568 north and .390 × 2 = .781 east (4).
            assertThat(taito.meshCode1km).isEqualTo("53394611");
            assertThat(taito.meshCode250m).isEqualTo("5339461134");

            assertThat(other.municipalityCode).isEqualTo(ARAKAWA);
            assertThat(other.cellId).isEqualTo("xn76urx");
            assertThat(other.fixes).isEqualTo(1);
            assertThat(other.distinctCats).isEqualTo(1);

            harness.processWatermark(T0 + 2 * HOUR_MS - 1);
            List<CellDensity> all = harness.extractOutputValues();
            assertThat(all).hasSize(3);
            assertThat(all.get(2).windowStartMs).isEqualTo(T0 + HOUR_MS);
            assertThat(all.get(2).fixes).isEqualTo(1);
        }
    }

    @Test
    void cellOutsideJapanHasNoMeshCode() throws Exception {
        // Geohash "gcpvj0" is a cell in London, and JIS X 0410 meshes cover Japan only.
        SingleOutputStreamOperator<CellDensity> windowed =
                WindowHarnesses.trackedFixes()
                        .keyBy(fix -> DensityAggregate.cellKey(fix, 6))
                        .window(TumblingEventTimeWindows.of(Time.milliseconds(HOUR_MS)))
                        .aggregate(new DensityAggregate(), new DensityAggregate.ToRow());
        try (var harness = WindowHarnesses.<String, TrackedFix, CellDensity>open(windowed)) {
            PositionEvent london = fix("f1", "tom", T0, new double[] {51.5074, -0.1278});
            harness.processElement(trackStart(london), T0);
            harness.processWatermark(T0 + HOUR_MS - 1);

            List<CellDensity> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).cellId).isEqualTo("gcpvj0");
            assertThat(rows.get(0).geohashPrecision).isEqualTo(6);
            assertThat(rows.get(0).meshCode1km).isNull();
            assertThat(rows.get(0).meshCode250m).isNull();
        }
    }
}
