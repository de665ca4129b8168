package jp.catdata.process;

import static jp.catdata.process.Events.T0;
import static jp.catdata.process.Events.TAITO;
import static jp.catdata.process.Events.anonymousSighting;
import static jp.catdata.process.Events.base;
import static jp.catdata.process.Events.fix;
import static jp.catdata.process.Events.greatCircleM;
import static jp.catdata.process.Events.minutes;
import static jp.catdata.process.Events.offset;
import static jp.catdata.process.Events.position;
import static jp.catdata.process.Events.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TrackFunctionTest {

    private static final double MAX_SPEED_MPS = 20.0;
    private static final long IDLE_TIMEOUT_MS = Duration.ofHours(1).toMillis();
    private static final long OCCUPANCY_CAP_MS = Duration.ofMinutes(30).toMillis();
    private static final long REJECTED_AT_MS = T0 + Duration.ofDays(1).toMillis();

    /** Tolerance against the test's own haversine, which agrees to far below a millimetre. */
    private static final double DISTANCE_TOLERANCE_M = 1e-6;

    /** One emitted fix, reduced to the values the order must not change. */
    record Emitted(
            String eventId,
            Double segmentDistanceM,
            Double segmentDurationS,
            Double speedMps,
            double occupancyS) {}

    /** One rejected fix. */
    record Rejected(String eventId, String reason, String detail) {}

    /** Everything one run emitted, in emission order. */
    record Outcome(List<Emitted> emitted, List<Rejected> rejected) {}

    private static KeyedOneInputStreamOperatorTestHarness<String, PositionEvent, TrackedFix>
            harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TrackFunction(
                        MAX_SPEED_MPS,
                        IDLE_TIMEOUT_MS,
                        OCCUPANCY_CAP_MS,
                        WallClock.fixed(REJECTED_AT_MS)),
                TrackFunction::trackKey,
                Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PositionEvent, TrackedFix>
            unopenedHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new TrackFunction(
                                MAX_SPEED_MPS,
                                IDLE_TIMEOUT_MS,
                                OCCUPANCY_CAP_MS,
                                WallClock.fixed(REJECTED_AT_MS))),
                TrackFunction::trackKey,
                Types.STRING);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, PositionEvent, TrackedFix> harness,
            PositionEvent... events)
            throws Exception {
        for (PositionEvent event : events) {
            harness.processElement(event, event.observedAtMs);
        }
    }

    private static List<RejectedRecord> rejections(
            KeyedOneInputStreamOperatorTestHarness<String, PositionEvent, TrackedFix> harness) {
        List<RejectedRecord> result = new ArrayList<>();
        var records = harness.getSideOutput(Rejections.TAG);
        if (records != null) {
            for (StreamRecord<RejectedRecord> record : records) {
                result.add(record.getValue());
            }
        }
        return result;
    }

    private static List<String> arrivalIds(List<PositionEvent> events) {
        List<String> ids = new ArrayList<>();
        for (PositionEvent event : events) {
            ids.add(event.eventId);
        }
        return ids;
    }

    private static List<String> eventIds(List<TrackedFix> fixes) {
        List<String> ids = new ArrayList<>();
        for (TrackedFix fix : fixes) {
            ids.add(fix.event.eventId);
        }
        return ids;
    }

    // Order independence.

    /**
     * Fixes of two cats, chosen so that the track exercises every rule: a speed outlier, two fixes
     * with one time stamp, a gap equal to the idle timeout and a gap longer than it. The cats' time
     * stamps never coincide (tama at whole minutes, kuro at half minutes), so timers fire in one
     * defined order across the two keys as well.
     */
    private static List<PositionEvent> twoCats() {
        double[] p0 = base();
        double[] tama02 = offset(p0, 120, 0);
        double[] tama04 = offset(tama02, 0, 80);
        double[] tama05 = offset(tama04, 30, 0);
        double[] tama08 = offset(p0, -300, 400);
        double[] kuro01 = offset(p0, -500, 0);
        double[] kuro02 = offset(kuro01, 0, -60);
        return List.of(
                fix("tama-01", "tama", T0, p0),
                fix("tama-02", "tama", T0 + minutes(5), tama02),
                // 10 km in one minute: rejected, and tama-04 is measured from tama-02.
                fix("tama-03", "tama", T0 + minutes(6), offset(p0, 0, 10_000)),
                fix("tama-04", "tama", T0 + minutes(12), tama04),
                // Two fixes at one time stamp and one position: tama-05 first, by event id.
                fix("tama-05", "tama", T0 + minutes(15), tama05),
                fix("tama-06", "tama", T0 + minutes(15), tama05),
                // Exactly the idle timeout after tama-06: still a segment.
                fix("tama-07", "tama", T0 + minutes(75), offset(tama05, 0, 200)),
                // One minute more than the idle timeout after tama-07: a new track.
                fix("tama-08", "tama", T0 + minutes(136), tama08),
                fix("tama-09", "tama", T0 + minutes(140), offset(tama08, 50, 0)),
                fix("kuro-01", "kuro", T0 + minutes(0.5), kuro01),
                fix("kuro-02", "kuro", T0 + minutes(3.5), kuro02),
                // Same time stamp as kuro-02 but 20 m away: an infinite speed.
                fix("kuro-03", "kuro", T0 + minutes(3.5), offset(kuro02, 20, 0)),
                fix("kuro-04", "kuro", T0 + minutes(20.5), offset(kuro02, 150, 0)));
    }

    /** Watermark after the last fix and the idle timeout, so that every timer has fired. */
    private static long finalWatermark(List<PositionEvent> events) {
        long last = Long.MIN_VALUE;
        for (PositionEvent event : events) {
            last = Math.max(last, event.observedAtMs);
        }
        return last + IDLE_TIMEOUT_MS;
    }

    /**
     * Runs fixes through a fresh track function in the given arrival order. With {@code
     * interleaveWatermarks}, a watermark follows each fix. It is as high as it can be without
     * passing a fix still to arrive, the most a source could send without making a fix late.
     */
    private static Outcome run(List<PositionEvent> arrival, boolean interleaveWatermarks)
            throws Exception {
        try (var harness = harness()) {
            long watermark = Long.MIN_VALUE;
            for (int i = 0; i < arrival.size(); i++) {
                process(harness, arrival.get(i));
                if (interleaveWatermarks) {
                    long next = finalWatermark(arrival);
                    for (PositionEvent later : arrival.subList(i + 1, arrival.size())) {
                        next = Math.min(next, later.observedAtMs - 1);
                    }
                    if (next > watermark) {
                        harness.processWatermark(next);
                        watermark = next;
                    }
                }
            }
            harness.processWatermark(finalWatermark(arrival));

            List<Emitted> emitted = new ArrayList<>();
            for (TrackedFix fix : harness.extractOutputValues()) {
                emitted.add(
                        new Emitted(
                                fix.event.eventId,
                                fix.segmentDistanceM,
                                fix.segmentDurationS,
                                fix.speedMps,
                                fix.occupancyS));
            }
            List<Rejected> rejected = new ArrayList<>();
            for (RejectedRecord record : rejections(harness)) {
                rejected.add(new Rejected(record.eventId, record.reason, record.detail));
            }
            return new Outcome(emitted, rejected);
        }
    }

    /** Arrival orders: sorted by time, reversed, and shuffles with fixed seeds. */
    private static List<List<PositionEvent>> permutations(List<PositionEvent> events) {
        List<List<PositionEvent>> orders = new ArrayList<>();
        List<PositionEvent> sorted = new ArrayList<>(events);
        sorted.sort(
                Comparator.comparingLong((PositionEvent e) -> e.observedAtMs)
                        .thenComparing(e -> e.eventId));
        orders.add(sorted);
        List<PositionEvent> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        orders.add(reversed);
        for (long seed = 1; seed <= 40; seed++) {
            List<PositionEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            orders.add(shuffled);
        }
        return orders;
    }

    @Test
    void orderIndependentWatermarkAtEnd() throws Exception {
        List<PositionEvent> events = twoCats();
        Outcome reference = run(events, false);
        for (List<PositionEvent> order : permutations(events)) {
            assertThat(run(order, false))
                    .as("arrival order %s", arrivalIds(order))
                    .isEqualTo(reference);
        }
    }

    @Test
    void orderIndependentInterleavedWatermarks() throws Exception {
        List<PositionEvent> events = twoCats();
        Outcome reference = run(events, false);
        for (List<PositionEvent> order : permutations(events)) {
            assertThat(run(order, true))
                    .as("arrival order %s", arrivalIds(order))
                    .isEqualTo(reference);
        }
    }

    @Test
    void sameResultAfterRestore() throws Exception {
        // Half the fixes, a checkpoint, a restore into a new operator, then the rest: fixes that
        // wait in state and cleanup timers must survive the snapshot.
        List<PositionEvent> events = new ArrayList<>(twoCats());
        Collections.shuffle(events, new Random(7));
        Outcome reference = run(events, false);
        List<PositionEvent> before = events.subList(0, events.size() / 2);
        List<PositionEvent> after = events.subList(events.size() / 2, events.size());

        OperatorSubtaskState snapshot;
        List<TrackedFix> emitted = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        try (var harness = harness()) {
            for (PositionEvent event : before) {
                process(harness, event);
            }
            long watermark = Long.MAX_VALUE;
            for (PositionEvent event : after) {
                watermark = Math.min(watermark, event.observedAtMs - 1);
            }
            harness.processWatermark(watermark);
            emitted.addAll(harness.extractOutputValues());
            rejected.addAll(rejections(harness));
            // Some fixes still wait for the watermark when the snapshot is taken.
            assertThat(emitted.size() + rejected.size()).isLessThan(before.size());
            assertThat(harness.numEventTimeTimers()).isGreaterThan(2);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = unopenedHarness()) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            for (PositionEvent event : after) {
                process(restored, event);
            }
            restored.processWatermark(finalWatermark(events));
            emitted.addAll(restored.extractOutputValues());
            rejected.addAll(rejections(restored));
            assertThat(restored.numKeyedStateEntries()).isZero();
        }

        assertThat(eventIds(emitted))
                .containsExactlyElementsOf(
                        reference.emitted().stream().map(Emitted::eventId).toList());
        for (int i = 0; i < emitted.size(); i++) {
            assertThat(emitted.get(i).segmentDistanceM)
                    .as(emitted.get(i).event.eventId)
                    .isEqualTo(reference.emitted().get(i).segmentDistanceM());
        }
        assertThat(rejected)
                .extracting(r -> r.eventId)
                .containsExactlyElementsOf(
                        reference.rejected().stream().map(Rejected::eventId).toList());
    }

    @Test
    void twoCatsExpectedSequence() throws Exception {
        List<PositionEvent> events = twoCats();
        Outcome outcome = run(events, false);

        assertThat(outcome.emitted())
                .extracting(Emitted::eventId)
                .containsExactly(
                        "tama-01", "kuro-01", "kuro-02", "tama-02", "tama-04", "tama-05", "tama-06",
                        "kuro-04", "tama-07", "tama-08", "tama-09");
        assertThat(outcome.rejected())
                .extracting(Rejected::eventId)
                .containsExactly("kuro-03", "tama-03");
        assertThat(outcome.rejected())
                .extracting(Rejected::reason)
                .containsOnly(RejectReason.IMPLAUSIBLE_SPEED.code());
        assertThat(outcome.rejected().get(0).detail()).contains("kuro-02");
        assertThat(outcome.rejected().get(1).detail()).contains("tama-02");

        // Each accepted fix and the fix its segment starts from (null: a new track).
        String[][] segments = {
            {"tama-01", null},
            {"kuro-01", null},
            {"kuro-02", "kuro-01"},
            {"tama-02", "tama-01"},
            {"tama-04", "tama-02"},
            {"tama-05", "tama-04"},
            {"tama-06", "tama-05"},
            {"kuro-04", "kuro-02"},
            {"tama-07", "tama-06"},
            {"tama-08", null},
            {"tama-09", "tama-08"},
        };
        for (int i = 0; i < segments.length; i++) {
            Emitted fix = outcome.emitted().get(i);
            PositionEvent to = byId(events, segments[i][0]);
            if (segments[i][1] == null) {
                assertThat(fix.segmentDistanceM()).as(fix.eventId()).isNull();
                assertThat(fix.segmentDurationS()).as(fix.eventId()).isNull();
                assertThat(fix.speedMps()).as(fix.eventId()).isNull();
                assertThat(fix.occupancyS()).as(fix.eventId()).isZero();
                continue;
            }
            PositionEvent from = byId(events, segments[i][1]);
            double distanceM = greatCircleM(position(from), position(to));
            double durationS = (to.observedAtMs - from.observedAtMs) / 1000.0;
            assertThat(fix.segmentDistanceM())
                    .as(fix.eventId())
                    .isCloseTo(distanceM, within(DISTANCE_TOLERANCE_M));
            assertThat(fix.segmentDurationS()).as(fix.eventId()).isEqualTo(durationS);
            // tama-06 shares tama-05's time stamp and position: speed 0, not 0/0.
            double speedMps = durationS == 0 ? 0 : distanceM / durationS;
            assertThat(fix.speedMps()).as(fix.eventId()).isCloseTo(speedMps, within(1e-6));
            assertThat(fix.occupancyS())
                    .as(fix.eventId())
                    .isEqualTo(Math.min(durationS, OCCUPANCY_CAP_MS / 1000.0));
        }
    }

    private static PositionEvent byId(List<PositionEvent> events, String eventId) {
        for (PositionEvent event : events) {
            if (event.eventId.equals(eventId)) {
                return event;
            }
        }
        throw new IllegalArgumentException("no event " + eventId);
    }

    // Single rules.

    @Test
    void speedRejectsAndMeasuresFromAccepted() throws Exception {
        double[] start = base();
        PositionEvent first = fix("f1", "tama", T0, start);
        PositionEvent far = fix("f2", "tama", T0 + seconds(60), offset(start, 0, 10_000));
        PositionEvent next = fix("f3", "tama", T0 + seconds(120), offset(start, 30, 40));
        try (var harness = harness()) {
            process(harness, first, far, next);
            harness.processWatermark(T0 + seconds(120));

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(eventIds(out)).containsExactly("f1", "f3");
            // f3 is 50 m (a 30-40-50 triangle) from f1, two minutes later.
            assertThat(out.get(1).segmentDistanceM).isCloseTo(50.0, within(1e-3));
            assertThat(out.get(1).segmentDistanceM)
                    .isCloseTo(
                            greatCircleM(position(first), position(next)),
                            within(DISTANCE_TOLERANCE_M));
            assertThat(out.get(1).segmentDurationS).isEqualTo(120.0);
            assertThat(out.get(1).speedMps).isCloseTo(50.0 / 120.0, within(1e-5));

            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).eventId).isEqualTo("f2");
            assertThat(rejected.get(0).catId).isEqualTo("tama");
            assertThat(rejected.get(0).reason).isEqualTo("implausible_speed");
            assertThat(rejected.get(0).detail).contains("f1");
            assertThat(rejected.get(0).detail).contains("20.0 m/s");
            assertThat(rejected.get(0).observedAtMs).isEqualTo(T0 + seconds(60));
            assertThat(rejected.get(0).rejectedAtMs).isEqualTo(REJECTED_AT_MS);
        }
    }

    /** Writes a collar fix of cat tama as canonical event JSON. */
    private static String collarJson(String eventId, long observedAtMs, double[] latLon) {
        return "{\"event_id\":\""
                + eventId
                + "\",\"cat_id\":\"tama\",\"municipality_code\":\""
                + TAITO
                + "\",\"observed_at\":\""
                + Instant.ofEpochMilli(observedAtMs)
                + "\",\"lat\":"
                + latLon[0]
                + ",\"lon\":"
                + latLon[1]
                + ",\"source\":\"gps_collar\"}";
    }

    @Test
    void zeroPositionKeepsNextFix() throws Exception {
        // A collar without a fix reports (0, 0). Parsed like any input, it must not reach the
        // track,
        // or the cat's next genuine fix would need thousands of kilometres in a minute.
        PositionEventParser parser =
                new PositionEventParser(null, 0L, WallClock.fixed(REJECTED_AT_MS));
        double[] next = offset(base(), 30, 40);
        List<ParsedRecord> records =
                List.of(
                        parser.parse(collarJson("f1", T0, base()), "test:1"),
                        parser.parse(
                                collarJson("f2", T0 + seconds(60), new double[] {0.0, 0.0}),
                                "test:2"),
                        parser.parse(collarJson("f3", T0 + seconds(120), next), "test:3"));

        assertThat(records.get(1).isAccepted()).isFalse();
        assertThat(records.get(1).rejected.reason).isEqualTo("zero_coordinates");
        try (var harness = harness()) {
            for (ParsedRecord record : records) {
                if (record.isAccepted()) {
                    process(harness, record.event);
                }
            }
            harness.processWatermark(T0 + seconds(120));

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(eventIds(out)).containsExactly("f1", "f3");
            // f3 is 50 m (a 30-40-50 triangle) from f1, two minutes later.
            assertThat(out.get(1).segmentDistanceM).isCloseTo(50.0, within(1e-3));
            assertThat(out.get(1).speedMps).isCloseTo(50.0 / 120.0, within(1e-5));
            assertThat(rejections(harness)).isEmpty();
        }
    }

    @Test
    void sameTimestampSortedByEventId() throws Exception {
        double[] place = base();
        try (var harness = harness()) {
            process(
                    harness,
                    fix("e-b", "tama", T0 + seconds(10), place),
                    fix("e-a", "tama", T0 + seconds(10), place));
            harness.processWatermark(T0 + seconds(10));

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(eventIds(out)).containsExactly("e-a", "e-b");
            assertThat(out.get(0).segmentDistanceM).isNull();
            assertThat(out.get(1).segmentDistanceM).isEqualTo(0.0);
            assertThat(out.get(1).segmentDurationS).isEqualTo(0.0);
            assertThat(out.get(1).speedMps).isEqualTo(0.0);
            assertThat(out.get(1).occupancyS).isEqualTo(0.0);
            assertThat(rejections(harness)).isEmpty();
        }
    }

    @Test
    void zeroDurationNonzeroDistanceRejected() throws Exception {
        double[] place = base();
        try (var harness = harness()) {
            process(
                    harness,
                    fix("e-b", "tama", T0, offset(place, 5, 0)),
                    fix("e-a", "tama", T0, place));
            harness.processWatermark(T0);

            assertThat(eventIds(harness.extractOutputValues())).containsExactly("e-a");
            List<RejectedRecord> rejected = rejections(harness);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).eventId).isEqualTo("e-b");
            assertThat(rejected.get(0).reason).isEqualTo("implausible_speed");
            assertThat(rejected.get(0).detail).contains("e-a");
        }
    }

    @Test
    void gapOverIdleTimeoutStartsTrack() throws Exception {
        double[] place = base();
        long second = T0 + IDLE_TIMEOUT_MS + 1;
        try (var harness = harness()) {
            process(
                    harness,
                    fix("f1", "tama", T0, place),
                    fix("f2", "tama", second, offset(place, 10, 0)));
            harness.processWatermark(second);

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(eventIds(out)).containsExactly("f1", "f2");
            assertThat(out.get(1).segmentDistanceM).isNull();
            assertThat(out.get(1).segmentDurationS).isNull();
            assertThat(out.get(1).speedMps).isNull();
            assertThat(out.get(1).occupancyS).isZero();
        }
    }

    @Test
    void gapEqualIdleTimeoutKeepsSegment() throws Exception {
        double[] place = base();
        double[] later = offset(place, 10, 0);
        long second = T0 + IDLE_TIMEOUT_MS;
        try (var harness = harness()) {
            process(harness, fix("f1", "tama", T0, place), fix("f2", "tama", second, later));
            harness.processWatermark(second);

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(eventIds(out)).containsExactly("f1", "f2");
            assertThat(out.get(1).segmentDistanceM)
                    .isCloseTo(greatCircleM(place, later), within(DISTANCE_TOLERANCE_M));
            assertThat(out.get(1).segmentDurationS).isEqualTo(3600.0);
        }
    }

    @Test
    void occupancyCappedAtCap() throws Exception {
        double[] place = base();
        try (var harness = harness()) {
            process(
                    harness,
                    fix("f1", "tama", T0, place),
                    fix("f2", "tama", T0 + minutes(10), offset(place, 50, 0)),
                    fix("f3", "tama", T0 + minutes(55), offset(place, 100, 0)));
            harness.processWatermark(T0 + minutes(55));

            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(out).hasSize(3);
            assertThat(out.get(0).occupancyS).isZero();
            // 10 minutes, under the 30-minute cap.
            assertThat(out.get(1).occupancyS).isEqualTo(600.0);
            // 45 minutes, capped at 30.
            assertThat(out.get(2).segmentDurationS).isEqualTo(2700.0);
            assertThat(out.get(2).occupancyS).isEqualTo(1800.0);
        }
    }

    @Test
    void anonymousSightingPassesThrough() throws Exception {
        try (var harness = harness()) {
            PositionEvent sighting = anonymousSighting("s1", T0, base());
            process(harness, sighting);

            // Emitted at once: no watermark has arrived.
            List<TrackedFix> out = harness.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).event).isEqualTo(sighting);
            assertThat(out.get(0).segmentDistanceM).isNull();
            assertThat(out.get(0).segmentDurationS).isNull();
            assertThat(out.get(0).speedMps).isNull();
            assertThat(out.get(0).occupancyS).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void fixWaitsForWatermark() throws Exception {
        try (var harness = harness()) {
            process(harness, fix("f1", "tama", T0 + seconds(5), base()));
            harness.processWatermark(T0 + seconds(4));
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(T0 + seconds(5));
            assertThat(eventIds(harness.extractOutputValues())).containsExactly("f1");
            // Windows downstream assign the fix by this time stamp.
            assertThat(harness.extractOutputStreamRecords().get(0).getTimestamp())
                    .isEqualTo(T0 + seconds(5));
        }
    }

    // State and timers.

    @Test
    void stateClearedAfterIdleTimeout() throws Exception {
        double[] place = base();
        long last = T0 + minutes(20);
        try (var harness = harness()) {
            process(
                    harness,
                    fix("t1", "tama", T0, place),
                    fix("t2", "tama", T0 + minutes(10), offset(place, 20, 0)),
                    fix("t3", "tama", last, offset(place, 40, 0)),
                    fix("k1", "kuro", T0 + seconds(30), offset(place, -100, 0)));
            harness.processWatermark(last);
            assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);

            harness.processWatermark(last + IDLE_TIMEOUT_MS - 1);
            assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark(last + IDLE_TIMEOUT_MS);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void timersStayBoundedPerCat() throws Exception {
        double[] tama = base();
        double[] kuro = offset(base(), -500, 0);
        try (var harness = harness()) {
            for (int i = 0; i < 200; i++) {
                long t = T0 + minutes(i);
                process(
                        harness,
                        fix(String.format("t%03d", i), "tama", t, offset(tama, i, 0)),
                        fix(String.format("k%03d", i), "kuro", t + seconds(30), kuro));
                // A waiting fix and a cleanup timer per cat at most.
                assertThat(harness.numEventTimeTimers()).isLessThanOrEqualTo(4);

                harness.processWatermark(t + seconds(30));
                // Only each cat's cleanup timer is left.
                assertThat(harness.numEventTimeTimers()).as("after minute %d", i).isEqualTo(2);
            }
            assertThat(harness.extractOutputValues()).hasSize(400);
        }
    }

    @Test
    void timersBoundedWhenFixesWait() throws Exception {
        // Without watermarks, every distinct time stamp waits with its own timer, and nothing else.
        try (var harness = harness()) {
            for (int i = 0; i < 50; i++) {
                process(harness, fix("t" + i, "tama", T0 + minutes(i), base()));
            }
            assertThat(harness.numEventTimeTimers()).isEqualTo(50);

            harness.processWatermark(T0 + minutes(49));
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
            assertThat(harness.extractOutputValues()).hasSize(50);
        }
    }
}
