package jp.catdata.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The columns of a Movebank CSV header that {@link MovebankCsvFormat} reads, found by name.
 *
 * <p>Names are compared in lower case with hyphens read as underscores, so the native export
 * ({@code location-long}, {@code tag-local-identifier}) and the tidy export ({@code location_long},
 * {@code tag_id}) map to the same columns. Columns not listed here are ignored.
 */
final class MovebankHeader {

    /** RFC 4180 quoting; rows are parsed one physical line at a time. */
    static final CSVFormat CSV = CSVFormat.RFC4180;

    private static final String[] REQUIRED = {"timestamp", "location-long", "location-lat"};

    /** Flags set by Movebank's outlier filter, by hand, or by the data owner on import. */
    private static final String[] OUTLIER_COLUMNS = {
        "algorithm_marked_outlier", "manually_marked_outlier", "import_marked_outlier"
    };

    private static final String EXPECTED =
            "expected a Movebank CSV export whose header has the columns"
                    + " timestamp, location-long and location-lat (Movebank export)"
                    + " or timestamp, location_long and location_lat (tidy export)";

    private static final int MAX_HEADER_CHARS_IN_MESSAGE = 300;

    /** Number of columns in the header; every row must have as many. */
    final int columnCount;

    /** Index of each column used, or -1 when the header lacks it. */
    final int timestamp;

    final int longitude;
    final int latitude;
    final int eventId;
    final int visible;
    final int tagId;
    final int individualId;

    /** Indexes of the outlier flag columns present, with their names as written in the header. */
    final Map<Integer, String> outlierColumns;

    private final String text;
    private final List<String> columns;

    private MovebankHeader(String text, List<String> columns) {
        this.text = text;
        this.columns = columns;
        this.columnCount = columns.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.putIfAbsent(normalize(columns.get(i)), i);
        }
        timestamp = index.getOrDefault("timestamp", -1);
        longitude = index.getOrDefault("location_long", -1);
        latitude = index.getOrDefault("location_lat", -1);
        eventId = index.getOrDefault("event_id", -1);
        visible = index.getOrDefault("visible", -1);
        tagId = index.getOrDefault("tag_local_identifier", index.getOrDefault("tag_id", -1));
        individualId = index.getOrDefault("individual_local_identifier", -1);
        Map<Integer, String> outliers = new HashMap<>();
        for (String name : OUTLIER_COLUMNS) {
            Integer i = index.get(name);
            if (i != null) {
                outliers.put(i, columns.get(i));
            }
        }
        outlierColumns = Collections.unmodifiableMap(outliers);
    }

    /**
     * Parses a header line. A line that is not a valid CSV row gives a header without columns, so
     * {@link #problem} reports every required column as missing.
     */
    static MovebankHeader parse(String line) {
        List<String> columns = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(line, CSV)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() == 1) {
                records.get(0).forEach(columns::add);
            }
        } catch (IOException | UncheckedIOException e) {
            columns.clear();
        }
        return new MovebankHeader(line, columns);
    }

    /** Returns the name of column {@code index} as written in the header. */
    String columnName(int index) {
        return columns.get(index);
    }

    /** Returns true when the header has a longitude or a latitude column. */
    boolean hasLocationColumn() {
        return longitude >= 0 || latitude >= 0;
    }

    /**
     * Returns why the header cannot be read as a Movebank export, or null when it can.
     *
     * @param fileLabel the file as the user should see it in the message
     */
    String problem(String fileLabel) {
        List<String> missing = new ArrayList<>();
        int[] found = {timestamp, longitude, latitude};
        for (int i = 0; i < REQUIRED.length; i++) {
            if (found[i] < 0) {
                missing.add(REQUIRED[i]);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        String shown =
                text.length() > MAX_HEADER_CHARS_IN_MESSAGE
                        ? text.substring(0, MAX_HEADER_CHARS_IN_MESSAGE) + "..."
                        : text;
        return "input file "
                + fileLabel
                + " lacks the column(s) "
                + String.join(", ", missing)
                + " in its header '"
                + shown
                + "': "
                + EXPECTED
                + ". Check that the file is a Movebank CSV export, or pass a JSON-lines file.";
    }

    /** Returns the message for a file without a header line. */
    static String emptyFileProblem(String fileLabel) {
        return "input file "
                + fileLabel
                + " is empty or blank, so it has no CSV header: "
                + EXPECTED
                + ".";
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
