package jp.catdata.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.catdata.event.EventSource;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a Movebank CSV export of GPS collar fixes, one {@link ParsedRecord} per data row.
 *
 * <p>Both Movebank exports are read: the native export with hyphenated column names ({@code
 * event-id}, {@code location-long}, {@code tag-local-identifier}, ...) and the tidy export with
 * underscores ({@code event_id}, {@code location_long}, {@code tag_id}, ...). The first non-blank
 * line is the header; it must name a time stamp column and both location columns, otherwise the
 * file is unusable and {@link #checkHeader} or the reader fails. Each data row becomes canonical
 * JSON and goes through {@link PositionEventParser}, so all field checks happen there:
 *
 * <ul>
 *   <li>{@code cat_id} is {@code individual-local-identifier} when present and non-empty, else the
 *       tag id ({@code tag-local-identifier} or {@code tag_id}).
 *   <li>{@code event_id} is the Movebank event id. When the file has no event id column or the cell
 *       is empty, it is derived from the row's content by {@link #derivedEventId}, so the same fix
 *       gets the same id in every file and on every read, and different fixes get different ids.
 *   <li>{@code municipality_code} is left out, because Movebank has none: the parser assigns its
 *       configured default or rejects the row.
 *   <li>{@code observed_at}: Movebank time stamps are UTC without an offset, so {@code yyyy-MM-dd
 *       HH:mm:ss[.SSS]} becomes RFC 3339 with {@code Z}. A time stamp of another shape is passed on
 *       unchanged and rejected by the parser.
 *   <li>{@code lat}, {@code lon}: a JSON number when the cell is a decimal number, {@code NaN} or
 *       {@code [+-]Inf[inity]}. Other text is passed as a JSON string (rejected as {@code
 *       wrong_type}), and an empty cell is left out (rejected as {@code missing_field}).
 *   <li>{@code source} is {@code gps_collar}.
 *   <li>{@code outlier} is true when {@code visible} is false or any of the algorithm, manual or
 *       import outlier flags is true, so such fixes become {@code marked_outlier} rejections.
 * </ul>
 *
 * <p>{@code ground_speed} is not read: the export does not document its unit (a cat at rest shows
 * values such as 684 or 2340), and the job computes speed from consecutive fixes.
 *
 * <p>Every rejection carries the original CSV line as its raw text and {@code <file name>:<line
 * number>} (1-based physical line) as its origin. A row with the wrong number of columns, broken
 * quoting, invalid UTF-8 or more than {@link #MAX_LINE_BYTES} bytes is rejected as {@code
 * invalid_csv_row}, and reading goes on with the next line. Blank lines are skipped, because they
 * hold no record.
 *
 * <p>The format is not splittable: one reader reads the whole file. On restore from a checkpoint,
 * Flink reads the file again from the start and skips the records already emitted, which works
 * because every line gives the same records on every read.
 *
 * <p>NOTE: a quoted cell that contains a line break is not supported. Each physical line is read as
 * one row, so such a row becomes two {@code invalid_csv_row} rejections.
 */
public class MovebankCsvFormat extends SimpleStreamFormat<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    /** Maximum length of one line in bytes, without the line break. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** Start of an event id derived from a row's content by {@link #derivedEventId}. */
    static final String DERIVED_ID_PREFIX = "movebank-";

    /** Bytes of the SHA-256 hash kept in a derived event id. */
    private static final int DERIVED_ID_HASH_BYTES = 16;

    private static final ObjectMapper JSON =
            JsonMapper.builder().disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    private static final Pattern MOVEBANK_TIMESTAMP =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)");

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private static final Pattern NOT_FINITE = Pattern.compile("([+-]?)(?:Inf|Infinity|NaN)");

    private final PositionEventParser parser;
    private final String fileName;

    /**
     * Creates the format for one file.
     *
     * @param parser the parser that checks every row
     * @param fileName the file's name as shown in origins. Flink 1.19 passes the reader only a
     *     stream, not the file, so one format instance serves one file.
     */
    public MovebankCsvFormat(PositionEventParser parser, String fileName) {
        this.parser = parser;
        this.fileName = fileName;
    }

    /**
     * Checks that a file starts with a usable Movebank CSV header, so that a command line can stop
     * before the job starts.
     *
     * @throws IllegalArgumentException when the file cannot be read, is blank, or its header lacks
     *     the time stamp or a location column. The message names the file, the missing columns and
     *     the expected headers.
     */
    public static void checkHeader(java.nio.file.Path file) {
        String problem;
        try (LineReader lines = new LineReader(Files.newInputStream(file), MAX_LINE_BYTES)) {
            problem = headerProblem(readHeader(lines), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read input file " + file + ": " + e.getMessage(), e);
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Creates a reader positioned at the start of the file.
     *
     * @throws IOException when the stream fails or the header is unusable (same message as {@link
     *     #checkHeader})
     */
    @Override
    public StreamFormat.Reader<ParsedRecord> createReader(
            Configuration config, FSDataInputStream stream) throws IOException {
        LineReader lines = new LineReader(stream, MAX_LINE_BYTES);
        try {
            MovebankHeader header = readHeader(lines);
            String problem = headerProblem(header, fileName);
            if (problem != null) {
                throw new IOException(problem);
            }
            return new Reader(lines, header);
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    /** Returns the header from the first non-blank line, or null when every line is blank. */
    private static MovebankHeader readHeader(LineReader lines) throws IOException {
        LineReader.Line line;
        do {
            line = lines.next();
        } while (line != null && line.isBlank());
        return line == null ? null : MovebankHeader.parse(line.lossyText());
    }

    private static String headerProblem(MovebankHeader header, String fileLabel) {
        return header == null
                ? MovebankHeader.emptyFileProblem(fileLabel)
                : header.problem(fileLabel);
    }

    /** Turns the data rows of one file into records. */
    private final class Reader implements StreamFormat.Reader<ParsedRecord> {
        private final LineReader lines;
        private final MovebankHeader header;

        Reader(LineReader lines, MovebankHeader header) {
            this.lines = lines;
            this.header = header;
        }

        @Override
        public ParsedRecord read() throws IOException {
            LineReader.Line line = lines.next();
            while (line != null && line.isBlank()) {
                line = lines.next();
            }
            return line == null ? null : readRow(line);
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }

        private ParsedRecord readRow(LineReader.Line line) {
            String origin = fileName + ":" + line.number;
            if (line.truncated) {
                return invalidRow(
                        "row is longer than " + MAX_LINE_BYTES + " bytes",
                        line.lossyText(),
                        origin);
            }
            String text = line.strictText();
            if (text == null) {
                return invalidRow("row is not valid UTF-8", line.lossyText(), origin);
            }

            CSVRecord row;
            try (CSVParser csv = CSVParser.parse(text, MovebankHeader.CSV)) {
                List<CSVRecord> records = csv.getRecords();
                if (records.size() != 1) {
                    return invalidRow(
                            "row contains a carriage return inside the line", text, origin);
                }
                row = records.get(0);
            } catch (IOException | UncheckedIOException e) {
                return invalidRow(
                        "row has broken quoting: a quoted field is not closed, or a quote is"
                                + " followed by text before the next comma",
                        text,
                        origin);
            }
            if (row.size() != header.columnCount) {
                return invalidRow(
                        "row has "
                                + row.size()
                                + " columns but the header has "
                                + header.columnCount,
                        text,
                        origin);
            }

            ParsedRecord parsed = toEvent(row, text, origin);
            if (!parsed.isAccepted()) {
                parsed.rejected.setRaw(text);
            }
            return parsed;
        }

        private ParsedRecord toEvent(CSVRecord row, String text, String origin) {
            ObjectNode node = JSON.createObjectNode();
            String individual = cell(row, header.individualId);
            String catId = individual.isEmpty() ? cell(row, header.tagId) : individual;
            String timestamp = cell(row, header.timestamp);
            String longitude = cell(row, header.longitude);
            String latitude = cell(row, header.latitude);
            String eventId = cell(row, header.eventId);
            if (eventId.isEmpty()) {
                eventId = derivedEventId(catId, timestamp, longitude, latitude);
            }

            node.put("event_id", eventId);
            if (!catId.isEmpty()) {
                node.put("cat_id", catId);
            }
            if (!timestamp.isEmpty()) {
                node.put("observed_at", toRfc3339(timestamp));
            }
            putCoordinate(node, "lat", latitude);
            putCoordinate(node, "lon", longitude);
            node.put("source", EventSource.GPS_COLLAR.code());

            boolean outlier;
            try {
                outlier = isMarkedOutlier(row);
            } catch (InvalidFlagException e) {
                RejectedRecord rejected =
                        RejectedRecord.of(
                                RejectReason.INVALID_VALUE,
                                e.getMessage(),
                                text,
                                origin,
                                parser.clock().currentTimeMillis());
                rejected.eventId = node.path("event_id").textValue();
                rejected.catId = catId.isEmpty() ? null : catId;
                return ParsedRecord.rejected(rejected);
            }
            if (outlier) {
                node.put("outlier", true);
            }
            return parser.parse(writeJson(node), origin);
        }

        private boolean isMarkedOutlier(CSVRecord row) throws InvalidFlagException {
            boolean outlier = false;
            if (header.visible >= 0) {
                Boolean visible = flag(row, header.visible);
                outlier = Boolean.FALSE.equals(visible);
            }
            for (Map.Entry<Integer, String> column : header.outlierColumns.entrySet()) {
                outlier |= Boolean.TRUE.equals(flag(row, column.getKey()));
            }
            return outlier;
        }

        /** Reads a Movebank boolean: true or false in any case; empty or NA means not set. */
        private Boolean flag(CSVRecord row, int index) throws InvalidFlagException {
            String value = cell(row, index);
            if (value.isEmpty() || value.equals("NA")) {
                return null;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                default:
                    throw new InvalidFlagException(
                            "column '"
                                    + header.columnName(index)
                                    + "' is '"
                                    + value
                                    + "': expected true or false");
            }
        }
    }

    private ParsedRecord invalidRow(String detail, String raw, String origin) {
        return ParsedRecord.rejected(
                RejectedRecord.of(
                        RejectReason.INVALID_CSV_ROW,
                        detail,
                        raw,
                        origin,
                        parser.clock().currentTimeMillis()));
    }

    /** Returns the trimmed cell, or "" when the column is absent. */
    private static String cell(CSVRecord row, int index) {
        return index < 0 ? "" : row.get(index).strip();
    }

    /**
     * Derives the event id of a row without a Movebank event id: {@value #DERIVED_ID_PREFIX}
     * followed by the first 32 lower-case hex digits (128 bits) of the SHA-256 hash of the UTF-8
     * text {@code catId + "\n" + timestamp + "\n" + longitude + "\n" + latitude}.
     *
     * <p>The arguments are the cells as read, unquoted and stripped of surrounding whitespace, with
     * an empty string for an empty or missing cell. The cat id is the individual id, or the tag id
     * when the individual id is empty. The id does not depend on the file name or line number, so
     * the same fix sent twice or exported twice is a duplicate, while fixes of two cats in two
     * files of the same name are not. No cell contains a line feed, because each physical line is
     * one row, so the joined text identifies the four cells unambiguously.
     */
    static String derivedEventId(
            String catId, String timestamp, String longitude, String latitude) {
        String identity = catId + "\n" + timestamp + "\n" + longitude + "\n" + latitude;
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest Javadoc).
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        StringBuilder id = new StringBuilder(DERIVED_ID_PREFIX);
        for (int i = 0; i < DERIVED_ID_HASH_BYTES; i++) {
            id.append(Character.forDigit((hash[i] >> 4) & 0xF, 16));
            id.append(Character.forDigit(hash[i] & 0xF, 16));
        }
        return id.toString();
    }

    /** Converts a Movebank UTC time stamp to RFC 3339; other text is returned unchanged. */
    static String toRfc3339(String timestamp) {
        Matcher m = MOVEBANK_TIMESTAMP.matcher(timestamp);
        return m.matches() ? m.group(1) + "T" + m.group(2) + "Z" : timestamp;
    }

    private static void putCoordinate(ObjectNode node, String name, String value) {
        if (value.isEmpty()) {
            return;
        }
        if (DECIMAL.matcher(value).matches()) {
            node.put(name, Double.parseDouble(value));
            return;
        }
        Matcher notFinite = NOT_FINITE.matcher(value);
        if (notFinite.matches()) {
            double infinity =
                    notFinite.group(1).equals("-")
                            ? Double.NEGATIVE_INFINITY
                            : Double.POSITIVE_INFINITY;
            node.put(name, value.endsWith("NaN") ? Double.NaN : infinity);
            return;
        }
        node.put(name, value);
    }

    private static String writeJson(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of strings, numbers and booleans always serializes.
            throw new IllegalStateException("cannot write a CSV row as JSON", e);
        }
    }

    /** Signals a boolean cell that is neither true nor false. */
    private static final class InvalidFlagException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidFlagException(String message) {
            super(message, null, false, false);
        }
    }
}
