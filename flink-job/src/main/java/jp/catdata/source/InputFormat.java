package jp.catdata.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import org.apache.flink.connector.file.src.FileSource;

/** The formats of input files the job reads, and the file source for each. */
public enum InputFormat {
    /** A Movebank CSV export, native or tidy; see {@link MovebankCsvFormat}. */
    MOVEBANK_CSV("movebank-csv"),
    /** Canonical event JSON, one object per line; see {@link JsonLinesFormat}. */
    JSON_LINES("json-lines");

    /** The value of {@code --input-format} that selects detection by {@link #detect}. */
    public static final String AUTO = "auto";

    private static final int MAX_DETECT_LINE_BYTES = 1 << 20;

    private final String optionName;

    InputFormat(String optionName) {
        this.optionName = optionName;
    }

    /** Returns the value of {@code --input-format} that selects this format. */
    public String optionName() {
        return optionName;
    }

    /**
     * Returns the format named by an {@code --input-format} value, or null for {@code auto}.
     *
     * @throws IllegalArgumentException when the name is not movebank-csv, json-lines or auto
     */
    public static InputFormat fromName(String name) {
        String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals(AUTO)) {
            return null;
        }
        for (InputFormat format : values()) {
            if (format.optionName.equals(normalized)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "invalid input format '"
                        + name
                        + "': expected one of "
                        + MOVEBANK_CSV.optionName
                        + ", "
                        + JSON_LINES.optionName
                        + ", "
                        + AUTO);
    }

    /**
     * Detects the format of a file: by its extension ({@code .csv} is Movebank CSV; {@code .jsonl},
     * {@code .ndjson} and {@code .json} are JSON lines), otherwise by its first non-blank line (a
     * line starting with <code>{</code> is JSON lines, a CSV header with a location column is
     * Movebank CSV).
     *
     * @throws IllegalArgumentException when the file is not a readable regular file or its format
     *     cannot be detected
     */
    public static InputFormat detect(Path file) {
        requireReadableFile(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return MOVEBANK_CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSON_LINES;
        }

        String firstLine;
        try (LineReader lines = new LineReader(Files.newInputStream(file), MAX_DETECT_LINE_BYTES)) {
            LineReader.Line line;
            do {
                line = lines.next();
            } while (line != null && line.isBlank());
            firstLine = line == null ? null : line.lossyText().strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read input file " + file + ": " + e.getMessage(), e);
        }
        if (firstLine != null && firstLine.startsWith("{")) {
            return JSON_LINES;
        }
        if (firstLine != null && MovebankHeader.parse(firstLine).hasLocationColumn()) {
            return MOVEBANK_CSV;
        }
        throw new IllegalArgumentException(
                "cannot detect the format of input file "
                        + file
                        + ": expected a name ending in .csv, .jsonl, .ndjson or .json, or a first"
                        + " line that is a JSON object or a Movebank CSV header with location-long"
                        + " and location-lat. Rename the file or pass --input-format "
                        + MOVEBANK_CSV.optionName
                        + " or "
                        + JSON_LINES.optionName
                        + ".");
    }

    /**
     * Creates a file source that reads one file and emits a {@link ParsedRecord} per record.
     *
     * @param format the format, or null to {@link #detect} it
     * @throws IllegalArgumentException when the file is unreadable, its format cannot be detected,
     *     or a CSV file lacks a usable header (see {@link MovebankCsvFormat#checkHeader})
     */
    public static FileSource<ParsedRecord> fileSource(
            Path file, InputFormat format, PositionEventParser parser) {
        requireReadableFile(file);
        InputFormat resolved = format != null ? format : detect(file);
        String fileName = file.getFileName().toString();
        org.apache.flink.core.fs.Path path =
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri());
        if (resolved == MOVEBANK_CSV) {
            MovebankCsvFormat.checkHeader(file);
            return FileSource.forRecordStreamFormat(new MovebankCsvFormat(parser, fileName), path)
                    .build();
        }
        return FileSource.forRecordStreamFormat(new JsonLinesFormat(parser, fileName), path)
                .build();
    }

    /**
     * Rejects anything but a readable regular file. A directory is rejected too, because origins
     * name records by file name, which a directory source would give to every file in it.
     */
    private static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("input file " + file + " not found: check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "input " + file + " is not a regular file: pass one file, not a directory");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "input file " + file + " is not readable: check its permissions");
        }
    }
}
