package jp.catdata.source;

import static jp.catdata.source.FormatReading.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.catdata.event.ParsedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFormatTest {

    private static final String TIDY_HEADER =
            "\"tag_id\",\"event_id\",\"visible\",\"timestamp\",\"location_long\","
                    + "\"location_lat\",\"ground_speed\"\n";

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void detectCsvByExtension() throws IOException {
        // The extension wins over the content.
        assertThat(InputFormat.detect(write("a.csv", "{}\n"))).isEqualTo(InputFormat.MOVEBANK_CSV);
        assertThat(InputFormat.detect(write("b.CSV", "{}\n"))).isEqualTo(InputFormat.MOVEBANK_CSV);
    }

    @Test
    void detectJsonLinesByExtension() throws IOException {
        assertThat(InputFormat.detect(write("a.jsonl", TIDY_HEADER)))
                .isEqualTo(InputFormat.JSON_LINES);
        assertThat(InputFormat.detect(write("a.ndjson", ""))).isEqualTo(InputFormat.JSON_LINES);
        assertThat(InputFormat.detect(write("a.json", ""))).isEqualTo(InputFormat.JSON_LINES);
    }

    @Test
    void detectJsonLinesByContent() throws IOException {
        Path file = write("events.txt", "\n  \n  {\"event_id\":\"e1\"}\n");

        assertThat(InputFormat.detect(file)).isEqualTo(InputFormat.JSON_LINES);
    }

    @Test
    void detectCsvByTidyHeader() throws IOException {
        Path file =
                write("export", TIDY_HEADER + "\"Ares\",1,TRUE,2017-06-24 01:03:57,-5.1,50.2,0\n");

        assertThat(InputFormat.detect(file)).isEqualTo(InputFormat.MOVEBANK_CSV);
    }

    @Test
    void detectCsvByNativeHeader() throws IOException {
        Path file = write("export.txt", "event-id,timestamp,location-lat\n");

        assertThat(InputFormat.detect(file)).isEqualTo(InputFormat.MOVEBANK_CSV);
    }

    @Test
    void detectUnknownContent() throws IOException {
        Path file = write("notes.txt", "hello, world\n");

        assertThatThrownBy(() -> InputFormat.detect(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(".jsonl")
                .hasMessageContaining("--input-format movebank-csv or json-lines");
    }

    @Test
    void detectEmptyFile() throws IOException {
        Path file = write("empty", "");

        assertThatThrownBy(() -> InputFormat.detect(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot detect the format");
    }

    @Test
    void detectMissingFile() {
        Path file = dir.resolve("absent.csv");

        assertThatThrownBy(() -> InputFormat.detect(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void detectDirectory() {
        assertThatThrownBy(() -> InputFormat.detect(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void fromNameValid() {
        assertThat(InputFormat.fromName("movebank-csv")).isEqualTo(InputFormat.MOVEBANK_CSV);
        assertThat(InputFormat.fromName("json-lines")).isEqualTo(InputFormat.JSON_LINES);
        assertThat(InputFormat.fromName("auto")).isNull();
    }

    @Test
    void fromNameInvalid() {
        assertThatThrownBy(() -> InputFormat.fromName("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xml'")
                .hasMessageContaining("movebank-csv, json-lines, auto");
    }

    @Test
    void optionNamesRoundTrip() {
        for (InputFormat format : InputFormat.values()) {
            assertThat(InputFormat.fromName(format.optionName())).isEqualTo(format);
        }
    }

    @Test
    void fileSourceBounded() throws IOException {
        Path file = write("export.csv", TIDY_HEADER);

        FileSource<ParsedRecord> source = InputFormat.fileSource(file, null, parser());

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.getProducedType()).isEqualTo(TypeInformation.of(ParsedRecord.class));
    }

    @Test
    void fileSourceSerializable() throws Exception {
        // Flink serializes the source, with its format and parser, into the job graph.
        Path file = write("events.jsonl", "");
        FileSource<ParsedRecord> source = InputFormat.fileSource(file, null, parser());

        FileSource<ParsedRecord> copy = InstantiationUtil.clone(source);

        assertThat(copy.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void fileSourceChecksCsvHeader() throws IOException {
        Path file = write("events.txt", "a,b\n");

        assertThatThrownBy(() -> InputFormat.fileSource(file, InputFormat.MOVEBANK_CSV, parser()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("location-long");
    }
}
