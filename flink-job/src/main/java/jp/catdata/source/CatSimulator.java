package jp.catdata.source;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Simulates GPS collars on community cats and the records their gateway sends, the job's default
 * source.
 *
 * <p>Record {@code i} belongs to cat {@code i mod cats} at fix step {@code i / cats}. It is a pure
 * function of the seed, the index and the settings: every random choice comes from a SplitMix64
 * hash of the seed, a purpose and the index (or the cat and step), never from a shared generator. A
 * job restored from a checkpoint therefore regenerates exactly the records it generated before. The
 * simulator writes UTF-8 JSON as a collar gateway would and hands the bytes to {@link
 * PositionEventParser}, so simulated records take the same path as real ones.
 *
 * <p>Model of a cat:
 *
 * <ul>
 *   <li>A home-range centre placed uniformly in a disc of {@link SimulatorSettings#spreadRadiusM()}
 *       around the configured centre, and a home-range radius of 50 to 300 m.
 *   <li>Nominal fix times {@code start + step * interval + phase}. The per-cat phase grows with the
 *       cat number and stays below the interval, so records without anomalies arrive in time-stamp
 *       order.
 *   <li>A smooth path inside the home range: a sum of three sinusoids per axis, with per-cat
 *       periods and phases, evaluated at an activity clock that runs four times faster between
 *       19:00 and 05:00 Japan time than by day, so cats move more at night.
 *   <li>Gaussian GPS noise with a standard deviation of 8 m per axis, and an {@code accuracy_m} of
 *       5 to 12 m.
 * </ul>
 *
 * <p>Each record shows at most one anomaly, drawn at the rates of {@link SimulatorSettings}:
 *
 * <ul>
 *   <li>Out of order: the fixes of steps {@code 2k} and {@code 2k+1} of a cat are swapped. The
 *       earlier fix is stamped 1 to 3 minutes later than nominal and the later fix 1 to 3 minutes
 *       earlier, each shift at most half the fix interval less one second (149 s at the default 5
 *       minutes). The pair so stays out of order, and the cat's other fixes stay in order.
 *   <li>Duplicate: the record repeats the cat's record of the previous step byte for byte, whatever
 *       that record was.
 *   <li>Jump: the fix lies 12 to 25 km from the cat's position. Reaching it from the fix one
 *       5-minute interval before takes at least 40 m/s, and 20 m/s from a fix two intervals before,
 *       so the job's speed check (20 m/s by default) rejects it. With longer fix intervals it may
 *       not.
 *   <li>Flagged outlier: the fix lies 200 to 800 m off and carries {@code "outlier": true}.
 *   <li>Late: the record re-sends the cat's fix from 3 to 6 hours earlier (at least one interval),
 *       under the event id {@code sim-<seed>-<cat>-<step>-late}, where step is the step of the
 *       record that carries it. The re-sent fix may lie before the start instant.
 *   <li>Malformed: one of six defects, drawn uniformly: truncated JSON, a latitude given as a
 *       string, latitude 123.4, a municipality code with a wrong check digit, a time stamp without
 *       offset, or no {@code source} field.
 *   <li>Sighting: an anonymous report with {@code ear_tip}, {@code coat} and sometimes {@code
 *       kittens} near the cat's position (70 %), or an anonymous camera-trap detection at a trap
 *       inside the cat's home range (30 %), both without {@code cat_id}.
 * </ul>
 *
 * <p>When the source runs at parallelism 1, no record's time stamp lies two fix intervals or more
 * before the newest time stamp generated before it, except for late re-sends and duplicates. Late
 * re-sends lie at least 3 hours minus two intervals behind. A watermark bound of two fix intervals
 * (10 minutes by default) therefore lets every other record through in time and makes every late
 * re-send late.
 *
 * <p>Event ids are {@code sim-<seed>-<cat>-<step>} for fixes, with the suffix {@code -sighting},
 * {@code -camera} or {@code -late} for the other kinds; cat ids are {@code cat-<seed>-<nn>}.
 */
public class CatSimulator implements GeneratorFunction<Long, ParsedRecord> {

    private static final long serialVersionUID = 1L;

    /** Metres per degree of latitude on a sphere of the mean Earth radius, 6,371,008.8 m. */
    private static final double METRES_PER_DEGREE = Math.PI * 6_371_008.8 / 180.0;

    /** Standard deviation of the simulated GPS error per axis. */
    private static final double GPS_SIGMA_M = 8.0;

    /** Offset of Japan Standard Time, UTC+9 all year because Japan has no daylight saving time. */
    private static final long JST_OFFSET_MS = 9 * 3_600_000L;

    private static final long DAY_MS = 86_400_000L;
    private static final long NIGHT_END_MS = 5 * 3_600_000L;
    private static final long NIGHT_START_MS = 19 * 3_600_000L;

    /** Speed of the activity clock by day, relative to the night. */
    private static final double DAY_ACTIVITY = 0.25;

    /** Amplitudes of the three sinusoids of the path, as fractions of the home-range radius. */
    private static final double[] AMPLITUDES = {0.35, 0.2, 0.15};

    /** Period ranges of the three sinusoids in seconds of the activity clock. */
    private static final double[][] PERIOD_RANGES_S = {
        {6 * 3600.0, 10 * 3600.0}, {1.5 * 3600.0, 3 * 3600.0}, {20 * 60.0, 40 * 60.0}
    };

    private static final String[] COATS = {
        "tabby", "black", "white", "calico", "tuxedo", "ginger", "tortoiseshell", "grey"
    };

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    // Purposes of the hash draws. Each draw has its own purpose, so the draws are independent.
    private static final long KIND = 1;
    private static final long SWAP = 2;
    private static final long JITTER = 3;
    private static final long NOISE_EAST = 4;
    private static final long NOISE_NORTH = 5;
    private static final long ACCURACY = 6;
    private static final long DISTANCE = 7;
    private static final long BEARING = 8;
    private static final long DELAY = 9;
    private static final long DEFECT = 10;
    private static final long REPORT = 11;
    private static final long KITTENS = 12;
    private static final long CAT = 100;

    private enum Kind {
        FIX,
        DUPLICATE,
        JUMP,
        FLAGGED_OUTLIER,
        LATE,
        MALFORMED,
        SIGHTING
    }

    /** Schema defect of a malformed record. */
    private enum Defect {
        NONE,
        TRUNCATED,
        LAT_NOT_A_NUMBER,
        LAT_OUT_OF_RANGE,
        WRONG_CHECK_DIGIT,
        NO_TIME_OFFSET,
        NO_SOURCE
    }

    private final SimulatorSettings settings;
    private final PositionEventParser parser;
    private final long seed;
    private final int catCount;
    private final long records;
    private final long startMs;
    private final long intervalMs;
    private final long startDayLocalMs;
    private final double swapProbability;
    private final Kind[] kinds;
    private final double[] kindThresholds;
    private final String municipalityCode;
    private final String wrongCheckDigitPrefix;
    private final int municipalityCheckDigit;
    private final Cat[] cats;

    /** Constants of one simulated cat, all drawn from the seed. */
    private static final class Cat implements Serializable {
        private static final long serialVersionUID = 1L;

        final String catId;
        final String eventIdPrefix;
        final double centreLat;
        final double centreLon;
        final double metresPerDegreeLon;
        final double radiusM;
        final long phaseMs;
        final double[] periodsEastS = new double[AMPLITUDES.length];
        final double[] phasesEast = new double[AMPLITUDES.length];
        final double[] periodsNorthS = new double[AMPLITUDES.length];
        final double[] phasesNorth = new double[AMPLITUDES.length];
        final String coat;
        final boolean earTipped;
        final double trapEastM;
        final double trapNorthM;

        Cat(CatSimulator sim, int number, SimulatorSettings s) {
            // Pad cat numbers to the width of the largest, and to at least two digits.
            int width = String.valueOf(Math.max(99, s.cats() - 1)).length();
            catId = "cat-" + s.seed() + "-" + String.format("%0" + width + "d", number);
            eventIdPrefix = "sim-" + s.seed() + "-" + number + "-";

            double r = s.spreadRadiusM() * Math.sqrt(sim.catUnit(number, 0));
            double theta = 2 * Math.PI * sim.catUnit(number, 1);
            centreLat = s.centreLat() + r * Math.cos(theta) / METRES_PER_DEGREE;
            metresPerDegreeLon = METRES_PER_DEGREE * Math.cos(Math.toRadians(centreLat));
            centreLon = s.centreLon() + r * Math.sin(theta) / metresPerDegreeLon;
            radiusM = 50 + 250 * sim.catUnit(number, 2);

            long intervalS = s.fixInterval().getSeconds();
            long slotS = intervalS / s.cats();
            long phaseS =
                    number * intervalS / s.cats() + (long) (sim.catUnit(number, 3) * (slotS / 2));
            phaseMs = phaseS * 1000;

            for (int k = 0; k < AMPLITUDES.length; k++) {
                double[] range = PERIOD_RANGES_S[k];
                periodsEastS[k] = range[0] + (range[1] - range[0]) * sim.catUnit(number, 10 + k);
                periodsNorthS[k] = range[0] + (range[1] - range[0]) * sim.catUnit(number, 20 + k);
                phasesEast[k] = 2 * Math.PI * sim.catUnit(number, 30 + k);
                phasesNorth[k] = 2 * Math.PI * sim.catUnit(number, 40 + k);
            }
            coat = COATS[(int) (sim.catUnit(number, 4) * COATS.length)];
            // Most community cats in a TNR programme have been neutered and ear-tipped.
            earTipped = sim.catUnit(number, 5) < 0.7;
            double trapBearing = 2 * Math.PI * sim.catUnit(number, 6);
            trapEastM = 0.5 * radiusM * Math.sin(trapBearing);
            trapNorthM = 0.5 * radiusM * Math.cos(trapBearing);
        }
    }

    /**
     * Creates a simulator.
     *
     * @param settings what to simulate
     * @param parser the parser that turns each generated record into an event or a rejection
     */
    public CatSimulator(SimulatorSettings settings, PositionEventParser parser) {
        if (settings == null || parser == null) {
            throw new IllegalArgumentException("settings and parser must not be null");
        }
        this.settings = settings;
        this.parser = parser;
        seed = settings.seed();
        catCount = settings.cats();
        records = settings.records();
        startMs = settings.start().toEpochMilli();
        intervalMs = settings.fixInterval().toMillis();
        startDayLocalMs = Math.floorDiv(startMs + JST_OFFSET_MS, DAY_MS) * DAY_MS;

        swapProbability = 2 * settings.outOfOrderRate();
        kinds =
                new Kind[] {
                    Kind.DUPLICATE,
                    Kind.JUMP,
                    Kind.FLAGGED_OUTLIER,
                    Kind.LATE,
                    Kind.MALFORMED,
                    Kind.SIGHTING
                };
        double[] rates = {
            settings.duplicateRate(),
            settings.jumpRate(),
            settings.flaggedOutlierRate(),
            settings.lateRate(),
            settings.malformedRate(),
            settings.sightingRate()
        };
        kindThresholds = new double[rates.length];
        double cumulative = 0;
        for (int k = 0; k < rates.length; k++) {
            cumulative += rates[k];
            kindThresholds[k] = cumulative;
        }

        municipalityCode = settings.municipalityCode();
        wrongCheckDigitPrefix = municipalityCode.substring(0, 5);
        municipalityCheckDigit = municipalityCode.charAt(5) - '0';

        cats = new Cat[catCount];
        for (int c = 0; c < catCount; c++) {
            cats[c] = new Cat(this, c, settings);
        }
    }

    /**
     * Creates a bounded source of {@link SimulatorSettings#records()} records. The source splits
     * the index range among its parallel readers, so run it at parallelism 1 for a repeatable
     * order.
     */
    public static DataGeneratorSource<ParsedRecord> source(
            SimulatorSettings settings, PositionEventParser parser) {
        return new DataGeneratorSource<>(
                new CatSimulator(settings, parser),
                settings.records(),
                TypeInformation.of(ParsedRecord.class));
    }

    /** Returns the settings this simulator generates from. */
    public SimulatorSettings settings() {
        return settings;
    }

    @Override
    public ParsedRecord map(Long index) {
        return parser.parse(recordBytes(index), "simulator:" + index);
    }

    /**
     * Returns the UTF-8 JSON bytes of record {@code index}, as a collar gateway would send them.
     *
     * @throws IllegalArgumentException if the index is negative or not below the record count
     */
    public byte[] recordBytes(long index) {
        if (index < 0 || index >= records) {
            throw new IllegalArgumentException(
                    "record index " + index + " is outside [0, " + records + ")");
        }
        return recordJson(index).getBytes(StandardCharsets.UTF_8);
    }

    private String recordJson(long index) {
        long i = index;
        while (true) {
            int catNumber = (int) (i % catCount);
            long step = i / catCount;
            Cat cat = cats[catNumber];

            if (isSwapped(catNumber, step & ~1L)) {
                return swappedFix(cat, catNumber, step);
            }
            Kind kind = kind(i);
            if (kind == Kind.DUPLICATE && step > 0) {
                // Repeat whatever the same cat sent at the previous step, itself possibly a copy.
                i -= catCount;
                continue;
            }
            switch (kind) {
                case JUMP:
                    return displacedFix(cat, catNumber, step, i, 12_000, 25_000, false);
                case FLAGGED_OUTLIER:
                    return displacedFix(cat, catNumber, step, i, 200, 800, true);
                case LATE:
                    return lateFix(cat, catNumber, step, i);
                case MALFORMED:
                    return malformedFix(cat, catNumber, step, i);
                case SIGHTING:
                    return sighting(cat, catNumber, step, i);
                default:
                    return fix(cat, catNumber, step, fixTimeMs(cat, step), 0, 0, false, null);
            }
        }
    }

    /**
     * Returns true when the pair of steps starting at the even step {@code pairStart} is swapped.
     */
    private boolean isSwapped(int catNumber, long pairStart) {
        long secondIndex = (pairStart + 1) * catCount + catNumber;
        return swapProbability > 0
                && secondIndex < records
                && unit(hash(SWAP, catNumber, pairStart)) < swapProbability;
    }

    private String swappedFix(Cat cat, int catNumber, long step) {
        long fixStep = step ^ 1L;
        long maxShiftMs = Math.max(0, (intervalMs - 1000) / 2 / 1000 * 1000);
        long shiftMs =
                Math.min(
                        maxShiftMs,
                        (60 + (long) (121 * unit(hash(JITTER, catNumber, fixStep)))) * 1000);
        // Shift both fixes towards each other, so that the swap adds less than one interval of
        // disorder to the stream.
        long timeMs = fixTimeMs(cat, fixStep) + (fixStep > step ? -shiftMs : shiftMs);
        return fix(cat, catNumber, fixStep, timeMs, 0, 0, false, null);
    }

    private Kind kind(long index) {
        // Draw among the other kinds given that the record is not part of a swapped pair, so that
        // each kind's overall rate equals its setting.
        double u = unit(hash(KIND, index, 0)) * (1 - swapProbability);
        for (int k = 0; k < kindThresholds.length; k++) {
            if (u < kindThresholds[k]) {
                return kinds[k];
            }
        }
        return Kind.FIX;
    }

    private String displacedFix(
            Cat cat,
            int catNumber,
            long step,
            long index,
            double minDistanceM,
            double maxDistanceM,
            boolean flagged) {
        double distanceM =
                minDistanceM + (maxDistanceM - minDistanceM) * unit(hash(DISTANCE, index, 0));
        double bearing = 2 * Math.PI * unit(hash(BEARING, index, 0));
        return fix(
                cat,
                catNumber,
                step,
                fixTimeMs(cat, step),
                distanceM * Math.sin(bearing),
                distanceM * Math.cos(bearing),
                flagged,
                null);
    }

    private String lateFix(Cat cat, int catNumber, long step, long index) {
        long minSteps = Math.max(1, ceilDiv(3 * 3_600_000L, intervalMs));
        long maxSteps = Math.max(minSteps, ceilDiv(6 * 3_600_000L, intervalMs));
        long delaySteps =
                minSteps + (long) ((maxSteps - minSteps + 1) * unit(hash(DELAY, index, 0)));
        long fixStep = step - delaySteps;
        String eventId = cat.eventIdPrefix + step + "-late";
        return fix(cat, catNumber, fixStep, fixTimeMs(cat, fixStep), 0, 0, false, eventId);
    }

    private String malformedFix(Cat cat, int catNumber, long step, long index) {
        Defect[] defects = Defect.values();
        long h = hash(DEFECT, index, 0);
        Defect defect = defects[1 + (int) Long.remainderUnsigned(h, defects.length - 1)];
        String json = fix(cat, catNumber, step, fixTimeMs(cat, step), 0, 0, false, null, defect, h);
        if (defect == Defect.TRUNCATED) {
            int cut = json.length() / 4 + (int) Long.remainderUnsigned(h >>> 8, json.length() / 2);
            return json.substring(0, cut);
        }
        return json;
    }

    private String fix(
            Cat cat,
            int catNumber,
            long fixStep,
            long timeMs,
            double offsetEastM,
            double offsetNorthM,
            boolean flagged,
            String eventId) {
        return fix(
                cat,
                catNumber,
                fixStep,
                timeMs,
                offsetEastM,
                offsetNorthM,
                flagged,
                eventId,
                Defect.NONE,
                0);
    }

    /**
     * Writes one collar fix. The GPS noise and accuracy depend on the cat and the fix step only, so
     * a swapped, repeated or re-sent fix reports the same position as the original would.
     */
    private String fix(
            Cat cat,
            int catNumber,
            long fixStep,
            long timeMs,
            double offsetEastM,
            double offsetNorthM,
            boolean flagged,
            String eventId,
            Defect defect,
            long defectHash) {
        double eastM = pathEastM(cat, timeMs) + offsetEastM;
        double northM = pathNorthM(cat, timeMs) + offsetNorthM;
        eastM += GPS_SIGMA_M * gaussian(hash(NOISE_EAST, catNumber, fixStep));
        northM += GPS_SIGMA_M * gaussian(hash(NOISE_NORTH, catNumber, fixStep));
        double accuracyM =
                flagged
                        ? 60 + 90 * unit(hash(ACCURACY, catNumber, fixStep))
                        : 5 + 7 * unit(hash(ACCURACY, catNumber, fixStep));

        StringBuilder json = new StringBuilder(280);
        json.append("{\"event_id\":\"");
        if (eventId != null) {
            json.append(eventId);
        } else {
            json.append(cat.eventIdPrefix).append(fixStep);
        }
        json.append("\",\"cat_id\":\"").append(cat.catId);
        json.append("\",\"municipality_code\":\"");
        if (defect == Defect.WRONG_CHECK_DIGIT) {
            int wrong =
                    (municipalityCheckDigit
                                    + 1
                                    + (int) Long.remainderUnsigned(defectHash >>> 16, 9))
                            % 10;
            json.append(wrongCheckDigitPrefix).append(wrong);
        } else {
            json.append(municipalityCode);
        }
        json.append("\",\"observed_at\":\"");
        appendLocalTime(json, timeMs, defect != Defect.NO_TIME_OFFSET);
        json.append("\",\"lat\":");
        double lat = cat.centreLat + northM / METRES_PER_DEGREE;
        if (defect == Defect.LAT_NOT_A_NUMBER) {
            json.append('"');
            appendFixed(json, lat, 4);
            json.append(" N\"");
        } else if (defect == Defect.LAT_OUT_OF_RANGE) {
            json.append("123.4");
        } else {
            appendFixed(json, lat, 7);
        }
        json.append(",\"lon\":");
        appendFixed(json, cat.centreLon + eastM / cat.metresPerDegreeLon, 7);
        if (defect != Defect.NO_SOURCE) {
            json.append(",\"source\":\"gps_collar\"");
        }
        json.append(",\"accuracy_m\":");
        appendFixed(json, accuracyM, 1);
        if (flagged) {
            json.append(",\"outlier\":true");
        }
        json.append('}');
        return json.toString();
    }

    private String sighting(Cat cat, int catNumber, long step, long index) {
        long timeMs = fixTimeMs(cat, step);
        boolean camera = unit(hash(REPORT, index, 0)) < 0.3;
        double eastM;
        double northM;
        double accuracyM;
        if (camera) {
            eastM = cat.trapEastM;
            northM = cat.trapNorthM;
            accuracyM = 5;
        } else {
            // An observer drops a pin within about 30 m of where the cat was.
            double r = 30 * Math.sqrt(unit(hash(DISTANCE, index, 0)));
            double bearing = 2 * Math.PI * unit(hash(BEARING, index, 0));
            eastM = pathEastM(cat, timeMs) + r * Math.sin(bearing);
            northM = pathNorthM(cat, timeMs) + r * Math.cos(bearing);
            accuracyM = 30;
        }

        StringBuilder json = new StringBuilder(260);
        json.append("{\"event_id\":\"").append(cat.eventIdPrefix).append(step);
        json.append(camera ? "-camera" : "-sighting");
        json.append("\",\"municipality_code\":\"").append(municipalityCode);
        json.append("\",\"observed_at\":\"");
        appendLocalTime(json, timeMs, true);
        json.append("\",\"lat\":");
        appendFixed(json, cat.centreLat + northM / METRES_PER_DEGREE, 7);
        json.append(",\"lon\":");
        appendFixed(json, cat.centreLon + eastM / cat.metresPerDegreeLon, 7);
        json.append(",\"source\":\"").append(camera ? "camera_trap" : "sighting");
        json.append("\",\"accuracy_m\":");
        appendFixed(json, accuracyM, 1);
        json.append(",\"ear_tip\":").append(cat.earTipped);
        json.append(",\"coat\":\"").append(cat.coat).append('"');
        double kittens = unit(hash(KITTENS, index, 0));
        if (!camera && kittens < 0.15) {
            json.append(",\"kittens\":").append(1 + (int) (kittens / 0.15 * 4));
        }
        json.append('}');
        return json.toString();
    }

    private long fixTimeMs(Cat cat, long step) {
        return startMs + step * intervalMs + cat.phaseMs;
    }

    private double pathEastM(Cat cat, long timeMs) {
        return cat.radiusM * path(activeSeconds(timeMs), cat.periodsEastS, cat.phasesEast);
    }

    private double pathNorthM(Cat cat, long timeMs) {
        return cat.radiusM * path(activeSeconds(timeMs), cat.periodsNorthS, cat.phasesNorth);
    }

    /** Returns one coordinate of the path in units of the home-range radius, within ±0.7. */
    private static double path(double activeS, double[] periodsS, double[] phases) {
        double sum = 0;
        for (int k = 0; k < AMPLITUDES.length; k++) {
            sum += AMPLITUDES[k] * Math.sin(2 * Math.PI * activeS / periodsS[k] + phases[k]);
        }
        return sum;
    }

    /**
     * Returns the activity clock in seconds since local midnight of the start day: it runs at full
     * speed from 19:00 to 05:00 Japan time and at {@link #DAY_ACTIVITY} by day. The clock is
     * continuous, so the path stays smooth across the change.
     */
    private double activeSeconds(long timeMs) {
        long localMs = timeMs + JST_OFFSET_MS - startDayLocalMs;
        long day = Math.floorDiv(localMs, DAY_MS);
        long msOfDay = Math.floorMod(localMs, DAY_MS);
        double dayActiveMs =
                NIGHT_END_MS
                        + (NIGHT_START_MS - NIGHT_END_MS) * DAY_ACTIVITY
                        + (DAY_MS - NIGHT_START_MS);
        double activeMs;
        if (msOfDay < NIGHT_END_MS) {
            activeMs = msOfDay;
        } else if (msOfDay < NIGHT_START_MS) {
            activeMs = NIGHT_END_MS + (msOfDay - NIGHT_END_MS) * DAY_ACTIVITY;
        } else {
            activeMs =
                    NIGHT_END_MS
                            + (NIGHT_START_MS - NIGHT_END_MS) * DAY_ACTIVITY
                            + (msOfDay - NIGHT_START_MS);
        }
        return (day * dayActiveMs + activeMs) / 1000.0;
    }

    /**
     * Appends an RFC 3339 time stamp in Japan time, with the offset +09:00 if withOffset is set.
     */
    private static void appendLocalTime(StringBuilder out, long timeMs, boolean withOffset) {
        long localMs = timeMs + JST_OFFSET_MS;
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(localMs, DAY_MS));
        long msOfDay = Math.floorMod(localMs, DAY_MS);
        appendPadded(out, date.getYear(), 4);
        out.append('-');
        appendPadded(out, date.getMonthValue(), 2);
        out.append('-');
        appendPadded(out, date.getDayOfMonth(), 2);
        out.append('T');
        appendPadded(out, msOfDay / 3_600_000, 2);
        out.append(':');
        appendPadded(out, msOfDay / 60_000 % 60, 2);
        out.append(':');
        appendPadded(out, msOfDay / 1000 % 60, 2);
        if (msOfDay % 1000 != 0) {
            out.append('.');
            appendPadded(out, msOfDay % 1000, 3);
        }
        if (withOffset) {
            out.append("+09:00");
        }
    }

    /** Appends a value rounded to a fixed number of decimals, without exponent notation. */
    private static void appendFixed(StringBuilder out, double value, int decimals) {
        long scale = 1;
        for (int d = 0; d < decimals; d++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (decimals > 0) {
            out.append('.');
            appendPadded(out, scaled % scale, decimals);
        }
    }

    private static void appendPadded(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int d = digits.length(); d < width; d++) {
            out.append('0');
        }
        out.append(digits);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private double catUnit(int catNumber, int draw) {
        return unit(hash(CAT + draw, catNumber, 0));
    }

    /** Hashes the seed, a purpose and two keys with the SplitMix64 finalizer. */
    private long hash(long purpose, long a, long b) {
        long h = mix(seed + GOLDEN * purpose);
        h = mix(h + GOLDEN + a);
        return mix(h + GOLDEN + b);
    }

    /** The SplitMix64 output function (Steele, Lea and Flood, 2014): a bijective 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns a uniform double in [0, 1) from the top 53 bits of a hash. */
    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Returns a standard normal value from one hash by the Box-Muller transform. */
    private static double gaussian(long h) {
        double u1 = 1.0 - unit(h);
        double u2 = unit(mix(h + GOLDEN));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
