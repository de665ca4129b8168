package jp.catdata.source;

import static jp.catdata.source.FormatReading.DEFAULT_MUNICIPALITY;
import static jp.catdata.source.FormatReading.NOW_MS;
import static jp.catdata.source.FormatReading.parser;
import static jp.catdata.source.FormatReading.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.catdata.event.EventSource;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovebankCsvFormatTest {

    private static final String REAL_FILE_NAME = "cats_uk.csv";

    private static final DateTimeFormatter MOVEBANK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir Path dir;

    /** Returns the real tidy export from the shared data folder beside the repository. */
    private static Path realFile() {
        String shared = System.getProperty("catdata.shared.dir", "../../shared");
        Path file = Path.of(shared, "data", "pet-cats-uk", REAL_FILE_NAME);
        assertThat(file).as("real Movebank export").isRegularFile();
        return file;
    }

    /** One data row of the real file, split on commas (no cell in it contains a comma). */
    private static final class RealRow {
        final int lineNumber;
        final String line;
        final Map<String, String> cells = new HashMap<>();

        RealRow(int lineNumber, String line, String[] header) {
            this.lineNumber = lineNumber;
            this.line = line;
            String[] values = line.split(",", -1);
            for (int i = 0; i < header.length; i++) {
                cells.put(header[i], values[i].replace("\"", ""));
            }
        }

        String get(String column) {
            return cells.get(column);
        }

        boolean markedOutlier() {
            return get("visible").equals("FALSE")
                    || get("algorithm_marked_outlier").equals("TRUE")
                    || get("manually_marked_outlier").equals("TRUE");
        }
    }

    private static List<RealRow> readRealRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).replace("\"", "").split(",");
        List<RealRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            rows.add(new RealRow(i + 1, lines.get(i), header));
        }
        return rows;
    }

    @Test
    void realFileOneRecordPerRow() throws IOException {
        Path file = realFile();
        List<RealRow> rows = readRealRows(file);

        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), REAL_FILE_NAME), file);

        assertThat(rows).hasSize(18_215);
        assertThat(records).hasSize(rows.size());
        Set<String> expectedOrigins = new HashSet<>();
        for (RealRow row : rows) {
            expectedOrigins.add(REAL_FILE_NAME + ":" + row.lineNumber);
        }
        Set<String> origins = new HashSet<>();
        for (ParsedRecord record : records) {
            origins.add(record.isAccepted() ? record.event.origin : record.rejected.origin);
        }
        assertThat(origins).isEqualTo(expectedOrigins);
    }

    @Test
    void realFileOutliersRejected() throws IOException {
        Path file = realFile();
        List<RealRow> rows = readRealRows(file);
        long expectedOutliers = rows.stream().filter(RealRow::markedOutlier).count();

        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), REAL_FILE_NAME), file);

        long outliers =
                records.stream()
                        .filter(r -> !r.isAccepted() && r.rejected.reason.equals("marked_outlier"))
                        .count();
        long otherRejections =
                records.stream()
                        .filter(r -> !r.isAccepted() && !r.rejected.reason.equals("marked_outlier"))
                        .count();
        assertThat(expectedOutliers).isPositive();
        assertThat(outliers).isEqualTo(expectedOutliers);
        assertThat(otherRejections).isZero();
    }

    @Test
    void realFileRejectionKeepsCsvLine() throws IOException {
        Path file = realFile();
        Map<String, RealRow> rowsByOrigin = new HashMap<>();
        for (RealRow row : readRealRows(file)) {
            rowsByOrigin.put(REAL_FILE_NAME + ":" + row.lineNumber, row);
        }

        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), REAL_FILE_NAME), file);

        for (ParsedRecord record : records) {
            if (record.isAccepted()) {
                continue;
            }
            RealRow row = rowsByOrigin.get(record.rejected.origin);
            assertThat(row.markedOutlier()).as(record.rejected.origin).isTrue();
            assertThat(record.rejected.raw).isEqualTo(row.line);
            assertThat(record.rejected.eventId).isEqualTo(row.get("event_id"));
            assertThat(record.rejected.catId).isEqualTo(row.get("tag_id"));
            assertThat(record.rejected.rejectedAtMs).isEqualTo(NOW_MS);
        }
    }

    @Test
    void realFileEventsMatchRows() throws IOException {
        Path file = realFile();
        String cat = "Ares";
        List<RealRow> expected = new ArrayList<>();
        for (RealRow row : readRealRows(file)) {
            if (row.get("tag_id").equals(cat) && !row.markedOutlier()) {
                expected.add(row);
            }
        }

        List<PositionEvent> events = new ArrayList<>();
        for (ParsedRecord record : readAll(new MovebankCsvFormat(parser(), REAL_FILE_NAME), file)) {
            if (record.isAccepted() && record.event.catId.equals(cat)) {
                events.add(record.event);
            }
        }

        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(events).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            RealRow row = expected.get(i);
            PositionEvent event = events.get(i);
            long observedAtMs =
                    LocalDateTime.parse(row.get("timestamp"), MOVEBANK_TIME)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
            assertThat(event.eventId).isEqualTo(row.get("event_id"));
            assertThat(event.observedAtMs).isEqualTo(observedAtMs);
            assertThat(event.lat).isEqualTo(Double.parseDouble(row.get("location_lat")));
            assertThat(event.lon).isEqualTo(Double.parseDouble(row.get("location_long")));
            assertThat(event.origin).isEqualTo(REAL_FILE_NAME + ":" + row.lineNumber);
            assertThat(event.municipalityCode).isEqualTo(DEFAULT_MUNICIPALITY);
            assertThat(event.source).isEqualTo(EventSource.GPS_COLLAR);
        }
    }

    @Test
    void realFileHeaderPasses() {
        MovebankCsvFormat.checkHeader(realFile());
    }

    // Native export: hyphenated names, milliseconds, extra columns to ignore.
    private static final String NATIVE_HEADER =
            "\"event-id\",\"visible\",\"timestamp\",\"location-long\",\"location-lat\","
                    + "\"gps:hdop\",\"algorithm-marked-outlier\",\"manually-marked-outlier\","
                    + "\"import-marked-outlier\",\"sensor-type\","
                    + "\"individual-taxon-canonical-name\",\"tag-local-identifier\","
                    + "\"individual-local-identifier\",\"study-name\"";

    private static final String[] NATIVE_ROWS = {
        // line 2: individual id present, milliseconds
        "1001,true,2017-06-24 01:03:57.250,-5.113851,50.170315,1.2,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 3: individual id empty, so the tag id is the cat id
        "1002,true,2017-06-24 01:11:20.000,-5.1138,50.1703,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",,\"Pet Cats\"",
        // line 4: visible false
        "1003,false,2017-06-24 02:00:00.000,-5.1138,50.1703,1.0,,true,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 5: import outlier flag only
        "1004,true,2017-06-24 02:10:00.000,-5.1138,50.1703,1.0,false,false,true,\"gps\","
                + "\"Felis catus\",\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 6: empty latitude
        "1005,true,2017-06-24 02:20:00.000,-5.1138,,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 7: latitude not a number
        "1006,true,2017-06-24 02:30:00.000,-5.1138,fifty,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 8: a column missing
        "1007,true,2017-06-24 02:40:00.000,-5.1138,50.1703,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\"",
        // line 9: text after a closing quote
        "1008,true,2017-06-24 02:50:00.000,-5.1138,50.1703,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares,\"Pet Cats\"",
        // line 10: time stamp in another shape
        "1009,true,24/06/2017 03:00,-5.1138,50.1703,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 11: empty event id
        ",true,2017-06-24 03:10:00.000,-5.1138,50.1703,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 12: latitude NaN
        "1011,true,2017-06-24 03:20:00.000,-5.1138,NaN,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 13: blank
        "",
        // line 14: a valid row after the bad ones
        "1013,true,2017-06-24 03:40:00.000,-5.1139,50.1704,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
        // line 15: visible neither true nor false
        "1014,maybe,2017-06-24 03:50:00.000,-5.1139,50.1704,1.0,,,,\"gps\",\"Felis catus\","
                + "\"T-17\",\"Ares\",\"Pet Cats\"",
    };

    private Path writeNativeSample() throws IOException {
        Path file = dir.resolve("native.csv");
        StringBuilder text = new StringBuilder(NATIVE_HEADER).append('\n');
        for (String row : NATIVE_ROWS) {
            text.append(row).append('\n');
        }
        Files.writeString(file, text.toString());
        return file;
    }

    private List<ParsedRecord> readNativeSample() throws IOException {
        return readAll(new MovebankCsvFormat(parser(), "native.csv"), writeNativeSample());
    }

    private static ParsedRecord at(List<ParsedRecord> records, int line) {
        String origin = "native.csv:" + line;
        for (ParsedRecord record : records) {
            String recordOrigin =
                    record.isAccepted() ? record.event.origin : record.rejected.origin;
            if (recordOrigin.equals(origin)) {
                return record;
            }
        }
        throw new AssertionError("no record from " + origin);
    }

    private static String reasonAt(List<ParsedRecord> records, int line) {
        ParsedRecord record = at(records, line);
        assertThat(record.isAccepted()).as("record of line %d is accepted", line).isFalse();
        return record.rejected.reason;
    }

    @Test
    void nativeOneRecordPerRow() throws IOException {
        // 14 lines after the header, one of them blank.
        assertThat(readNativeSample()).hasSize(13);
    }

    @Test
    void nativeIndividualIsCat() throws IOException {
        PositionEvent event = at(readNativeSample(), 2).event;

        assertThat(event.catId).isEqualTo("Ares");
        assertThat(event.eventId).isEqualTo("1001");
        assertThat(event.observedAtMs).isEqualTo(1_498_266_237_250L);
        assertThat(event.lat).isEqualTo(50.170315);
        assertThat(event.lon).isEqualTo(-5.113851);
        assertThat(event.source).isEqualTo(EventSource.GPS_COLLAR);
        assertThat(event.municipalityCode).isEqualTo(DEFAULT_MUNICIPALITY);
    }

    @Test
    void nativeTagIsCatWithoutIndividual() throws IOException {
        PositionEvent event = at(readNativeSample(), 3).event;

        assertThat(event.catId).isEqualTo("T-17");
    }

    @Test
    void nativeInvisibleIsOutlier() throws IOException {
        RejectedRecord rejected = at(readNativeSample(), 4).rejected;

        assertThat(rejected.reason).isEqualTo("marked_outlier");
        assertThat(rejected.raw).isEqualTo(NATIVE_ROWS[2]);
        assertThat(rejected.eventId).isEqualTo("1003");
        assertThat(rejected.catId).isEqualTo("Ares");
    }

    @Test
    void nativeImportFlagIsOutlier() throws IOException {
        assertThat(reasonAt(readNativeSample(), 5)).isEqualTo("marked_outlier");
    }

    @Test
    void nativeEmptyLatitudeMissing() throws IOException {
        List<ParsedRecord> records = readNativeSample();

        assertThat(reasonAt(records, 6)).isEqualTo("missing_field");
        assertThat(at(records, 6).rejected.detail).contains("'lat'");
    }

    @Test
    void nativeTextLatitudeWrongType() throws IOException {
        List<ParsedRecord> records = readNativeSample();

        assertThat(reasonAt(records, 7)).isEqualTo("wrong_type");
        assertThat(at(records, 7).rejected.raw).isEqualTo(NATIVE_ROWS[5]);
    }

    @Test
    void nativeMissingColumnInvalid() throws IOException {
        List<ParsedRecord> records = readNativeSample();

        assertThat(reasonAt(records, 8)).isEqualTo("invalid_csv_row");
        assertThat(at(records, 8).rejected.detail).contains("13 columns").contains("14");
        assertThat(at(records, 8).rejected.raw).isEqualTo(NATIVE_ROWS[6]);
    }

    @Test
    void nativeBrokenQuotingInvalid() throws IOException {
        List<ParsedRecord> records = readNativeSample();

        assertThat(reasonAt(records, 9)).isEqualTo("invalid_csv_row");
        assertThat(at(records, 9).rejected.raw).isEqualTo(NATIVE_ROWS[7]);
    }

    @Test
    void nativeOtherTimestampRejected() throws IOException {
        assertThat(reasonAt(readNativeSample(), 10)).isEqualTo("invalid_timestamp");
    }

    @Test
    void nativeEmptyEventIdDerived() throws Exception {
        PositionEvent event = at(readNativeSample(), 11).event;

        // Line 11: cat Ares, time stamp, longitude and latitude exactly as the cells read.
        String expected = expectedDerivedId("Ares\n2017-06-24 03:10:00.000\n-5.1138\n50.1703");
        assertThat(event.eventId).isEqualTo(expected);
    }

    /**
     * Computes a derived event id by the documented rule: "movebank-" and the first 32 hex digits
     * of the SHA-256 of the identifying cells joined by line feeds.
     */
    private static String expectedDerivedId(String identity) throws Exception {
        byte[] hash =
                MessageDigest.getInstance("SHA-256")
                        .digest(identity.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : hash) {
            hex.append(String.format("%02x", b));
        }
        return "movebank-" + hex.substring(0, 32);
    }

    private static final String NO_ID_HEADER = "tag_id,timestamp,location_long,location_lat";

    /** Writes a tidy export without an event id column under {@code folder/export.csv}. */
    private Path writeExport(String folder, String... rows) throws IOException {
        Path file = dir.resolve(folder).resolve("export.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, NO_ID_HEADER + "\n" + String.join("\n", rows) + "\n");
        return file;
    }

    private static List<String> eventIds(List<ParsedRecord> records) {
        List<String> ids = new ArrayList<>();
        for (ParsedRecord record : records) {
            assertThat(record.isAccepted()).as("record %s", record.rejected).isTrue();
            ids.add(record.event.eventId);
        }
        return ids;
    }

    private List<String> readExportIds(Path file) throws IOException {
        return eventIds(readAll(new MovebankCsvFormat(parser(), "export.csv"), file));
    }

    @Test
    void derivedIdsDisjointForSameFileName() throws IOException {
        Path ares =
                writeExport(
                        "d1",
                        "Ares,2017-06-24 01:03:57,-5.113851,50.170315",
                        "Ares,2017-06-24 01:11:20,-5.113800,50.170300",
                        "Ares,2017-06-24 01:18:40,-5.113900,50.170400");
        Path luna =
                writeExport(
                        "d2",
                        "Luna,2017-06-24 01:03:57,-5.113851,50.170315",
                        "Luna,2017-06-24 01:11:20,-5.113800,50.170300",
                        "Luna,2017-06-24 01:18:40,-5.113900,50.170400");

        Set<String> aresIds = new HashSet<>(readExportIds(ares));
        Set<String> lunaIds = new HashSet<>(readExportIds(luna));

        assertThat(aresIds).hasSize(3);
        assertThat(lunaIds).hasSize(3);
        assertThat(aresIds).doesNotContainAnyElementsOf(lunaIds);
    }

    @Test
    void derivedIdSameForSameRow() throws Exception {
        String row = "Ares,2017-06-24 01:03:57,-5.113851,50.170315";
        // The same fix on line 2 of one export and line 3 of another.
        Path first = writeExport("d1", row);
        Path second = writeExport("d2", "Ares,2017-06-24 00:56:30,-5.1137,50.1702", row);

        String expected = expectedDerivedId("Ares\n2017-06-24 01:03:57\n-5.113851\n50.170315");
        assertThat(readExportIds(first)).containsExactly(expected);
        assertThat(readExportIds(first)).as("second read").containsExactly(expected);
        assertThat(readExportIds(second).get(1)).isEqualTo(expected);
    }

    @Test
    void derivedIdDependsOnEachCell() throws Exception {
        Path file =
                writeExport(
                        "d1",
                        "Ares,2017-06-24 01:03:57,-5.113851,50.170315",
                        "Luna,2017-06-24 01:03:57,-5.113851,50.170315",
                        "Ares,2017-06-24 01:03:58,-5.113851,50.170315",
                        "Ares,2017-06-24 01:03:57,-5.113852,50.170315",
                        "Ares,2017-06-24 01:03:57,-5.113851,50.170316");

        List<String> ids = readExportIds(file);

        assertThat(new HashSet<>(ids)).hasSize(5);
        assertThat(ids.get(3))
                .isEqualTo(expectedDerivedId("Ares\n2017-06-24 01:03:57\n-5.113852\n50.170315"));
    }

    @Test
    void nativeNanLatitudeNotFinite() throws IOException {
        assertThat(reasonAt(readNativeSample(), 12)).isEqualTo("coordinate_not_finite");
    }

    @Test
    void nativeContinuesAfterBadRows() throws IOException {
        PositionEvent event = at(readNativeSample(), 14).event;

        assertThat(event.eventId).isEqualTo("1013");
        assertThat(event.lat).isEqualTo(50.1704);
    }

    @Test
    void nativeInvalidFlagRejected() throws IOException {
        List<ParsedRecord> records = readNativeSample();

        assertThat(reasonAt(records, 15)).isEqualTo("invalid_value");
        assertThat(at(records, 15).rejected.detail).contains("visible").contains("maybe");
        assertThat(at(records, 15).rejected.eventId).isEqualTo("1014");
    }

    @Test
    void nativeWithoutDefaultMunicipality() throws IOException {
        PositionEventParser noDefault = new PositionEventParser(null, 0L, WallClock.fixed(NOW_MS));

        List<ParsedRecord> records =
                readAll(new MovebankCsvFormat(noDefault, "native.csv"), writeNativeSample());

        assertThat(reasonAt(records, 2)).isEqualTo("missing_field");
        assertThat(at(records, 2).rejected.detail).contains("municipality_code");
    }

    @Test
    void crlfAndByteOrderMarkRead() throws IOException {
        Path file = dir.resolve("bom.csv");
        String text =
                "\uFEFFtimestamp,location-long,location-lat,tag-local-identifier,event-id\r\n"
                        + "2017-06-24 01:03:57,-5.1,50.2,T-1,7\r\n"
                        + "2017-06-24 01:04:57,-5.2,50.3,T-1,8";

        Files.writeString(file, text);
        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), "bom.csv"), file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).isAccepted()).isTrue();
        assertThat(records.get(1).isAccepted()).isTrue();
        assertThat(records.get(1).event.origin).isEqualTo("bom.csv:3");
        assertThat(records.get(1).event.lat).isEqualTo(50.3);
    }

    @Test
    void invalidUtf8RowRejected() throws IOException {
        Path file = dir.resolve("bytes.csv");
        byte[] header =
                "timestamp,location-long,location-lat,tag_id\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'2', '0', '1', '7', ',', '1', ',', '2', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] good = "2017-06-24 01:03:57,-5.1,50.2,T-1\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + bad.length + good.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bad, 0, all, header.length, bad.length);
        System.arraycopy(good, 0, all, header.length + bad.length, good.length);

        Files.write(file, all);
        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), "bytes.csv"), file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).rejected.reason).isEqualTo("invalid_csv_row");
        assertThat(records.get(0).rejected.detail).contains("UTF-8");
        assertThat(records.get(1).isAccepted()).isTrue();
    }

    @Test
    void overLongRowRejected() throws IOException {
        Path file = dir.resolve("long.csv");
        String longCell = "x".repeat(MovebankCsvFormat.MAX_LINE_BYTES + 10);
        String text =
                "timestamp,location-long,location-lat,tag_id\n"
                        + "2017-06-24 01:03:57,-5.1,50.2,"
                        + longCell
                        + "\n"
                        + "2017-06-24 01:04:57,-5.1,50.2,T-1\n";

        Files.writeString(file, text);
        List<ParsedRecord> records = readAll(new MovebankCsvFormat(parser(), "long.csv"), file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).rejected.reason).isEqualTo("invalid_csv_row");
        assertThat(records.get(0).rejected.rawTruncated).isTrue();
        assertThat(records.get(1).event.origin).isEqualTo("long.csv:3");
    }

    @Test
    void checkHeaderNativePasses() throws IOException {
        MovebankCsvFormat.checkHeader(writeNativeSample());
    }

    @Test
    void checkHeaderMissingColumns() throws IOException {
        Path file = dir.resolve("no-lat.csv");
        Files.writeString(file, "event-id,timestamp,location-long\n1,2017-06-24 01:03:57,-5.1\n");

        assertThatThrownBy(() -> MovebankCsvFormat.checkHeader(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("location-lat")
                .hasMessageContaining("timestamp, location-long and location-lat")
                .hasMessageContaining("timestamp, location_long and location_lat");
    }

    @Test
    void checkHeaderNamesAllMissing() throws IOException {
        Path file = dir.resolve("other.csv");
        Files.writeString(file, "a,b,c\n1,2,3\n");

        assertThatThrownBy(() -> MovebankCsvFormat.checkHeader(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks the column(s) timestamp, location-long, location-lat");
    }

    @Test
    void checkHeaderEmptyFile() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "\n\n");

        assertThatThrownBy(() -> MovebankCsvFormat.checkHeader(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void checkHeaderMissingFile() {
        Path file = dir.resolve("absent.csv");

        assertThatThrownBy(() -> MovebankCsvFormat.checkHeader(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void readerRejectsBadHeader() throws IOException {
        Path file = dir.resolve("no-lat.csv");
        Files.writeString(file, "event-id,timestamp,location-long\n1,2017-06-24 01:03:57,-5.1\n");
        MovebankCsvFormat format = new MovebankCsvFormat(parser(), "no-lat.csv");

        assertThatThrownBy(
                        () ->
                                format.createReader(
                                        new Configuration(),
                                        new LocalDataInputStream(file.toFile())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-lat.csv")
                .hasMessageContaining("location-lat");
    }
}
