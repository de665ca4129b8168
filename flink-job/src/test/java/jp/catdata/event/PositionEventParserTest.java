package jp.catdata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionEventParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * 2024-05-01T12:00:00Z: 19 844 days after 1970-01-01 (54 years with 13 leap days, then 121).
     */
    private static final long NOW_MS = 19_844L * 86_400_000L + 12 * 3_600_000L;

    private static final long MINUTE_MS = 60_000L;

    private static final String ORIGIN = "test.jsonl:7";

    private final PositionEventParser parser =
            new PositionEventParser("131067", 5 * MINUTE_MS, WallClock.fixed(NOW_MS));

    private final PositionEventParser parserWithoutDefault =
            new PositionEventParser(null, 5 * MINUTE_MS, WallClock.fixed(NOW_MS));

    /** A valid GPS collar fix observed 30 minutes before {@link #NOW_MS}. */
    private static ObjectNode collarFix() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event_id", "evt-1");
        node.put("cat_id", "cat-42");
        node.put("municipality_code", "131016");
        node.put("observed_at", "2024-05-01T11:30:00Z");
        node.put("lat", 35.6812);
        node.put("lon", 139.7671);
        node.put("source", "gps_collar");
        return node;
    }

    private ParsedRecord parse(ObjectNode node) {
        return parser.parse(node.toString(), ORIGIN);
    }

    private static RejectedRecord rejected(ParsedRecord record) {
        assertThat(record.isAccepted()).as("accepted, expected a rejection").isFalse();
        assertThat(record.event).isNull();
        assertThat(record.rejected).isNotNull();
        return record.rejected;
    }

    private static PositionEvent accepted(ParsedRecord record) {
        assertThat(record.rejected).as("rejection").isNull();
        assertThat(record.isAccepted()).isTrue();
        return record.event;
    }

    // Accepted records.

    @Test
    void acceptedSightingMapsEveryField() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event_id", "sight-9");
        node.put("cat_id", "cat-7");
        node.put("municipality_code", "131041");
        node.put("observed_at", "2024-05-01T20:30:00+09:00");
        node.put("lat", 35.6938);
        node.put("lon", 139.7034);
        node.put("source", "sighting");
        node.put("accuracy_m", 12.5);
        node.put("ear_tip", true);
        node.put("coat", "tabby");
        node.put("kittens", 3);
        node.put("outlier", false);

        PositionEvent event = accepted(parse(node));

        assertThat(event.eventId).isEqualTo("sight-9");
        assertThat(event.catId).isEqualTo("cat-7");
        assertThat(event.municipalityCode).isEqualTo("131041");
        // 20:30 at +09:00 is 11:30 UTC on the same day: (19 844 days * 86 400 s + 11.5 h) in ms.
        assertThat(event.observedAtMs).isEqualTo(1_714_563_000_000L);
        assertThat(event.observedAtMs).isEqualTo(NOW_MS - 30 * MINUTE_MS);
        assertThat(event.lat).isEqualTo(35.6938);
        assertThat(event.lon).isEqualTo(139.7034);
        assertThat(event.source).isEqualTo(EventSource.SIGHTING);
        assertThat(event.accuracyM).isEqualTo(12.5);
        assertThat(event.earTipped).isTrue();
        assertThat(event.coat).isEqualTo("tabby");
        assertThat(event.kittens).isEqualTo(3);
        assertThat(event.origin).isEqualTo(ORIGIN);
    }

    @Test
    void acceptedCollarFixOptionalFieldsNull() {
        PositionEvent event = accepted(parse(collarFix()));

        assertThat(event.source).isEqualTo(EventSource.GPS_COLLAR);
        assertThat(event.observedAtMs).isEqualTo(NOW_MS - 30 * MINUTE_MS);
        assertThat(event.accuracyM).isNull();
        assertThat(event.earTipped).isNull();
        assertThat(event.coat).isNull();
        assertThat(event.kittens).isNull();
        assertThat(event.hasCat()).isTrue();
    }

    @Test
    void acceptedFromUtf8Bytes() {
        ObjectNode node = collarFix();
        node.put("coat", "三毛");
        PositionEvent event =
                accepted(parser.parse(node.toString().getBytes(StandardCharsets.UTF_8), ORIGIN));
        assertThat(event.coat).isEqualTo("三毛");
    }

    @Test
    void acceptedCameraTrap() {
        ObjectNode node = collarFix();
        node.put("source", "camera_trap");
        assertThat(accepted(parse(node)).source).isEqualTo(EventSource.CAMERA_TRAP);
    }

    @Test
    void anonymousSightingAccepted() {
        ObjectNode node = collarFix();
        node.remove("cat_id");
        node.put("source", "sighting");

        PositionEvent event = accepted(parse(node));

        assertThat(event.catId).isNull();
        assertThat(event.hasCat()).isFalse();
    }

    @Test
    void defaultMunicipalityCodeWhenAbsent() {
        ObjectNode node = collarFix();
        node.remove("municipality_code");
        assertThat(accepted(parse(node)).municipalityCode).isEqualTo("131067");
    }

    @Test
    void defaultMunicipalityCodeWhenNull() {
        ObjectNode node = collarFix();
        node.putNull("municipality_code");
        assertThat(accepted(parse(node)).municipalityCode).isEqualTo("131067");
    }

    @Test
    void coordinateLimitsAccepted() {
        ObjectNode node = collarFix();
        node.put("lat", -90.0);
        node.put("lon", 180.0);
        PositionEvent event = accepted(parse(node));
        assertThat(event.lat).isEqualTo(-90.0);
        assertThat(event.lon).isEqualTo(180.0);
    }

    @Test
    void integerCoordinatesAccepted() {
        ObjectNode node = collarFix();
        node.put("lat", 35);
        node.put("lon", 139);
        PositionEvent event = accepted(parse(node));
        assertThat(event.lat).isEqualTo(35.0);
        assertThat(event.lon).isEqualTo(139.0);
    }

    // Records that are not a JSON object.

    @Test
    void invalidUtf8() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        RejectedRecord r = rejected(parser.parse(bytes, ORIGIN));

        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("not valid UTF-8");
        assertThat(r.raw).startsWith("{\"a\":\"");
        assertThat(r.origin).isEqualTo(ORIGIN);
    }

    @Test
    void notJson() {
        RejectedRecord r = rejected(parser.parse("event_id=1,lat=35", ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("not valid JSON");
    }

    @Test
    void truncatedJson() {
        String text = collarFix().toString();
        RejectedRecord r = rejected(parser.parse(text.substring(0, text.length() - 1), ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
    }

    @Test
    void jsonArray() {
        RejectedRecord r = rejected(parser.parse("[" + collarFix() + "]", ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "null", "42", "\"text\""})
    void jsonNotObject(String text) {
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("not a JSON object");
    }

    @Test
    void twoObjectsInOneRecord() {
        // The second object must not be dropped silently.
        String text = collarFix().toString() + collarFix().put("event_id", "evt-2");
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
    }

    @Test
    void deeplyNestedJson() {
        // Jackson 2.17 stops at 1000 levels of nesting (StreamReadConstraints.DEFAULT_MAX_DEPTH).
        String text = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.rawTruncated).isTrue();
    }

    @Test
    void duplicateKey() {
        String text = collarFix().toString().replace("{", "{\"lat\":1.0,");
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("lat");
    }

    // Missing fields.

    @ParameterizedTest
    @ValueSource(strings = {"event_id", "observed_at", "lat", "lon", "source"})
    void missingRequiredField(String field) {
        ObjectNode node = collarFix();
        node.remove(field);

        RejectedRecord r = rejected(parse(node));

        assertThat(r.reason).isEqualTo("missing_field");
        assertThat(r.detail).contains("'" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_id", "observed_at", "lat", "lon", "source"})
    void nullRequiredField(String field) {
        ObjectNode node = collarFix();
        node.putNull(field);

        RejectedRecord r = rejected(parse(node));

        assertThat(r.reason).isEqualTo("missing_field");
        assertThat(r.detail).contains("'" + field + "'");
    }

    @Test
    void missingMunicipalityCodeWithoutDefault() {
        ObjectNode node = collarFix();
        node.remove("municipality_code");

        RejectedRecord r = rejected(parserWithoutDefault.parse(node.toString(), ORIGIN));

        assertThat(r.reason).isEqualTo("missing_field");
        assertThat(r.detail).contains("'municipality_code'");
    }

    @Test
    void collarFixWithoutCatId() {
        ObjectNode node = collarFix();
        node.remove("cat_id");

        RejectedRecord r = rejected(parse(node));

        assertThat(r.reason).isEqualTo("missing_field");
        assertThat(r.detail).contains("'cat_id'").contains("gps_collar");
    }

    // Wrong types.

    @Test
    void latAsString() {
        ObjectNode node = collarFix();
        node.put("lat", "35.6812");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'lat'").contains("string");
    }

    @Test
    void lonAsBoolean() {
        ObjectNode node = collarFix();
        node.put("lon", true);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'lon'");
    }

    @Test
    void earTipAsString() {
        ObjectNode node = collarFix();
        node.put("ear_tip", "yes");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'ear_tip'");
    }

    @Test
    void kittensAsFraction() {
        ObjectNode node = collarFix();
        node.put("kittens", 1.5);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'kittens'").contains("integer");
    }

    @Test
    void kittensTooLargeForInt() {
        ObjectNode node = collarFix();
        node.put("kittens", 3_000_000_000L);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'kittens'").contains("3000000000");
    }

    @Test
    void timeBeforeGpsEpochRejected() {
        ObjectNode node = collarFix();
        node.put("observed_at", "1980-01-05T23:59:59.999Z");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_timestamp");
        assertThat(r.detail).contains("1980-01-06T00:00:00Z");
        assertThat(r.observedAtMs).isNull();
    }

    @Test
    void gpsEpochAccepted() {
        ObjectNode node = collarFix();
        node.put("observed_at", "1980-01-06T09:00:00+09:00");
        assertThat(parse(node).event.observedAtMs).isEqualTo(315_964_800_000L);
    }

    @Test
    void year2200Rejected() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2200-01-01T00:00:00Z");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_timestamp");
        assertThat(r.observedAtMs).isNull();
    }

    @Test
    void trailingDataDetailReadable() {
        RejectedRecord r = rejected(parser.parse("{\"event_id\":\"a\"} {}", "test"));
        assertThat(r.reason).isEqualTo("invalid_json");
        assertThat(r.detail).contains("unexpected data after the end of the JSON object");
        assertThat(r.detail).doesNotContain("jackson").doesNotContain("DeserializationFeature");
    }

    @Test
    void eventIdAsNumber() {
        ObjectNode node = collarFix();
        node.put("event_id", 17);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'event_id'");
    }

    @Test
    void observedAtAsNumber() {
        ObjectNode node = collarFix();
        node.put("observed_at", NOW_MS);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'observed_at'");
    }

    @Test
    void municipalityCodeAsNumber() {
        ObjectNode node = collarFix();
        node.put("municipality_code", 131016);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("wrong_type");
        assertThat(r.detail).contains("'municipality_code'");
    }

    // Invalid values.

    @Test
    void unknownSource() {
        ObjectNode node = collarFix();
        node.put("source", "drone");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'drone'");
    }

    @Test
    void sourceUpperCase() {
        ObjectNode node = collarFix();
        node.put("source", "GPS_COLLAR");
        assertThat(rejected(parse(node)).reason).isEqualTo("invalid_value");
    }

    @Test
    void latAbove90() {
        ObjectNode node = collarFix();
        node.put("lat", 91.0);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("coordinate_out_of_range");
        assertThat(r.detail).contains("'lat'").contains("91.0");
    }

    @Test
    void lonBelowMinus180() {
        ObjectNode node = collarFix();
        node.put("lon", -181.0);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("coordinate_out_of_range");
        assertThat(r.detail).contains("'lon'").contains("-181.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400"})
    void latNotFinite(String token) {
        String text = collarFix().toString().replace("35.6812", token);
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("coordinate_not_finite");
        assertThat(r.detail).contains("'lat'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void lonNotFinite(String token) {
        String text = collarFix().toString().replace("139.7671", token);
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("coordinate_not_finite");
        assertThat(r.detail).contains("'lon'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0, 0", "0.0, 0.0", "-0.0, 0", "0e0, -0.0"})
    void zeroCoordinatesRejected(String latAndLon) {
        String[] parts = latAndLon.split(", ");
        String text =
                collarFix().toString().replace("35.6812", parts[0]).replace("139.7671", parts[1]);
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("zero_coordinates");
        assertThat(r.detail).contains("'lat'").contains("'lon'").contains("without a fix");
        assertThat(r.eventId).isEqualTo("evt-1");
        assertThat(r.catId).isEqualTo("cat-42");
    }

    @Test
    void zeroCoordinatesRejectedForSighting() {
        ObjectNode node = collarFix();
        node.put("source", "sighting");
        node.put("lat", 0.0);
        node.put("lon", 0.0);
        assertThat(rejected(parse(node)).reason).isEqualTo("zero_coordinates");
    }

    @Test
    void equatorAccepted() {
        ObjectNode node = collarFix();
        node.put("lat", 0.0);
        assertThat(accepted(parse(node)).lat).isEqualTo(0.0);
    }

    @Test
    void primeMeridianAccepted() {
        ObjectNode node = collarFix();
        node.put("lon", 0.0);
        assertThat(accepted(parse(node)).lon).isEqualTo(0.0);
    }

    @Test
    void badCheckDigit() {
        ObjectNode node = collarFix();
        node.put("municipality_code", "131017");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_municipality_code");
        assertThat(r.detail).contains("'131017'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13101", "1310160", "13101a", "001007", "481009"})
    void malformedMunicipalityCode(String code) {
        ObjectNode node = collarFix();
        node.put("municipality_code", code);
        assertThat(rejected(parse(node)).reason).isEqualTo("invalid_municipality_code");
    }

    @Test
    void negativeAccuracy() {
        ObjectNode node = collarFix();
        node.put("accuracy_m", -1.0);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'accuracy_m'");
    }

    @Test
    void accuracyNaN() {
        String text = collarFix().put("accuracy_m", 1.0).toString().replace("1.0", "NaN");
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'accuracy_m'");
    }

    @Test
    void zeroAccuracyAccepted() {
        ObjectNode node = collarFix();
        node.put("accuracy_m", 0.0);
        assertThat(accepted(parse(node)).accuracyM).isEqualTo(0.0);
    }

    @Test
    void negativeKittens() {
        ObjectNode node = collarFix();
        node.put("kittens", -1);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'kittens'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankEventId(String id) {
        ObjectNode node = collarFix();
        node.put("event_id", id);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'event_id'");
    }

    @Test
    void eventIdLengthLimit() {
        ObjectNode node = collarFix();
        node.put("event_id", "e".repeat(PositionEventParser.MAX_ID_LENGTH));
        accepted(parse(node));

        node.put("event_id", "e".repeat(PositionEventParser.MAX_ID_LENGTH + 1));
        assertThat(rejected(parse(node)).reason).isEqualTo("invalid_value");
    }

    @Test
    void catIdTooLong() {
        ObjectNode node = collarFix();
        node.put("cat_id", "c".repeat(PositionEventParser.MAX_ID_LENGTH + 1));
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_value");
        assertThat(r.detail).contains("'cat_id'");
    }

    // Time stamps.

    @Test
    void timestampWithoutOffset() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01T11:30:00");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("missing_time_offset");
        assertThat(r.detail).contains("'2024-05-01T11:30:00'");
    }

    @Test
    void movebankTimestampWithoutOffset() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01 11:30:00");
        assertThat(rejected(parse(node)).reason).isEqualTo("missing_time_offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2024-13-01T00:00:00Z", "2024-05-01", "1714566600"})
    void garbageTimestamp(String value) {
        ObjectNode node = collarFix();
        node.put("observed_at", value);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_timestamp");
        assertThat(r.detail).contains("'observed_at'");
    }

    @Test
    void yearBeyondEpochMillisRejected() {
        ObjectNode node = collarFix();
        node.put("observed_at", "+999999999-01-01T00:00:00Z");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("invalid_timestamp");
        assertThat(r.detail).contains("999999999");
    }

    @Test
    void sixMinutesInFutureRejected() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01T12:06:00Z");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("future_timestamp");
        assertThat(r.observedAtMs).isEqualTo(NOW_MS + 6 * MINUTE_MS);
    }

    @Test
    void fourMinutesInFutureAccepted() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01T12:04:00Z");
        assertThat(accepted(parse(node)).observedAtMs).isEqualTo(NOW_MS + 4 * MINUTE_MS);
    }

    @Test
    void exactlyMaxSkewAccepted() {
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01T21:05:00+09:00");
        assertThat(accepted(parse(node)).observedAtMs).isEqualTo(NOW_MS + 5 * MINUTE_MS);
    }

    @Test
    void futureMeasuredInUtcNotLocalTime() {
        // 21:06 at +09:00 is 12:06 UTC, six minutes after the clock.
        ObjectNode node = collarFix();
        node.put("observed_at", "2024-05-01T21:06:00+09:00");
        assertThat(rejected(parse(node)).reason).isEqualTo("future_timestamp");
    }

    // Outliers.

    @Test
    void markedOutlier() {
        ObjectNode node = collarFix();
        node.put("outlier", true);
        RejectedRecord r = rejected(parse(node));
        assertThat(r.reason).isEqualTo("marked_outlier");
    }

    @Test
    void outlierAsString() {
        ObjectNode node = collarFix();
        node.put("outlier", "true");
        assertThat(rejected(parse(node)).reason).isEqualTo("wrong_type");
    }

    // What a rejection keeps.

    @Test
    void rejectionKeepsRawAndFieldsRead() {
        ObjectNode node = collarFix();
        node.put("outlier", true);
        String text = node.toString();

        RejectedRecord r = rejected(parser.parse(text, ORIGIN));

        assertThat(r.raw).isEqualTo(text);
        assertThat(r.rawTruncated).isFalse();
        assertThat(r.origin).isEqualTo(ORIGIN);
        assertThat(r.eventId).isEqualTo("evt-1");
        assertThat(r.catId).isEqualTo("cat-42");
        assertThat(r.municipalityCode).isEqualTo("131016");
        assertThat(r.observedAtMs).isEqualTo(NOW_MS - 30 * MINUTE_MS);
        assertThat(r.rejectedAtMs).isEqualTo(NOW_MS);
    }

    @Test
    void rejectionBeforeTimestampHasNoTime() {
        ObjectNode node = collarFix();
        node.put("municipality_code", "131017");
        RejectedRecord r = rejected(parse(node));
        assertThat(r.eventId).isEqualTo("evt-1");
        assertThat(r.observedAtMs).isNull();
        assertThat(r.municipalityCode).isNull();
    }

    @Test
    void rawCutAtMaxChars() {
        ObjectNode node = collarFix();
        node.put("coat", "x".repeat(RejectedRecord.MAX_RAW_CHARS));
        node.put("lat", 91.0);
        String text = node.toString();

        RejectedRecord r = rejected(parser.parse(text, ORIGIN));

        assertThat(r.reason).isEqualTo("coordinate_out_of_range");
        assertThat(r.rawTruncated).isTrue();
        assertThat(r.raw).hasSize(RejectedRecord.MAX_RAW_CHARS);
        assertThat(r.raw).isEqualTo(text.substring(0, RejectedRecord.MAX_RAW_CHARS));
    }

    @Test
    void rawOfExactlyMaxCharsKept() {
        String text = "x".repeat(RejectedRecord.MAX_RAW_CHARS);
        RejectedRecord r = rejected(parser.parse(text, ORIGIN));
        assertThat(r.raw).isEqualTo(text);
        assertThat(r.rawTruncated).isFalse();
    }

    @Test
    void rawCutKeepsSurrogatePairWhole() {
        // U+1F408 (cat) is two UTF-16 chars. It sits across the cut, so only its high surrogate
        // would fit.
        String text = "x".repeat(RejectedRecord.MAX_RAW_CHARS - 1) + "\uD83D\uDC08" + "tail";

        RejectedRecord r = rejected(parser.parse(text, ORIGIN));

        assertThat(r.rawTruncated).isTrue();
        assertThat(r.raw).isEqualTo("x".repeat(RejectedRecord.MAX_RAW_CHARS - 1));
    }

    @Test
    void invalidDefaultCodeRejected() {
        assertThatThrownBy(() -> new PositionEventParser("131017", MINUTE_MS, WallClock.fixed(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'131017'");
    }
}
