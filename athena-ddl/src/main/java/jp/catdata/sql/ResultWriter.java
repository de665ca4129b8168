package jp.catdata.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a {@link QueryResult} as an aligned text table or as CSV. */
public final class ResultWriter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private ResultWriter() {}

    /**
     * Prints up to {@code maxRows} rows as a text table with a header, numbers aligned right.
     *
     * @param maxRows rows to print; 0 prints all
     */
    public static void printTable(QueryResult result, int maxRows, PrintStream out) {
        int shown = maxRows > 0 ? Math.min(maxRows, result.rows().size()) : result.rows().size();
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : result.rows().subList(0, shown)) {
            List<String> line = new ArrayList<>();
            for (Object value : row) {
                line.add(value == null ? "NULL" : format(value));
            }
            cells.add(line);
        }

        int[] widths = new int[result.columns().size()];
        boolean[] numeric = new boolean[widths.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = result.columns().get(c).length();
            numeric[c] = isNumeric(result.types().get(c));
        }
        for (List<String> line : cells) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }

        out.println(formatLine(result.columns(), widths, new boolean[widths.length]));
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        out.println(formatLine(rule, widths, new boolean[widths.length]));
        for (List<String> line : cells) {
            out.println(formatLine(line, widths, numeric));
        }

        int total = result.rows().size();
        if (shown < total) {
            out.printf(
                    "(%d rows, first %d shown; --max-rows 0 prints all, --csv FILE writes all)%n",
                    total, shown);
        } else {
            out.printf("(%d %s)%n", total, total == 1 ? "row" : "rows");
        }
    }

    /** Writes every row as CSV with a header line, NULL as an empty field, and flushes out. */
    public static void writeCsv(QueryResult result, Writer out) throws IOException {
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(result.columns().toArray(new String[0]))
                        .setRecordSeparator('\n')
                        .build();
        // The caller owns out; closing the printer would close it, standard output included.
        CSVPrinter printer = new CSVPrinter(out, format);
        for (List<Object> row : result.rows()) {
            List<String> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value == null ? null : format(value));
            }
            printer.printRecord(values);
        }
        printer.flush();
    }

    /**
     * Formats one value: time stamps as UTC {@code yyyy-MM-dd HH:mm:ss.SSS}, as Athena shows them,
     * and floating-point numbers without exponent.
     */
    static String format(Object value) {
        if (value instanceof OffsetDateTime time) {
            return TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (value instanceof Timestamp time) {
            return TIMESTAMP.format(time.toLocalDateTime());
        }
        if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static boolean isNumeric(String type) {
        return switch (type) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE" -> true;
            default -> type.startsWith("DECIMAL");
        };
    }

    private static String formatLine(List<String> values, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append(" | ");
            }
            String value = values.get(c);
            String padding = " ".repeat(widths[c] - value.length());
            line.append(rightAligned[c] ? padding + value : value + padding);
        }
        return line.toString().stripTrailing();
    }
}
