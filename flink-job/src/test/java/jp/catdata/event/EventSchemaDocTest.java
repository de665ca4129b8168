package jp.catdata.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/event-schema.json}, {@code docs/event-schema.md} and {@link
 * PositionEventParser} in step.
 *
 * <p>The expected field lists are copied from the documentation, not taken from the parser. The
 * tests then show that the parser behaves as the lists describe: it reads each documented field (a
 * value of the wrong type is rejected) and requires each required field.
 */
class EventSchemaDocTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Fields of the canonical event, as listed in the field table of event-schema.md. */
    private static final Set<String> DOCUMENTED_FIELDS =
            Set.of(
                    "event_id",
                    "cat_id",
                    "municipality_code",
                    "observed_at",
                    "lat",
                    "lon",
                    "source",
                    "accuracy_m",
                    "ear_tip",
                    "coat",
                    "kittens",
                    "outlier");

    /** Fields without which a record is rejected when no default municipality code is set. */
    private static final Set<String> REQUIRED_FIELDS =
            Set.of("event_id", "municipality_code", "observed_at", "lat", "lon", "source");

    /** Wall clock of the parser: one day after the latest example record. */
    private static final long NOW_MS = Instant.parse("2026-06-03T00:00:00Z").toEpochMilli();

    private final PositionEventParser parser =
            new PositionEventParser(null, 5 * 60_000L, WallClock.fixed(NOW_MS));

    private static Path docs() {
        // Maven runs tests in the module folder, flink-job/, whose sibling is docs/.
        return Paths.get(System.getProperty("user.dir")).resolve("../docs").normalize();
    }

    private static JsonNode schema() throws IOException {
        return MAPPER.readTree(docs().resolve("event-schema.json").toFile());
    }

    private static String eventSchemaPage() throws IOException {
        return Files.readString(docs().resolve("event-schema.md"), StandardCharsets.UTF_8);
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> textValues(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.textValue()));
        return values;
    }

    /** Builds a valid collar fix that uses every documented field. */
    private static ObjectNode fullFix() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("event_id", "collar-1");
        node.put("cat_id", "yanaka-07");
        node.put("municipality_code", "131067");
        node.put("observed_at", "2026-06-01T21:30:00+09:00");
        node.put("lat", 35.72552);
        node.put("lon", 139.76874);
        node.put("source", "gps_collar");
        node.put("accuracy_m", 6.5);
        node.put("ear_tip", true);
        node.put("coat", "tabby");
        node.put("kittens", 2);
        node.put("outlier", false);
        return node;
    }

    @Test
    void schemaPropertiesAreDocumentedFields() throws IOException {
        assertThat(fieldNames(schema().get("properties")))
                .containsExactlyInAnyOrderElementsOf(DOCUMENTED_FIELDS);
    }

    @Test
    void schemaRequiredMatchesDocument() throws IOException {
        assertThat(textValues(schema().get("required")))
                .containsExactlyInAnyOrderElementsOf(REQUIRED_FIELDS);
    }

    @Test
    void schemaRequiresCatIdForCollar() throws IOException {
        JsonNode schema = schema();
        assertThat(schema.at("/if/properties/source/const").textValue()).isEqualTo("gps_collar");
        assertThat(textValues(schema.at("/then/required"))).containsExactly("cat_id");
    }

    @Test
    void schemaAllowsUnknownFields() throws IOException {
        assertThat(schema().get("additionalProperties").booleanValue()).isTrue();
    }

    @Test
    void schemaSourceEnumIsEventSourceCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        for (EventSource source : EventSource.values()) {
            codes.add(source.code());
        }
        assertThat(textValues(schema().at("/properties/source/enum")))
                .containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void schemaIdLengthIsParserLimit() throws IOException {
        JsonNode properties = schema().get("properties");
        assertThat(properties.at("/event_id/maxLength").intValue())
                .isEqualTo(PositionEventParser.MAX_ID_LENGTH);
        assertThat(properties.at("/cat_id/maxLength").intValue())
                .isEqualTo(PositionEventParser.MAX_ID_LENGTH);
    }

    @Test
    void schemaCodePatternChecksShape() throws IOException {
        Pattern pattern =
                Pattern.compile(schema().at("/properties/municipality_code/pattern").textValue());
        // Taito City, Sapporo and Naha: prefectures 13, 01 and 47.
        assertThat(pattern.matcher("131067").find()).isTrue();
        assertThat(pattern.matcher("011002").find()).isTrue();
        assertThat(pattern.matcher("472018").find()).isTrue();
        assertThat(pattern.matcher("001007").find()).as("prefecture 00").isFalse();
        assertThat(pattern.matcher("481009").find()).as("prefecture 48").isFalse();
        assertThat(pattern.matcher("13106").find()).as("five digits").isFalse();
        assertThat(pattern.matcher("1310670").find()).as("seven digits").isFalse();
    }

    @Test
    void schemaTimePatternRequiresOffset() throws IOException {
        Pattern pattern =
                Pattern.compile(schema().at("/properties/observed_at/pattern").textValue());
        assertThat(pattern.matcher("2026-06-01T21:30:00+09:00").find()).isTrue();
        assertThat(pattern.matcher("2026-06-01T12:30:00.250Z").find()).isTrue();
        assertThat(pattern.matcher("2026-06-01T21:30:00").find()).as("no offset").isFalse();
        assertThat(pattern.matcher("2026-06-01 21:30:00").find()).as("space").isFalse();
    }

    @Test
    void parserAcceptsFullFix() {
        ParsedRecord record = parser.parse(fullFix().toString(), "doc");
        assertThat(record.rejected).isNull();
        assertThat(record.isAccepted()).isTrue();
    }

    @Test
    void parserReadsEveryDocumentedField() {
        for (String field : DOCUMENTED_FIELDS) {
            ObjectNode node = fullFix();
            // No documented field is an array, so a parser that reads the field rejects this.
            node.putArray(field).add(1);
            ParsedRecord record = parser.parse(node.toString(), "doc");
            assertThat(record.isAccepted()).as("accepted with %s as an array", field).isFalse();
            assertThat(record.rejected.reason).as(field).isEqualTo("wrong_type");
        }
    }

    @Test
    void parserIgnoresUndocumentedField() {
        ObjectNode node = fullFix();
        node.putArray("battery_v").add(3.7);
        assertThat(parser.parse(node.toString(), "doc").isAccepted()).isTrue();
    }

    @Test
    void parserRequiresRequiredFields() {
        for (String field : REQUIRED_FIELDS) {
            ObjectNode node = fullFix();
            node.remove(field);
            ParsedRecord record = parser.parse(node.toString(), "doc");
            assertThat(record.isAccepted()).as("accepted without %s", field).isFalse();
            assertThat(record.rejected.reason).as(field).isEqualTo("missing_field");
        }
    }

    @Test
    void parserAcceptsWithoutOptionalFields() {
        for (String field : DOCUMENTED_FIELDS) {
            if (REQUIRED_FIELDS.contains(field) || field.equals("cat_id")) {
                continue;
            }
            ObjectNode node = fullFix();
            node.remove(field);
            assertThat(parser.parse(node.toString(), "doc").isAccepted())
                    .as("rejected without %s", field)
                    .isTrue();
        }
    }

    @Test
    void parserRequiresCatIdOnlyForCollar() {
        ObjectNode collar = fullFix();
        collar.remove("cat_id");
        ParsedRecord record = parser.parse(collar.toString(), "doc");
        assertThat(record.isAccepted()).isFalse();
        assertThat(record.rejected.reason).isEqualTo("missing_field");

        ObjectNode sighting = fullFix();
        sighting.remove("cat_id");
        sighting.put("source", "sighting");
        assertThat(parser.parse(sighting.toString(), "doc").isAccepted()).isTrue();
    }

    @Test
    void pageMentionsEveryRejectReason() throws IOException {
        String page = eventSchemaPage();
        List<String> missing = new ArrayList<>();
        for (RejectReason reason : RejectReason.values()) {
            if (!page.contains("`" + reason.code() + "`")) {
                missing.add(reason.code());
            }
        }
        assertThat(missing).as("reject reason codes missing from event-schema.md").isEmpty();
    }

    @Test
    void pageExamplesAreAccepted() throws IOException {
        String page = eventSchemaPage();
        int start = page.indexOf("## Example records");
        assertThat(start).as("heading '## Example records'").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);

        List<String> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            examples.add(block.group(1));
        }
        assertThat(examples).hasSize(3);

        Set<String> sources = new TreeSet<>();
        for (String example : examples) {
            ParsedRecord record = parser.parse(example, "doc");
            assertThat(record.isAccepted())
                    .as("%s rejected: %s", example, record.rejected)
                    .isTrue();
            sources.add(record.event.source.code());
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(Arrays.asList(sourceCodes()));
    }

    private static String[] sourceCodes() {
        return Arrays.stream(EventSource.values()).map(EventSource::code).toArray(String[]::new);
    }
}
