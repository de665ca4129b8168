package jp.catdata.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a municipality's cat registry CSV into {@link RegistryEntry} rows and lists every invalid
 * value, so that a file is either loaded whole or rejected with a reason per row.
 *
 * <p>Two layouts are read, distinguished by the header:
 *
 * <ul>
 *   <li>the registry layout: columns named like the {@code cat_registry} table ({@code cat_id}
 *       required; {@code name}, {@code sex}, {@code reproductive_condition}, {@code ear_tipped},
 *       {@code age_years}, {@code birth_year}, {@code status}, {@code hrs_indoors}, {@code n_cats},
 *       {@code hunts}, {@code prey_per_month}, {@code deployment_start}, {@code deployment_end}
 *       optional, in any order). An unknown column is an error, so a misspelt one is not lost.
 *   <li>the Movebank reference-data layout (one row per tag deployment, with {@code tag_id} and
 *       {@code animal_reproductive_condition}): {@code tag_id} becomes {@code cat_id}, the id the
 *       job's tables use; the columns listed in {@link #MOVEBANK_COLUMNS} are mapped, and the
 *       others are reported as ignored, because Movebank files carry many optional study columns.
 * </ul>
 *
 * <p>Missing values are empty fields or {@code NA}. Times without an offset are UTC, as in Movebank
 * exports.
 */
public final class RegistryCsv {

    /** The two CSV layouts. */
    public enum Layout {
        REGISTRY,
        MOVEBANK_REFERENCE
    }

    /** Registry columns a CSV in the registry layout may have. */
    public static final List<String> REGISTRY_COLUMNS =
            List.of(
                    "cat_id",
                    "name",
                    "sex",
                    "reproductive_condition",
                    "ear_tipped",
                    "age_years",
                    "birth_year",
                    "status",
                    "hrs_indoors",
                    "n_cats",
                    "hunts",
                    "prey_per_month",
                    "deployment_start",
                    "deployment_end");

    /** Movebank reference-data column to the registry column it fills. */
    public static final Map<String, String> MOVEBANK_COLUMNS = movebankColumns();

    /** The statuses a cat can have. */
    public static final List<String> STATUSES = List.of("pet", "community", "stray");

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "null");
    private static final DateTimeFormatter MOVEBANK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final int MAX_AGE_YEARS = 40;

    /**
     * Contents of a registry file.
     *
     * @param layout the layout detected from the header
     * @param entries the valid rows, in file order
     * @param errors one message per invalid value, each naming the line, the column and the value
     * @param ignoredColumns Movebank columns that have no registry column
     */
    public record Result(
            Layout layout,
            List<RegistryEntry> entries,
            List<String> errors,
            List<String> ignoredColumns) {}

    private RegistryCsv() {}

    private static Map<String, String> movebankColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("tag_id", "cat_id");
        columns.put("animal_id", "name");
        columns.put("animal_sex", "sex");
        columns.put("animal_reproductive_condition", "reproductive_condition");
        columns.put("age_years", "age_years");
        columns.put("hrs_indoors", "hrs_indoors");
        columns.put("n_cats", "n_cats");
        columns.put("hunt", "hunts");
        columns.put("prey_p_month", "prey_per_month");
        columns.put("deploy_on_date", "deployment_start");
        columns.put("deploy_off_date", "deployment_end");
        return java.util.Collections.unmodifiableMap(columns);
    }

    /**
     * Reads a registry CSV.
     *
     * @param defaultStatus status of rows without one (the Movebank layout has no status column),
     *     or null to require a status in every row
     * @throws IllegalArgumentException if the header fits neither layout
     */
    public static Result read(Path file, String defaultStatus) throws IOException {
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true)
                        .build();
        String fileName = file.getFileName().toString();
        try (Reader reader = new StringReader(decode(file));
                CSVParser parser = parseHeader(format, reader, fileName)) {
            List<String> header = parser.getHeaderNames();
            Layout layout = detect(header, file);
            Map<String, String> sourceOf = new HashMap<>();
            List<String> ignored = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String column : header) {
                String target = column;
                if (layout == Layout.MOVEBANK_REFERENCE) {
                    target = MOVEBANK_COLUMNS.get(column);
                    if (target == null) {
                        ignored.add(column);
                        continue;
                    }
                } else if (!REGISTRY_COLUMNS.contains(column)) {
                    errors.add(
                            fileName
                                    + ": unknown column '"
                                    + column
                                    + "'; registry columns are "
                                    + REGISTRY_COLUMNS
                                    + (column.equals("neutered")
                                            ? " (neutered is derived from reproductive_condition)"
                                            : ""));
                    continue;
                }
                sourceOf.put(target, column);
            }
            if (!sourceOf.containsKey("status") && defaultStatus == null) {
                errors.add(
                        fileName
                                + ": has no status column; add one (pet, community or stray) or"
                                + " pass --default-status");
            }
            if (!errors.isEmpty()) {
                return new Result(layout, List.of(), errors, ignored);
            }

            List<RegistryEntry> entries = new ArrayList<>();
            Map<String, Long> firstLineOf = new HashMap<>();
            for (CSVRecord record : records(parser, fileName)) {
                // The header is line 1 and each record of these files is one line.
                long line = record.getRecordNumber() + 1;
                RowReader row = new RowReader(record, sourceOf, fileName, line, errors);
                if (!record.isConsistent()) {
                    errors.add(
                            row.where()
                                    + "has "
                                    + record.size()
                                    + " fields, the header has "
                                    + header.size());
                    continue;
                }
                if (layout == Layout.MOVEBANK_REFERENCE && record.isMapped("animal_taxon")) {
                    String taxon = record.get("animal_taxon");
                    if (!taxon.equalsIgnoreCase("Felis catus")) {
                        errors.add(row.where() + "animal_taxon '" + taxon + "' is not Felis catus");
                        continue;
                    }
                }
                String catId = row.text("cat_id");
                Long first = catId == null ? null : firstLineOf.putIfAbsent(catId, line);
                if (first != null) {
                    errors.add(
                            row.where()
                                    + sourceOf.get("cat_id")
                                    + " '"
                                    + catId
                                    + "' repeats line "
                                    + first
                                    + "; each cat has one row");
                    continue;
                }
                RegistryEntry entry = row.entry(defaultStatus);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            return new Result(layout, entries, errors, ignored);
        }
    }

    /**
     * Reads the file as UTF-8 without a byte-order mark. Excel's "CSV UTF-8" starts the file with
     * one, which would otherwise become part of the first column name.
     *
     * @throws IllegalArgumentException if the file is not valid UTF-8, for example Shift_JIS
     */
    static String decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result = decoder.decode(in, text, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new IllegalArgumentException(
                    file
                            + " line "
                            + line
                            + ": the file is not UTF-8 (it may be Shift_JIS); in Excel, save it"
                            + " as \"CSV UTF-8 (Comma delimited)\", or convert it to UTF-8");
        }
        decoder.flush(text);
        text.flip();
        String decoded = text.toString();
        return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
    }

    private static CSVParser parseHeader(CSVFormat format, Reader reader, String fileName) {
        try {
            return format.parse(reader);
        } catch (IOException | UncheckedIOException e) {
            throw malformed(fileName, 1, e);
        }
    }

    /**
     * Returns the records of the parser, turning a parse error, such as a quote that is never
     * closed, into an error that names the line.
     */
    private static List<CSVRecord> records(CSVParser parser, String fileName) {
        List<CSVRecord> records = new ArrayList<>();
        Iterator<CSVRecord> iterator = parser.iterator();
        while (true) {
            // Each record of these files is one line, after the header on line 1.
            long line = records.size() + 2;
            try {
                if (!iterator.hasNext()) {
                    return records;
                }
                records.add(iterator.next());
            } catch (UncheckedIOException | IllegalStateException e) {
                throw malformed(fileName, line, e);
            }
        }
    }

    private static IllegalArgumentException malformed(String fileName, long line, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new IllegalArgumentException(
                fileName
                        + " line "
                        + line
                        + ": invalid CSV ("
                        + cause.getMessage()
                        + "); check this record for a quote (\") that is never closed");
    }

    private static Layout detect(List<String> header, Path file) {
        if (header.contains("tag_id") && header.contains("animal_reproductive_condition")) {
            return Layout.MOVEBANK_REFERENCE;
        }
        if (header.contains("cat_id")) {
            return Layout.REGISTRY;
        }
        throw new IllegalArgumentException(
                file
                        + " has neither a cat_id column (registry layout) nor tag_id and"
                        + " animal_reproductive_condition columns (Movebank reference data);"
                        + " its header is "
                        + header);
    }

    /** Reads the fields of one record, adding one error per invalid value. */
    private static final class RowReader {
        private final CSVRecord record;
        private final Map<String, String> sourceOf;
        private final String fileName;
        private final long line;
        private final List<String> errors;
        private final int errorsBefore;

        RowReader(
                CSVRecord record,
                Map<String, String> sourceOf,
                String fileName,
                long line,
                List<String> errors) {
            this.record = record;
            this.sourceOf = sourceOf;
            this.fileName = fileName;
            this.line = line;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        String where() {
            return fileName + " line " + line + ": ";
        }

        /** Returns the entry, or null when a value was invalid. */
        RegistryEntry entry(String defaultStatus) {
            String catId = text("cat_id");
            if (catId == null) {
                errors.add(where() + sourceOf.get("cat_id") + " is missing");
            }

            String condition = condition();
            Boolean neutered =
                    condition == null
                            ? null
                            : condition.equals("neutered") || condition.equals("spayed");

            Integer age = whole("age_years", 0, MAX_AGE_YEARS);
            Instant start = instant("deployment_start");
            Instant end = instant("deployment_end");
            if (start != null && end != null && end.isBefore(start)) {
                errors.add(
                        where()
                                + sourceOf.get("deployment_end")
                                + " "
                                + end
                                + " is before "
                                + sourceOf.get("deployment_start")
                                + " "
                                + start);
            }

            int thisYear = Year.now(ZoneOffset.UTC).getValue();
            Integer birthYear = whole("birth_year", thisYear - MAX_AGE_YEARS, thisYear);
            if (birthYear == null && age != null && start != null) {
                birthYear = start.atZone(ZoneOffset.UTC).getYear() - age;
            }

            RegistryEntry entry =
                    new RegistryEntry(
                            catId,
                            text("name"),
                            sex(),
                            condition,
                            neutered,
                            bool("ear_tipped"),
                            age,
                            birthYear,
                            status(defaultStatus),
                            decimal("hrs_indoors", 0, 24),
                            whole("n_cats", 1, 1_000),
                            bool("hunts"),
                            decimal("prey_per_month", 0, 10_000),
                            start,
                            end,
                            fileName + ":" + line);
            return errors.size() == errorsBefore ? entry : null;
        }

        private String text(String field) {
            String column = sourceOf.get(field);
            if (column == null) {
                return null;
            }
            String value = record.get(column).strip();
            return MISSING.contains(value.toLowerCase(Locale.ROOT)) ? null : value;
        }

        private void invalid(String field, String value, String expected) {
            errors.add(where() + sourceOf.get(field) + " '" + value + "' is not " + expected);
        }

        private String sex() {
            String value = text("sex");
            if (value == null) {
                return null;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "m", "male":
                    return "male";
                case "f", "female":
                    return "female";
                default:
                    invalid("sex", value, "m, f, male, female or NA");
                    return null;
            }
        }

        private String condition() {
            String value = text("reproductive_condition");
            if (value == null) {
                return null;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "neutered", "castrated":
                    return "neutered";
                case "spayed":
                    return "spayed";
                case "not fixed", "intact", "entire":
                    return "intact";
                default:
                    invalid(
                            "reproductive_condition",
                            value,
                            "Neutered, Castrated, Spayed, Not fixed, Intact, Entire or NA");
                    return null;
            }
        }

        private String status(String defaultStatus) {
            String value = text("status");
            if (value == null) {
                if (defaultStatus == null) {
                    errors.add(
                            where()
                                    + "status is missing; add a status column (pet, community or"
                                    + " stray) or pass --default-status");
                }
                return defaultStatus;
            }
            String status = value.toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                invalid("status", value, "pet, community or stray");
                return null;
            }
            return status;
        }

        private Boolean bool(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes":
                    return true;
                case "false", "no":
                    return false;
                default:
                    invalid(field, value, "TRUE, FALSE, yes, no or NA");
                    return null;
            }
        }

        private Integer whole(String field, int min, int max) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            invalid(field, value, "a whole number from " + min + " to " + max);
            return null;
        }

        private Double decimal(String field, double min, double max) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(value);
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            invalid(field, value, "a number from " + min + " to " + max);
            return null;
        }

        private Instant instant(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(value, MOVEBANK_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notMovebank) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    invalid(
                            field,
                            value,
                            "a time 'yyyy-MM-dd HH:mm:ss' (UTC) or ISO-8601 with an offset");
                    return null;
                }
            }
        }
    }
}
