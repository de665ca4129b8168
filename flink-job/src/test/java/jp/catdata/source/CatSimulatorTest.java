package jp.catdata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.catdata.event.EventSource;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.WallClock;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatSimulatorTest {

    /** Number of records inspected: 500 steps of 40 cats, about 41 hours. */
    private static final int N = 20_000;

    private static final double CENTRE_LAT = 35.7260;
    private static final double CENTRE_LON = 139.7690;

    /** A wall clock after the simulated period, so that no fix is a future time stamp. */
    private static final WallClock AFTER_PERIOD =
            WallClock.fixed(Instant.parse("2026-07-01T00:00:00Z").toEpochMilli());

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /**
     * Home-range centres lie within 1.5 km of the centre and fixes within 300 m of their home-range
     * centre plus GPS noise, so a collar fix further than this from the centre has jumped.
     */
    private static final double JUMP_THRESHOLD_M = 2_000;

    private static final Set<RejectReason> MALFORMED_REASONS =
            EnumSet.of(
                    RejectReason.INVALID_JSON,
                    RejectReason.WRONG_TYPE,
                    RejectReason.COORDINATE_OUT_OF_RANGE,
                    RejectReason.INVALID_MUNICIPALITY_CODE,
                    RejectReason.MISSING_TIME_OFFSET,
                    RejectReason.MISSING_FIELD);

    private static final List<byte[]> BYTES = new ArrayList<>();
    private static final List<ParsedRecord> RECORDS = new ArrayList<>();
    private static Census census;

    @BeforeAll
    static void generate() {
        CatSimulator simulator = simulator(SimulatorSettings.defaults());
        for (long i = 0; i < N; i++) {
            BYTES.add(simulator.recordBytes(i));
            RECORDS.add(simulator.map(i));
        }
        census = new Census(BYTES, RECORDS);
    }

    private static CatSimulator simulator(SimulatorSettings settings) {
        return new CatSimulator(settings, new PositionEventParser(null, 0, AFTER_PERIOD));
    }

    @Test
    void sameSeedSameBytes() {
        CatSimulator again = simulator(SimulatorSettings.defaults());
        for (int i = 0; i < N; i++) {
            assertThat(again.recordBytes(i)).as("record %d", i).isEqualTo(BYTES.get(i));
        }
    }

    @Test
    void sameBytesInAnyOrder() {
        // A restored job regenerates records from an index in the middle of the range.
        CatSimulator restored = simulator(SimulatorSettings.defaults());
        for (int i = N - 1; i >= 0; i -= 7) {
            assertThat(restored.recordBytes(i)).as("record %d", i).isEqualTo(BYTES.get(i));
        }
    }

    @Test
    void serializedCopySameBytes() throws Exception {
        // Flink ships the generator function to the task managers as a serialized copy.
        CatSimulator copy = InstantiationUtil.clone(simulator(SimulatorSettings.defaults()));
        for (int i = 0; i < N; i += 13) {
            assertThat(copy.recordBytes(i)).as("record %d", i).isEqualTo(BYTES.get(i));
        }
    }

    @Test
    void otherSeedOtherRecords() {
        CatSimulator other = simulator(SimulatorSettings.builder().seed(22).build());
        int samePositions = 0;
        for (int i = 0; i < 2_000; i++) {
            assertThat(other.recordBytes(i)).as("record %d", i).isNotEqualTo(BYTES.get(i));
            ParsedRecord mine = RECORDS.get(i);
            ParsedRecord theirs = other.map((long) i);
            if (mine.isAccepted()
                    && theirs.isAccepted()
                    && mine.event.lat == theirs.event.lat
                    && mine.event.lon == theirs.event.lon) {
                samePositions++;
            }
        }
        assertThat(samePositions).isZero();
    }

    @Test
    void firstRecordIds() {
        PositionEvent first = RECORDS.get(0).event;
        assertThat(first.eventId).isEqualTo("sim-21-0-0");
        assertThat(first.catId).isEqualTo("cat-21-00");
        assertThat(first.municipalityCode).isEqualTo("131067");
        assertThat(first.origin).isEqualTo("simulator:0");
    }

    @Test
    void everyRecordParses() {
        for (int i = 0; i < N; i++) {
            ParsedRecord record = RECORDS.get(i);
            assertThat(record.isAccepted() ^ record.rejected != null)
                    .as("record %d is either accepted or rejected", i)
                    .isTrue();
            if (record.isAccepted()) {
                assertThat(record.event.origin).as("origin %d", i).isEqualTo("simulator:" + i);
            } else {
                assertThat(reasonOf(record)).as("reason %d", i).isNotNull();
                assertThat(record.rejected.origin).as("origin %d", i).isEqualTo("simulator:" + i);
            }
        }
    }

    @Test
    void recordsAreUtf8Json() {
        for (int i = 0; i < 200; i++) {
            String text = new String(BYTES.get(i), StandardCharsets.UTF_8);
            assertThat(text).as("record %d", i).startsWith("{\"event_id\":\"sim-21-");
        }
    }

    @Test
    void outOfOrderRate() {
        assertNearRate("out-of-order", census.outOfOrder, 0.03);
    }

    @Test
    void duplicateRate() {
        assertNearRate("duplicate", census.duplicates, 0.01);
    }

    @Test
    void duplicatesRepeatBytes() {
        assertThat(census.duplicatesWithOtherBytes).isZero();
    }

    @Test
    void jumpRate() {
        assertNearRate("jump", census.jumps, 0.005);
    }

    @Test
    void jumpsExceedCatSpeed() {
        // Domestic cats sprint at roughly 13 m/s for seconds, so 15 m/s over minutes is no cat.
        assertThat(census.slowestJumpMps).isGreaterThan(15.0);
    }

    @Test
    void flaggedOutlierRate() {
        assertNearRate("flagged outlier", census.flaggedOutliers, 0.003);
    }

    @Test
    void lateRate() {
        assertNearRate("late", census.late, 0.005);
    }

    @Test
    void malformedRate() {
        assertNearRate("malformed", census.malformed, 0.005);
    }

    @Test
    void malformedKindsAllOccur() {
        for (RejectReason reason : MALFORMED_REASONS) {
            assertThat(census.malformedByReason.getOrDefault(reason, 0))
                    .as("records rejected as %s", reason)
                    .isPositive();
        }
    }

    @Test
    void sightingRate() {
        assertNearRate("sighting", census.sightings, 0.02);
    }

    @Test
    void sightingsAreAnonymous() {
        int withKittens = 0;
        int cameraTraps = 0;
        for (PositionEvent event : census.sightingEvents) {
            assertThat(event.catId).as(event.eventId).isNull();
            assertThat(event.coat).as(event.eventId).isNotBlank();
            assertThat(event.earTipped).as(event.eventId).isNotNull();
            if (event.kittens != null) {
                withKittens++;
            }
            if (event.source == EventSource.CAMERA_TRAP) {
                cameraTraps++;
            }
        }
        assertThat(withKittens).isPositive();
        assertThat(cameraTraps).isPositive();
        assertThat(cameraTraps).isLessThan(census.sightingEvents.size());
    }

    @Test
    void nightStepsLonger() {
        double night = census.nightStepM.mean();
        double day = census.dayStepM.mean();
        assertThat(census.nightStepM.count).isGreaterThan(1_000);
        assertThat(census.dayStepM.count).isGreaterThan(1_000);
        assertThat(night).isGreaterThan(1.5 * day);
    }

    @Test
    void fixesNearCentre() {
        int nearCentre = 0;
        int accepted = 0;
        for (ParsedRecord record : RECORDS) {
            if (!record.isAccepted()) {
                continue;
            }
            accepted++;
            double distanceM =
                    haversineM(CENTRE_LAT, CENTRE_LON, record.event.lat, record.event.lon);
            assertThat(distanceM).as(record.event.eventId).isLessThan(30_000);
            if (distanceM < JUMP_THRESHOLD_M) {
                nearCentre++;
            }
        }
        assertThat((double) nearCentre / accepted).isGreaterThan(0.99);
    }

    @Test
    void lateRecordsFarBehind() {
        // Apart from duplicates and late re-sends, every time stamp lags the newest before it by
        // less than two fix intervals, while late re-sends lag by hours. A watermark bound between
        // the two separates them.
        assertThat(census.maxShortLagMs).isLessThan(Duration.ofMinutes(10).toMillis());
        assertThat(census.minLongLagMs).isGreaterThanOrEqualTo(Duration.ofHours(2).toMillis());
    }

    @Test
    void noAnomaliesOnlyFixes() {
        SimulatorSettings settings = SimulatorSettings.builder().noAnomalies().build();
        CatSimulator clean = simulator(settings);
        long previousMs = Long.MIN_VALUE;
        for (long i = 0; i < 4_000; i++) {
            ParsedRecord record = clean.map(i);
            assertThat(record.isAccepted()).as("record %d", i).isTrue();
            assertThat(record.event.source).as("record %d", i).isEqualTo(EventSource.GPS_COLLAR);
            assertThat(record.event.observedAtMs).as("record %d", i).isGreaterThan(previousMs);
            previousMs = record.event.observedAtMs;
        }
    }

    @Test
    void indexOutsideRangeRejected() {
        CatSimulator simulator = simulator(SimulatorSettings.builder().records(10).build());
        assertThatThrownBy(() -> simulator.recordBytes(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10");
        assertThatThrownBy(() -> simulator.recordBytes(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourceIsBounded() {
        SimulatorSettings settings = SimulatorSettings.builder().records(1234).build();
        DataGeneratorSource<ParsedRecord> source =
                CatSimulator.source(settings, new PositionEventParser(null, 0, AFTER_PERIOD));
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.getProducedType().getTypeClass()).isEqualTo(ParsedRecord.class);
    }

    @Test
    void settingsDefaults() {
        SimulatorSettings settings = SimulatorSettings.defaults();
        assertThat(settings.cats()).isEqualTo(40);
        assertThat(settings.records()).isEqualTo(50_000);
        assertThat(settings.seed()).isEqualTo(21);
        assertThat(settings.start()).isEqualTo(Instant.parse("2026-05-31T15:00:00Z"));
        assertThat(settings.fixInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.municipalityCode()).isEqualTo("131067");
        // 1,250 steps of 5 minutes, plus two intervals of margin.
        assertThat(settings.periodEnd()).isEqualTo(Instant.parse("2026-06-04T23:20:00Z"));
    }

    @Test
    void settingsRejectZeroCats() {
        assertThatThrownBy(() -> SimulatorSettings.builder().cats(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cats")
                .hasMessageContaining("between 1 and");
    }

    @Test
    void settingsRejectBadCheckDigit() {
        assertThatThrownBy(() -> SimulatorSettings.builder().municipalityCode("131060").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("municipalityCode");
    }

    @Test
    void settingsRejectSubSecondInterval() {
        assertThatThrownBy(
                        () ->
                                SimulatorSettings.builder()
                                        .fixInterval(Duration.ofMillis(1500))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixInterval");
    }

    @Test
    void settingsRejectCentreOutsideJapan() {
        assertThatThrownBy(() -> SimulatorSettings.builder().centre(51.5, -0.1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("centreLat");
    }

    @Test
    void settingsRejectRateAboveOne() {
        assertThatThrownBy(() -> SimulatorSettings.builder().duplicateRate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicateRate");
    }

    @Test
    void settingsRejectRatesSummingAboveOne() {
        assertThatThrownBy(
                        () ->
                                SimulatorSettings.builder()
                                        .outOfOrderRate(0.3)
                                        .sightingRate(0.5)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1");
    }

    /**
     * Asserts that a count lies within four standard deviations of a binomial count of N records at
     * the given rate.
     */
    private static void assertNearRate(String anomaly, int count, double rate) {
        double expected = N * rate;
        double tolerance = 4 * Math.sqrt(expected * (1 - rate)) + 2;
        assertThat((double) count)
                .as("%s records among %d, expected %.0f", anomaly, N, expected)
                .isBetween(expected - tolerance, expected + tolerance);
    }

    private static RejectReason reasonOf(ParsedRecord record) {
        for (RejectReason reason : RejectReason.values()) {
            if (reason.code().equals(record.rejected.reason)) {
                return reason;
            }
        }
        return null;
    }

    /** Great-circle distance in metres on a sphere of the mean Earth radius. */
    private static double haversineM(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                        + Math.cos(phi1)
                                * Math.cos(phi2)
                                * Math.sin(dLambda / 2)
                                * Math.sin(dLambda / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }

    /** Running mean of step lengths. */
    private static final class Mean {
        long count;
        double sum;

        void add(double value) {
            count++;
            sum += value;
        }

        double mean() {
            return sum / count;
        }
    }

    /**
     * Counts the anomalies of the generated records by reading them in stream order, as the job
     * reads them, without asking the simulator which anomaly it drew.
     */
    private static final class Census {
        int duplicates;
        int duplicatesWithOtherBytes;
        int outOfOrder;
        int late;
        int jumps;
        double slowestJumpMps = Double.MAX_VALUE;
        int flaggedOutliers;
        int malformed;
        final Map<RejectReason, Integer> malformedByReason = new HashMap<>();
        int sightings;
        final List<PositionEvent> sightingEvents = new ArrayList<>();
        final Mean nightStepM = new Mean();
        final Mean dayStepM = new Mean();
        long maxShortLagMs;
        long minLongLagMs = Long.MAX_VALUE;

        Census(List<byte[]> bytes, List<ParsedRecord> records) {
            Map<String, byte[]> seen = new HashMap<>();
            Map<String, Long> newestByCat = new HashMap<>();
            Map<String, PositionEvent> previousByCat = new HashMap<>();
            long newestMs = Long.MIN_VALUE;

            for (int i = 0; i < records.size(); i++) {
                ParsedRecord record = records.get(i);
                String eventId =
                        record.isAccepted() ? record.event.eventId : record.rejected.eventId;
                if (eventId != null) {
                    byte[] earlier = seen.putIfAbsent(eventId, bytes.get(i));
                    if (earlier != null) {
                        duplicates++;
                        if (!Arrays.equals(earlier, bytes.get(i))) {
                            duplicatesWithOtherBytes++;
                        }
                        continue;
                    }
                }
                if (!record.isAccepted()) {
                    RejectReason reason = reasonOf(record);
                    if (reason == RejectReason.MARKED_OUTLIER) {
                        flaggedOutliers++;
                    } else if (MALFORMED_REASONS.contains(reason)) {
                        malformed++;
                        malformedByReason.merge(reason, 1, Integer::sum);
                    }
                    continue;
                }

                PositionEvent event = record.event;
                if (newestMs != Long.MIN_VALUE && event.observedAtMs < newestMs) {
                    long lagMs = newestMs - event.observedAtMs;
                    if (lagMs > Duration.ofHours(1).toMillis()) {
                        minLongLagMs = Math.min(minLongLagMs, lagMs);
                    } else {
                        maxShortLagMs = Math.max(maxShortLagMs, lagMs);
                    }
                }
                newestMs = Math.max(newestMs, event.observedAtMs);

                if (event.source != EventSource.GPS_COLLAR) {
                    sightings++;
                    sightingEvents.add(event);
                    continue;
                }
                countCollarFix(event, newestByCat, previousByCat);
            }
        }

        private void countCollarFix(
                PositionEvent event,
                Map<String, Long> newestByCat,
                Map<String, PositionEvent> previousByCat) {
            PositionEvent previous = previousByCat.get(event.catId);
            boolean jumped =
                    haversineM(CENTRE_LAT, CENTRE_LON, event.lat, event.lon) > JUMP_THRESHOLD_M;
            if (jumped) {
                jumps++;
                if (previous != null) {
                    double seconds = Math.abs(event.observedAtMs - previous.observedAtMs) / 1000.0;
                    double metres = haversineM(previous.lat, previous.lon, event.lat, event.lon);
                    slowestJumpMps = Math.min(slowestJumpMps, metres / seconds);
                }
            }

            Long newestMs = newestByCat.get(event.catId);
            if (newestMs != null && event.observedAtMs < newestMs) {
                if (newestMs - event.observedAtMs > Duration.ofHours(1).toMillis()) {
                    late++;
                } else {
                    outOfOrder++;
                }
                return;
            }
            newestByCat.put(event.catId, event.observedAtMs);

            if (previous != null
                    && !jumped
                    && event.observedAtMs - previous.observedAtMs
                            == Duration.ofMinutes(5).toMillis()) {
                double stepM = haversineM(previous.lat, previous.lon, event.lat, event.lon);
                int hour =
                        Instant.ofEpochMilli(event.observedAtMs - 150_000).atZone(TOKYO).getHour();
                if (hour >= 19 || hour < 5) {
                    nightStepM.add(stepM);
                } else {
                    dayStepM.add(stepM);
                }
            }
            if (!jumped) {
                previousByCat.put(event.catId, event);
            }
        }
    }
}
