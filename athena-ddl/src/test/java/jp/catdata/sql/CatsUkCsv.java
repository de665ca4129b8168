package jp.catdata.sql;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of cats_uk.csv, read directly from the file as an independent source of expectations.
 */
final class CatsUkCsv {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One GPS fix of the file. */
    record Fix(String tagId, String eventId, long timeMs, boolean outlier) {

        LocalDate localDate(ZoneId zone) {
            return Instant.ofEpochMilli(timeMs).atZone(zone).toLocalDate();
        }

        int localHour(ZoneId zone) {
            return Instant.ofEpochMilli(timeMs).atZone(zone).getHour();
        }
    }

    private CatsUkCsv() {}

    /**
     * Reads every fix. A fix is an outlier when the study marked it (visible FALSE, or either
     * outlier column TRUE); the job rejects exactly those as marked_outlier.
     */
    static List<Fix> read() throws IOException {
        List<Fix> fixes = new ArrayList<>();
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader reader =
                        Files.newBufferedReader(TestPaths.catsUkCsv(), StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            for (CSVRecord r : parser) {
                boolean outlier =
                        r.get("visible").equals("FALSE")
                                || r.get("algorithm_marked_outlier").equals("TRUE")
                                || r.get("manually_marked_outlier").equals("TRUE");
                long timeMs =
                        LocalDateTime.parse(r.get("timestamp"), TIME)
                                .toInstant(ZoneOffset.UTC)
                                .toEpochMilli();
                fixes.add(new Fix(r.get("tag_id"), r.get("event_id"), timeMs, outlier));
            }
        }
        return fixes;
    }

    static Path path() {
        return TestPaths.catsUkCsv();
    }
}
