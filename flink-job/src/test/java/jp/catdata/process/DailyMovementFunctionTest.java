package jp.catdata.process;

import static jp.catdata.process.Events.base;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.offset;
import static jp.catdata.process.WindowHarnesses.trackStart;
import static jp.catdata.process.WindowHarnesses.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import jp.catdata.event.PositionEvent;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DailyMovementFunctionTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** Arakawa City, Tokyo: 13118 and check digit 1. */
    private static final String ARAKAWA = "131181";

    private static final double SIDE_M = 200.0;

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TrackedFix, CatMovementDaily>
            harness() throws Exception {
        SingleOutputStreamOperator<CatMovementDaily> windowed =
                WindowHarnesses.trackedFixes()
                        .keyBy(fix -> fix.event.catId)
                        .window(LocalDayWindows.of(TOKYO))
                        .process(new DailyMovementFunction(TOKYO));
        return WindowHarnesses.open(windowed);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, TrackedFix, CatMovementDaily> harness,
            TrackedFix... fixes)
            throws Exception {
        for (TrackedFix fix : fixes) {
            harness.processElement(fix, fix.event.observedAtMs);
        }
    }

    @Test
    void squareGivesAreaAndGyration() throws Exception {
        // A 200 m square around Ueno Park, walked once round on 2026-06-01 (Japan time), from
        // 00:30 to 23:59:59.999 local. Its corners are 100 m north or south and 100 m east or
        // west of the centre.
        double[] centre = base();
        double half = SIDE_M / 2;
        PositionEvent sw =
                fix("d1", "tama", ms("2026-05-31T15:30:00Z"), offset(centre, -half, -half));
        PositionEvent se =
                fix("d2", "tama", ms("2026-05-31T21:00:00Z"), offset(centre, -half, half));
        PositionEvent ne =
                fix("d3", "tama", ms("2026-06-01T03:00:00Z"), offset(centre, half, half));
        PositionEvent nw =
                fix("d4", "tama", ms("2026-06-01T14:59:59.999Z"), offset(centre, half, -half));
        nw.municipalityCode = ARAKAWA;

        try (var harness = harness()) {
            // Arrival order differs from time order.
            process(
                    harness,
                    tracked(ne, SIDE_M, 21_600.0, SIDE_M / 21_600, 1800),
                    trackStart(sw),
                    tracked(nw, SIDE_M, 43_200.0, SIDE_M / 43_200, 1800),
                    tracked(se, SIDE_M, 19_800.0, SIDE_M / 19_800, 1800));
            harness.processWatermark(ms("2026-06-01T15:00:00Z") - 1);

            List<CatMovementDaily> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(1);
            CatMovementDaily row = rows.get(0);
            assertThat(row.catId).isEqualTo("tama");
            assertThat(row.municipalityCode).isEqualTo(ARAKAWA);
            assertThat(row.localDateEpochDay).isEqualTo(LocalDate.of(2026, 6, 1).toEpochDay());
            assertThat(row.windowStartMs).isEqualTo(ms("2026-05-31T15:00:00Z"));
            assertThat(row.windowEndMs).isEqualTo(ms("2026-06-01T15:00:00Z"));
            assertThat(row.fixes).isEqualTo(4);
            assertThat(row.firstFixAtMs).isEqualTo(sw.observedAtMs);
            assertThat(row.lastFixAtMs).isEqualTo(nw.observedAtMs);
            assertThat(row.distanceM).isEqualTo(3 * SIDE_M);
            assertThat(row.centroidLat).isCloseTo(centre[0], within(1e-12));
            assertThat(row.centroidLon).isCloseTo(centre[1], within(1e-12));
            // Area of a 200 m square. The corners were placed with the same local scale that the
            // MCP projection uses, so only rounding separates the two.
            assertThat(row.mcpAreaM2).isCloseTo(SIDE_M * SIDE_M, within(1e-3));
            // Every corner is half a diagonal, 100·√2 m, from the centre. On the sphere the two
            // northern corners are 0.4 mm nearer and the southern ones 0.4 mm farther. In the
            // root mean square the two cancel to about 1e-8 m.
            assertThat(row.radiusOfGyrationM).isCloseTo(half * Math.sqrt(2), within(1e-6));
        }
    }

    @Test
    void localMidnightSplitsDays() throws Exception {
        long midnight = ms("2026-05-31T15:00:00Z");
        try (var harness = harness()) {
            process(
                    harness,
                    trackStart(fix("m1", "tama", midnight - 1, base())),
                    tracked(fix("m2", "tama", midnight, base()), 0.0, 0.001, 0.0, 0.001),
                    tracked(
                            fix("m3", "tama", midnight + 60_000, offset(base(), 10, 0)),
                            10.0,
                            60.0,
                            10.0 / 60,
                            60));
            harness.processWatermark(midnight + 86_400_000L - 1);

            List<CatMovementDaily> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(2);
            CatMovementDaily may31 = rows.get(0);
            CatMovementDaily june1 = rows.get(1);
            assertThat(may31.localDateEpochDay).isEqualTo(LocalDate.of(2026, 5, 31).toEpochDay());
            assertThat(may31.windowEndMs).isEqualTo(midnight);
            assertThat(may31.fixes).isEqualTo(1);
            assertThat(may31.distanceM).isZero();
            assertThat(may31.mcpAreaM2).isZero();
            assertThat(may31.radiusOfGyrationM).isZero();
            assertThat(june1.localDateEpochDay).isEqualTo(LocalDate.of(2026, 6, 1).toEpochDay());
            assertThat(june1.windowStartMs).isEqualTo(midnight);
            assertThat(june1.fixes).isEqualTo(2);
            assertThat(june1.firstFixAtMs).isEqualTo(midnight);
            assertThat(june1.lastFixAtMs).isEqualTo(midnight + 60_000);
            // A segment counts on the day of its later fix: m1 to m2 (0 m) belongs to June 1.
            assertThat(june1.distanceM).isEqualTo(10.0);
        }
    }

    @Test
    void londonDayOf25Hours() throws Exception {
        ZoneId london = ZoneId.of("Europe/London");
        SingleOutputStreamOperator<CatMovementDaily> windowed =
                WindowHarnesses.trackedFixes()
                        .keyBy(fix -> fix.event.catId)
                        .window(LocalDayWindows.of(london))
                        .process(new DailyMovementFunction(london));
        try (var harness = WindowHarnesses.<String, TrackedFix, CatMovementDaily>open(windowed)) {
            // 23:30 UTC on 2017-10-28 is 00:30 BST on the 29th, and 23:30 UTC on the 29th is 23:30
            // GMT, still the 29th.
            PositionEvent early = fix("l1", "tom", ms("2017-10-28T23:30:00Z"), base());
            PositionEvent late = fix("l2", "tom", ms("2017-10-29T23:30:00Z"), base());
            harness.processElement(trackStart(early), early.observedAtMs);
            harness.processElement(trackStart(late), late.observedAtMs);
            harness.processWatermark(ms("2017-10-30T00:00:00Z") - 1);

            List<CatMovementDaily> rows = harness.extractOutputValues();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).localDateEpochDay)
                    .isEqualTo(LocalDate.of(2017, 10, 29).toEpochDay());
            assertThat(rows.get(0).fixes).isEqualTo(2);
            assertThat(rows.get(0).windowEndMs - rows.get(0).windowStartMs)
                    .isEqualTo(25 * 3_600_000L);
        }
    }
}
