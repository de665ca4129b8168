package jp.catdata.source;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import jp.catdata.event.MunicipalityCode;

/**
 * Settings of the built-in cat simulator ({@link CatSimulator}).
 *
 * <p>The defaults model 40 collared community cats in Taito City, Tokyo (municipality code 131067),
 * with home ranges spread around Yanaka. Build an instance with {@link #builder()}. {@link
 * Builder#build()} checks every value and names the setting and its valid range when one is out of
 * range.
 *
 * <p>Each anomaly rate is the expected fraction of all records that show that anomaly. At most one
 * anomaly applies to a record, so the rates must satisfy {@code 2 * outOfOrderRate + duplicateRate
 * + jumpRate + flaggedOutlierRate + lateRate + malformedRate + sightingRate <= 1}. The out-of-order
 * rate counts twice because every out-of-order record comes from swapping a pair of records.
 */
public final class SimulatorSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Maximum number of simulated cats. */
    public static final int MAX_CATS = 100_000;

    /** Maximum number of generated records. */
    public static final long MAX_RECORDS = 1_000_000_000_000L;

    /** Maximum spread radius of the home-range centres around the configured centre. */
    public static final double MAX_SPREAD_RADIUS_M = 20_000.0;

    private static final Instant EARLIEST_START = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST_END = Instant.parse("9999-01-01T00:00:00Z");

    private final int cats;
    private final long records;
    private final long seed;
    private final Instant start;
    private final Duration fixInterval;
    private final String municipalityCode;
    private final double centreLat;
    private final double centreLon;
    private final double spreadRadiusM;
    private final double outOfOrderRate;
    private final double duplicateRate;
    private final double jumpRate;
    private final double flaggedOutlierRate;
    private final double lateRate;
    private final double malformedRate;
    private final double sightingRate;

    private SimulatorSettings(Builder b) {
        cats = b.cats;
        records = b.records;
        seed = b.seed;
        start = b.start;
        fixInterval = b.fixInterval;
        municipalityCode = b.municipalityCode;
        centreLat = b.centreLat;
        centreLon = b.centreLon;
        spreadRadiusM = b.spreadRadiusM;
        outOfOrderRate = b.outOfOrderRate;
        duplicateRate = b.duplicateRate;
        jumpRate = b.jumpRate;
        flaggedOutlierRate = b.flaggedOutlierRate;
        lateRate = b.lateRate;
        malformedRate = b.malformedRate;
        sightingRate = b.sightingRate;
    }

    /** Returns the default settings: 40 cats and 50,000 records in Taito City from seed 21. */
    public static SimulatorSettings defaults() {
        return builder().build();
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Number of simulated cats. Record {@code i} belongs to cat {@code i mod cats}. */
    public int cats() {
        return cats;
    }

    /** Number of records the source generates. */
    public long records() {
        return records;
    }

    /** Seed of every random choice. The same seed and settings give the same records. */
    public long seed() {
        return seed;
    }

    /** Nominal time of the first fix of cat 0. */
    public Instant start() {
        return start;
    }

    /** Time between two nominal fixes of one cat. */
    public Duration fixInterval() {
        return fixInterval;
    }

    /** Six-digit JIS X 0402 municipality code written into every well-formed record. */
    public String municipalityCode() {
        return municipalityCode;
    }

    /** Latitude in degrees of the point around which home-range centres are placed. */
    public double centreLat() {
        return centreLat;
    }

    /** Longitude in degrees of the point around which home-range centres are placed. */
    public double centreLon() {
        return centreLon;
    }

    /** Radius in metres of the disc in which home-range centres are placed. */
    public double spreadRadiusM() {
        return spreadRadiusM;
    }

    /** Fraction of records that carry a fix older than the cat's previous record. */
    public double outOfOrderRate() {
        return outOfOrderRate;
    }

    /** Fraction of records that repeat the cat's record of the previous step byte for byte. */
    public double duplicateRate() {
        return duplicateRate;
    }

    /** Fraction of records whose fix jumps several kilometres away from the home range. */
    public double jumpRate() {
        return jumpRate;
    }

    /** Fraction of records whose fix the device flagged with {@code "outlier": true}. */
    public double flaggedOutlierRate() {
        return flaggedOutlierRate;
    }

    /** Fraction of records that re-send a fix from 3 to 6 hours earlier under a new event id. */
    public double lateRate() {
        return lateRate;
    }

    /** Fraction of records that the parser must reject as malformed. */
    public double malformedRate() {
        return malformedRate;
    }

    /** Fraction of records that are anonymous sightings or camera-trap detections. */
    public double sightingRate() {
        return sightingRate;
    }

    /** Number of fix steps. Step {@code s} contains records {@code s * cats} to the next step's. */
    public long steps() {
        return (records + cats - 1) / cats;
    }

    /**
     * Returns an instant after every time stamp the simulator generates: the nominal time of the
     * step after the last plus one more interval, which covers the per-cat phase and the
     * out-of-order jitter. A parser whose clock reads this instant accepts no simulated fix as a
     * future time stamp.
     */
    public Instant periodEnd() {
        return start.plus(fixInterval.multipliedBy(steps() + 2));
    }

    @Override
    public String toString() {
        return "SimulatorSettings{cats="
                + cats
                + ", records="
                + records
                + ", seed="
                + seed
                + ", start="
                + start
                + ", fixInterval="
                + fixInterval
                + ", municipalityCode="
                + municipalityCode
                + ", centreLat="
                + centreLat
                + ", centreLon="
                + centreLon
                + ", spreadRadiusM="
                + spreadRadiusM
                + ", outOfOrderRate="
                + outOfOrderRate
                + ", duplicateRate="
                + duplicateRate
                + ", jumpRate="
                + jumpRate
                + ", flaggedOutlierRate="
                + flaggedOutlierRate
                + ", lateRate="
                + lateRate
                + ", malformedRate="
                + malformedRate
                + ", sightingRate="
                + sightingRate
                + "}";
    }

    /** Builder of {@link SimulatorSettings}, starting from the default values. */
    public static final class Builder {
        private int cats = 40;
        private long records = 50_000;
        private long seed = 21;
        private Instant start = OffsetDateTime.parse("2026-06-01T00:00:00+09:00").toInstant();
        private Duration fixInterval = Duration.ofMinutes(5);
        private String municipalityCode = "131067";
        // Yanaka, Taito City, a neighbourhood known for its community cats.
        private double centreLat = 35.7260;
        private double centreLon = 139.7690;
        private double spreadRadiusM = 1_500.0;
        private double outOfOrderRate = 0.03;
        private double duplicateRate = 0.01;
        private double jumpRate = 0.005;
        private double flaggedOutlierRate = 0.003;
        private double lateRate = 0.005;
        private double malformedRate = 0.005;
        private double sightingRate = 0.02;

        private Builder() {}

        private Builder(SimulatorSettings s) {
            cats = s.cats;
            records = s.records;
            seed = s.seed;
            start = s.start;
            fixInterval = s.fixInterval;
            municipalityCode = s.municipalityCode;
            centreLat = s.centreLat;
            centreLon = s.centreLon;
            spreadRadiusM = s.spreadRadiusM;
            outOfOrderRate = s.outOfOrderRate;
            duplicateRate = s.duplicateRate;
            jumpRate = s.jumpRate;
            flaggedOutlierRate = s.flaggedOutlierRate;
            lateRate = s.lateRate;
            malformedRate = s.malformedRate;
            sightingRate = s.sightingRate;
        }

        /** Sets the number of cats, 1 to {@value SimulatorSettings#MAX_CATS} (default 40). */
        public Builder cats(int value) {
            cats = value;
            return this;
        }

        /** Sets the number of records, 0 to 10^12 (default 50,000). */
        public Builder records(long value) {
            records = value;
            return this;
        }

        /** Sets the seed (default 21). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Sets the nominal time of the first fix (default 2026-06-01T00:00:00+09:00). */
        public Builder start(Instant value) {
            start = value;
            return this;
        }

        /**
         * Sets the time between fixes of one cat, whole seconds from 1 s to 1 day (default 5 min).
         */
        public Builder fixInterval(Duration value) {
            fixInterval = value;
            return this;
        }

        /** Sets the JIS X 0402 municipality code (default 131067, Taito City, Tokyo). */
        public Builder municipalityCode(String value) {
            municipalityCode = value;
            return this;
        }

        /** Sets the centre of the home ranges in degrees (default 35.7260, 139.7690, Yanaka). */
        public Builder centre(double lat, double lon) {
            centreLat = lat;
            centreLon = lon;
            return this;
        }

        /** Sets the radius of the disc of home-range centres, 0 to 20,000 m (default 1,500 m). */
        public Builder spreadRadiusM(double value) {
            spreadRadiusM = value;
            return this;
        }

        /** Sets the fraction of out-of-order records, 0 to 0.5 (default 0.03). */
        public Builder outOfOrderRate(double value) {
            outOfOrderRate = value;
            return this;
        }

        /** Sets the fraction of duplicate records, 0 to 1 (default 0.01). */
        public Builder duplicateRate(double value) {
            duplicateRate = value;
            return this;
        }

        /** Sets the fraction of fixes that jump kilometres away, 0 to 1 (default 0.005). */
        public Builder jumpRate(double value) {
            jumpRate = value;
            return this;
        }

        /** Sets the fraction of fixes flagged as outliers by the device, 0 to 1 (default 0.003). */
        public Builder flaggedOutlierRate(double value) {
            flaggedOutlierRate = value;
            return this;
        }

        /** Sets the fraction of records re-sent 3 to 6 hours late, 0 to 1 (default 0.005). */
        public Builder lateRate(double value) {
            lateRate = value;
            return this;
        }

        /** Sets the fraction of malformed records, 0 to 1 (default 0.005). */
        public Builder malformedRate(double value) {
            malformedRate = value;
            return this;
        }

        /** Sets the fraction of sightings and camera-trap detections, 0 to 1 (default 0.02). */
        public Builder sightingRate(double value) {
            sightingRate = value;
            return this;
        }

        /** Sets every anomaly rate to zero, leaving only regular fixes. */
        public Builder noAnomalies() {
            outOfOrderRate = 0;
            duplicateRate = 0;
            jumpRate = 0;
            flaggedOutlierRate = 0;
            lateRate = 0;
            malformedRate = 0;
            sightingRate = 0;
            return this;
        }

        /**
         * Checks every value and builds the settings.
         *
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public SimulatorSettings build() {
            checkSize();
            checkTime();
            checkPlace();
            checkRates();
            return new SimulatorSettings(this);
        }

        private void checkSize() {
            check(cats >= 1 && cats <= MAX_CATS, "cats", "between 1 and " + MAX_CATS, cats);
            check(
                    records >= 0 && records <= MAX_RECORDS,
                    "records",
                    "between 0 and " + MAX_RECORDS,
                    records);
        }

        private void checkTime() {
            check(start != null, "start", "an instant", null);
            check(
                    !start.isBefore(EARLIEST_START) && start.isBefore(LATEST_END),
                    "start",
                    "an instant from 1970-01-01T00:00:00Z to before 9999-01-01T00:00:00Z",
                    start);
            check(fixInterval != null, "fixInterval", "a duration", null);
            check(
                    fixInterval.getNano() == 0
                            && fixInterval.getSeconds() >= 1
                            && fixInterval.getSeconds() <= 86_400,
                    "fixInterval",
                    "whole seconds from PT1S to PT24H",
                    fixInterval);

            long steps = (records + cats - 1) / cats;
            boolean endsInTime;
            try {
                Duration period = fixInterval.multipliedBy(Math.addExact(steps, 2));
                endsInTime = start.plus(period).isBefore(LATEST_END);
            } catch (ArithmeticException | DateTimeException e) {
                endsInTime = false;
            }
            check(
                    endsInTime,
                    "records",
                    "small enough that the simulated period, records / cats * fixInterval,"
                            + " ends before 9999-01-01",
                    records);
        }

        private void checkPlace() {
            check(
                    MunicipalityCode.isValid(municipalityCode),
                    "municipalityCode",
                    "six digits ending in the JIS X 0402 check digit, for example 131067",
                    municipalityCode);
            // Japan lies within these bounds, and municipality codes are Japanese.
            check(
                    centreLat >= 20.0 && centreLat <= 46.0,
                    "centreLat",
                    "degrees between 20 and 46, within Japan",
                    centreLat);
            check(
                    centreLon >= 122.0 && centreLon <= 154.0,
                    "centreLon",
                    "degrees between 122 and 154, within Japan",
                    centreLon);
            check(
                    spreadRadiusM >= 0 && spreadRadiusM <= MAX_SPREAD_RADIUS_M,
                    "spreadRadiusM",
                    "metres between 0 and " + MAX_SPREAD_RADIUS_M,
                    spreadRadiusM);
        }

        private void checkRates() {
            checkRate("outOfOrderRate", outOfOrderRate, 0.5);
            checkRate("duplicateRate", duplicateRate, 1.0);
            checkRate("jumpRate", jumpRate, 1.0);
            checkRate("flaggedOutlierRate", flaggedOutlierRate, 1.0);
            checkRate("lateRate", lateRate, 1.0);
            checkRate("malformedRate", malformedRate, 1.0);
            checkRate("sightingRate", sightingRate, 1.0);
            double total =
                    2 * outOfOrderRate
                            + duplicateRate
                            + jumpRate
                            + flaggedOutlierRate
                            + lateRate
                            + malformedRate
                            + sightingRate;
            if (total > 1.0) {
                throw new IllegalArgumentException(
                        "anomaly rates are too high: 2 * outOfOrderRate + duplicateRate + jumpRate"
                                + " + flaggedOutlierRate + lateRate + malformedRate + sightingRate"
                                + " is "
                                + total
                                + " but must be at most 1, so lower one of them");
            }
        }

        private static void check(boolean ok, String name, String range, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(
                        "invalid simulator setting "
                                + name
                                + " = "
                                + value
                                + ": expected "
                                + range);
            }
        }

        private static void checkRate(String name, double value, double max) {
            check(value >= 0 && value <= max, name, "a fraction between 0 and " + max, value);
        }
    }
}
