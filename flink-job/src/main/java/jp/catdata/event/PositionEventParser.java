package jp.catdata.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one record of UTF-8 JSON bytes as a {@link PositionEvent}, or rejects it with a reason.
 *
 * <p>This is the single bytes-to-event path: the simulator, the Movebank CSV reader and the
 * JSON-lines reader hand their records to it, and a stream source must do the same. It checks
 * everything that one record shows on its own. Checks that need other records (duplicates, late
 * arrival, speed from the previous fix) run later in the job.
 */
public class PositionEventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Maximum length of {@code event_id} and {@code cat_id}. */
    public static final int MAX_ID_LENGTH = 128;

    /** Earliest accepted observation time: the GPS epoch, 1980-01-06T00:00:00Z. */
    public static final long MIN_OBSERVED_AT_MS = 315_964_800_000L;

    /**
     * Observation times from this instant on (2200-01-01T00:00:00Z) are invalid rather than just in
     * the future, so that no stored time stamp or date partition leaves the range that Athena and
     * DuckDB read.
     */
    public static final long MAX_OBSERVED_AT_MS = 7_258_118_400_000L;

    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    // Without this, readTree stops after the first value and silently drops the
                    // rest, so two records run together ("{...}{...}") would lose the second.
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final String defaultMunicipalityCode;
    private final long maxFutureSkewMs;
    private final WallClock clock;

    /**
     * Creates a parser.
     *
     * @param defaultMunicipalityCode code given to records without one, or null to reject them
     * @param maxFutureSkewMs how far past the wall clock an observation time may lie
     * @param clock the wall clock that future time stamps are measured against
     */
    public PositionEventParser(
            String defaultMunicipalityCode, long maxFutureSkewMs, WallClock clock) {
        if (defaultMunicipalityCode != null && !MunicipalityCode.isValid(defaultMunicipalityCode)) {
            throw new IllegalArgumentException(
                    "invalid default municipality code '"
                            + defaultMunicipalityCode
                            + "': expected six digits ending in the JIS X 0402 check digit,"
                            + " for example 131067");
        }
        this.defaultMunicipalityCode = defaultMunicipalityCode;
        this.maxFutureSkewMs = maxFutureSkewMs;
        this.clock = clock;
    }

    /** Returns the wall clock this parser measures future time stamps against. */
    public WallClock clock() {
        return clock;
    }

    /**
     * Parses one record. Bad content becomes a rejection instead of an exception; only a null
     * argument throws.
     */
    public ParsedRecord parse(byte[] bytes, String origin) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            String lossy = new String(bytes, StandardCharsets.UTF_8);
            return reject(RejectReason.INVALID_JSON, "record is not valid UTF-8", lossy, origin);
        }
        return parse(text, origin);
    }

    /** Parses one record given as text. */
    public ParsedRecord parse(String text, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return reject(RejectReason.INVALID_JSON, jsonErrorDetail(e), text, origin);
        }
        if (root == null || !root.isObject()) {
            return reject(
                    RejectReason.INVALID_JSON,
                    "record is not a JSON object"
                            + (root == null ? "" : " but " + root.getNodeType()),
                    text,
                    origin);
        }
        return new Reader(root, text, origin).read();
    }

    /**
     * Describes a JSON syntax error for an analyst: the position and the first line of Jackson's
     * message, without the Java class and feature names that Jackson adds.
     */
    static String jsonErrorDetail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "syntax error";
        } else if (message.startsWith("Trailing token")) {
            message = "unexpected data after the end of the JSON object";
        } else if (message.contains("nesting depth")) {
            message = "nesting deeper than the maximum of 1000 levels";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        int hint = message.indexOf(" (for ");
        if (hint < 0) {
            hint = message.indexOf(" (through reference chain");
        }
        if (hint >= 0) {
            message = message.substring(0, hint);
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "record is not valid JSON at line "
                    + e.getLocation().getLineNr()
                    + ", column "
                    + e.getLocation().getColumnNr()
                    + ": "
                    + message;
        }
        return "record is not valid JSON: " + message;
    }

    private ParsedRecord reject(RejectReason reason, String detail, String raw, String origin) {
        return ParsedRecord.rejected(
                RejectedRecord.of(reason, detail, raw, origin, clock.currentTimeMillis()));
    }

    /** Signals a failed check while reading fields; caught in {@link Reader#read()}. */
    private static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;

        FieldException(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** Reads the fields of one JSON object, remembering what it has read for the rejection. */
    private final class Reader {
        private final JsonNode root;
        private final String text;
        private final String origin;
        private final PositionEvent event = new PositionEvent();
        private Long observedAtMs;

        Reader(JsonNode root, String text, String origin) {
            this.root = root;
            this.text = text;
            this.origin = origin;
            event.origin = origin;
        }

        ParsedRecord read() {
            try {
                readFields();
            } catch (FieldException e) {
                RejectedRecord rejected =
                        RejectedRecord.of(
                                e.reason, e.getMessage(), text, origin, clock.currentTimeMillis());
                rejected.eventId = event.eventId;
                rejected.catId = event.catId;
                rejected.municipalityCode = event.municipalityCode;
                rejected.observedAtMs = observedAtMs;
                return ParsedRecord.rejected(rejected);
            }
            return ParsedRecord.accepted(event);
        }

        private void readFields() throws FieldException {
            event.eventId = requiredId("event_id");
            event.catId = optionalId("cat_id");
            readMunicipalityCode();

            String observedAt = requiredString("observed_at");
            long parsedMs = parseTimestamp(observedAt);
            if (parsedMs < MIN_OBSERVED_AT_MS || parsedMs >= MAX_OBSERVED_AT_MS) {
                throw new FieldException(
                        RejectReason.INVALID_TIMESTAMP,
                        "field 'observed_at' is '"
                                + observedAt
                                + "': expected an instant from 1980-01-06T00:00:00Z (the GPS"
                                + " epoch) to before 2200-01-01T00:00:00Z");
            }
            observedAtMs = parsedMs;
            event.observedAtMs = observedAtMs;

            event.source = readSource();
            if (event.source == EventSource.GPS_COLLAR && event.catId == null) {
                throw new FieldException(
                        RejectReason.MISSING_FIELD,
                        "field 'cat_id' is required for source 'gps_collar'");
            }

            double lat = requiredNumber("lat");
            double lon = requiredNumber("lon");
            checkCoordinate("lat", lat, 90.0);
            checkCoordinate("lon", lon, 180.0);
            if (lat == 0.0 && lon == 0.0) {
                // (0, 0) lies in the Gulf of Guinea, so for a cat it means the device had no fix.
                // If accepted, it would also make the cat's next fix look impossibly fast.
                throw new FieldException(
                        RejectReason.ZERO_COORDINATES,
                        "fields 'lat' and 'lon' are both 0, the position that GPS devices report"
                                + " without a fix. Leave such fixes out or send the real position");
            }
            event.lat = lat;
            event.lon = lon;

            Double accuracy = optionalNumber("accuracy_m");
            if (accuracy != null && (!Double.isFinite(accuracy) || accuracy < 0)) {
                throw new FieldException(
                        RejectReason.INVALID_VALUE,
                        "field 'accuracy_m' must be a finite number >= 0, got " + accuracy);
            }
            event.accuracyM = accuracy;
            event.earTipped = optionalBoolean("ear_tip");
            event.coat = optionalString("coat");
            event.kittens = optionalCount("kittens");

            long now = clock.currentTimeMillis();
            if (event.observedAtMs > now + maxFutureSkewMs) {
                throw new FieldException(
                        RejectReason.FUTURE_TIMESTAMP,
                        "field 'observed_at' "
                                + observedAt
                                + " lies more than "
                                + maxFutureSkewMs / 1000
                                + " s after the current time "
                                + EventJson.formatInstant(now));
            }

            Boolean outlier = optionalBoolean("outlier");
            if (Boolean.TRUE.equals(outlier)) {
                throw new FieldException(
                        RejectReason.MARKED_OUTLIER,
                        "the device or study marked this fix as an outlier");
            }
        }

        private void readMunicipalityCode() throws FieldException {
            JsonNode node = root.get("municipality_code");
            if (node == null || node.isNull()) {
                if (defaultMunicipalityCode == null) {
                    throw new FieldException(
                            RejectReason.MISSING_FIELD,
                            "field 'municipality_code' is missing and no default code is set");
                }
                event.municipalityCode = defaultMunicipalityCode;
                return;
            }
            if (!node.isTextual()) {
                throw wrongType("municipality_code", "a string of six digits", node);
            }
            String code = node.textValue();
            if (!MunicipalityCode.isValid(code)) {
                throw new FieldException(
                        RejectReason.INVALID_MUNICIPALITY_CODE,
                        "field 'municipality_code' is '"
                                + code
                                + "': expected six digits ending in the JIS X 0402 check digit");
            }
            event.municipalityCode = code;
        }

        private long parseTimestamp(String value) throws FieldException {
            OffsetDateTime parsed = null;
            try {
                parsed = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                return parsed.toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // Fall through: find out whether only the offset is missing.
            } catch (ArithmeticException e) {
                throw new FieldException(
                        RejectReason.INVALID_TIMESTAMP,
                        "field 'observed_at' is '"
                                + value
                                + "': the year "
                                + parsed.getYear()
                                + " is outside the range of epoch milliseconds");
            }
            try {
                LocalDateTime.parse(value.replace(' ', 'T'));
                throw new FieldException(
                        RejectReason.MISSING_TIME_OFFSET,
                        "field 'observed_at' is '"
                                + value
                                + "' without a UTC offset; add one, for example +09:00 or Z");
            } catch (DateTimeParseException e) {
                throw new FieldException(
                        RejectReason.INVALID_TIMESTAMP,
                        "field 'observed_at' is '"
                                + value
                                + "': expected an RFC 3339 date-time such as"
                                + " 2024-05-01T21:30:00+09:00");
            }
        }

        private EventSource readSource() throws FieldException {
            String value = requiredString("source");
            EventSource source = EventSource.fromCode(value);
            if (source == null) {
                throw new FieldException(
                        RejectReason.INVALID_VALUE,
                        "field 'source' is '"
                                + value
                                + "': expected gps_collar, sighting or camera_trap");
            }
            return source;
        }

        private void checkCoordinate(String name, double value, double limit)
                throws FieldException {
            if (!Double.isFinite(value)) {
                throw new FieldException(
                        RejectReason.COORDINATE_NOT_FINITE,
                        "field '" + name + "' is " + value + ": expected a finite number");
            }
            if (value < -limit || value > limit) {
                throw new FieldException(
                        RejectReason.COORDINATE_OUT_OF_RANGE,
                        "field '"
                                + name
                                + "' is "
                                + value
                                + ": expected WGS 84 degrees in [-"
                                + limit
                                + ", "
                                + limit
                                + "]");
            }
        }

        private String requiredId(String name) throws FieldException {
            String value = requiredString(name);
            checkId(name, value);
            return value;
        }

        private String optionalId(String name) throws FieldException {
            String value = optionalString(name);
            if (value != null) {
                checkId(name, value);
            }
            return value;
        }

        private void checkId(String name, String value) throws FieldException {
            if (value.isBlank() || value.length() > MAX_ID_LENGTH) {
                throw new FieldException(
                        RejectReason.INVALID_VALUE,
                        "field '"
                                + name
                                + "' must be 1 to "
                                + MAX_ID_LENGTH
                                + " characters and not blank");
            }
        }

        private String requiredString(String name) throws FieldException {
            String value = optionalString(name);
            if (value == null) {
                throw missing(name);
            }
            return value;
        }

        private String optionalString(String name) throws FieldException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                throw wrongType(name, "a string", node);
            }
            return node.textValue();
        }

        private double requiredNumber(String name) throws FieldException {
            Double value = optionalNumber(name);
            if (value == null) {
                throw missing(name);
            }
            return value;
        }

        private Double optionalNumber(String name) throws FieldException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber()) {
                throw wrongType(name, "a number", node);
            }
            return node.doubleValue();
        }

        private Boolean optionalBoolean(String name) throws FieldException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw wrongType(name, "true or false", node);
            }
            return node.booleanValue();
        }

        private Integer optionalCount(String name) throws FieldException {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber()) {
                throw wrongType(name, "an integer", node);
            }
            if (!node.canConvertToInt()) {
                throw new FieldException(
                        RejectReason.INVALID_VALUE,
                        "field '"
                                + name
                                + "' is "
                                + node.asText()
                                + ": expected an integer from 0 to "
                                + Integer.MAX_VALUE);
            }
            int value = node.intValue();
            if (value < 0) {
                throw new FieldException(
                        RejectReason.INVALID_VALUE,
                        "field '" + name + "' must be >= 0, got " + value);
            }
            return value;
        }

        private FieldException missing(String name) {
            return new FieldException(
                    RejectReason.MISSING_FIELD, "required field '" + name + "' is missing");
        }

        private FieldException wrongType(String name, String expected, JsonNode node) {
            return new FieldException(
                    RejectReason.WRONG_TYPE,
                    "field '"
                            + name
                            + "' must be "
                            + expected
                            + ", got "
                            + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
