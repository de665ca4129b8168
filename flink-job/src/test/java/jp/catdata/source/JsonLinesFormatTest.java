package jp.catdata.source;

import static jp.catdata.source.FormatReading.parser;
import static jp.catdata.source.FormatReading.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.RejectedRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {

    private static final String FIRST =
            "{\"event_id\":\"e1\",\"cat_id\":\"c1\",\"municipality_code\":\"131067\","
                    + "\"observed_at\":\"2024-05-01T21:30:00+09:00\",\"lat\":35.68,\"lon\":139.76,"
                    + "\"source\":\"gps_collar\"}";

    private static final String NOT_JSON = "{\"event_id\": \"e2\", ";

    private static final String LAST =
            "{\"event_id\":\"e6\",\"observed_at\":\"2024-05-01T12:31:00Z\",\"lat\":35.69,"
                    + "\"lon\":139.7,\"source\":\"sighting\",\"ear_tip\":true}";

    @TempDir Path dir;

    private List<ParsedRecord> records;

    /**
     * Writes and reads a file of eight physical lines. They are a valid event (CRLF), invalid JSON,
     * invalid UTF-8, an empty line, a line of spaces, an over-long line and a valid sighting. The
     * last line is a JSON array without a line break.
     */
    @BeforeEach
    void readSample() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((FIRST + "\r\n").getBytes(StandardCharsets.UTF_8));
        bytes.write((NOT_JSON + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write("{\"event_id\":\"e3\",\"coat\":\"".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("   \n".getBytes(StandardCharsets.UTF_8));
        String longLine =
                "{\"event_id\":\"e5\",\"coat\":\""
                        + "x".repeat(JsonLinesFormat.MAX_LINE_BYTES)
                        + "\"}\n";
        bytes.write(longLine.getBytes(StandardCharsets.UTF_8));
        bytes.write((LAST + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.write("[1,2]".getBytes(StandardCharsets.UTF_8));

        Path file = dir.resolve("events.jsonl");
        Files.write(file, bytes.toByteArray());
        records = readAll(new JsonLinesFormat(parser(), "events.jsonl"), file);
    }

    @Test
    void oneRecordPerNonBlankLine() {
        assertThat(records).hasSize(6);
    }

    @Test
    void validLineAccepted() {
        ParsedRecord first = records.get(0);

        assertThat(first.isAccepted()).isTrue();
        assertThat(first.event.eventId).isEqualTo("e1");
        assertThat(first.event.observedAtMs).isEqualTo(1_714_566_600_000L);
        assertThat(first.event.lat).isEqualTo(35.68);
        assertThat(first.event.origin).isEqualTo("events.jsonl:1");
    }

    @Test
    void invalidJsonRejected() {
        RejectedRecord rejected = records.get(1).rejected;

        assertThat(rejected.reason).isEqualTo("invalid_json");
        assertThat(rejected.raw).isEqualTo(NOT_JSON);
        assertThat(rejected.origin).isEqualTo("events.jsonl:2");
    }

    @Test
    void invalidUtf8Rejected() {
        RejectedRecord rejected = records.get(2).rejected;

        assertThat(rejected.reason).isEqualTo("invalid_json");
        assertThat(rejected.detail).contains("UTF-8");
        assertThat(rejected.origin).isEqualTo("events.jsonl:3");
    }

    @Test
    void overLongLineRejected() {
        RejectedRecord rejected = records.get(3).rejected;

        assertThat(rejected.reason).isEqualTo("invalid_json");
        assertThat(rejected.detail).contains(String.valueOf(JsonLinesFormat.MAX_LINE_BYTES));
        assertThat(rejected.rawTruncated).isTrue();
        assertThat(rejected.raw).hasSize(RejectedRecord.MAX_RAW_CHARS);
        assertThat(rejected.raw).startsWith("{\"event_id\":\"e5\"");
        assertThat(rejected.origin).isEqualTo("events.jsonl:6");
    }

    @Test
    void readingContinuesAfterBadLines() {
        ParsedRecord last = records.get(4);

        assertThat(last.isAccepted()).isTrue();
        assertThat(last.event.eventId).isEqualTo("e6");
        assertThat(last.event.earTipped).isTrue();
        assertThat(last.event.origin).isEqualTo("events.jsonl:7");
    }

    @Test
    void lastLineWithoutBreakRead() {
        RejectedRecord rejected = records.get(5).rejected;

        assertThat(rejected.reason).isEqualTo("invalid_json");
        assertThat(rejected.raw).isEqualTo("[1,2]");
        assertThat(rejected.origin).isEqualTo("events.jsonl:8");
    }
}
