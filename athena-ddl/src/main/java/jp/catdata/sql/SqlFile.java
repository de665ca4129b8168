package jp.catdata.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code .sql} file of this module: a named query, a view or a table definition, with the
 * question and the parameters its header comment declares.
 *
 * <p>The header is the block of {@code --} lines before the statement. A line {@code -- Question:
 * ...} (continued by lines indented by two more spaces) states what the file answers, and lines
 * {@code -- 1. name type description} declare the {@code ?} parameters in the order of the marks in
 * the text. Types are {@code string} and {@code bigint}. A {@code string} parameter whose name ends
 * in {@code _date}, or whose description gives the form {@code 'yyyy-MM-dd'}, is a local date, and
 * a {@code bigint} whose name ends in {@code _hour} is an hour of the day (see {@link
 * QueryParameter#convert}).
 */
public final class SqlFile {

    private static final Pattern PARAMETER =
            Pattern.compile("^--\\s+(\\d+)\\.\\s+([a-z_][a-z0-9_]*)\\s+(string|bigint)\\s+(.+)$");
    private static final String QUESTION = "-- Question:";

    private final Path path;
    private final String text;
    private final String question;
    private final List<QueryParameter> parameters;
    private final boolean hasHeader;

    private SqlFile(
            Path path,
            String text,
            String question,
            List<QueryParameter> parameters,
            boolean hasHeader) {
        this.path = path;
        this.text = text;
        this.question = question;
        this.parameters = List.copyOf(parameters);
        this.hasHeader = hasHeader;
    }

    /** Reads and parses a file. */
    public static SqlFile read(Path path) {
        try {
            return parse(path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + path, e);
        }
    }

    /** Parses SQL text, for example ad-hoc SQL from the command line; {@code path} may be null. */
    public static SqlFile parse(Path path, String text) {
        List<String> header = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                break;
            }
            header.add(trimmed);
        }
        return new SqlFile(
                path, text, question(header), parameters(path, header), !header.isEmpty());
    }

    /** Lists the {@code .sql} files of a folder, sorted by name. */
    public static List<SqlFile> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .map(SqlFile::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list SQL files in " + folder, e);
        }
    }

    private static String question(List<String> header) {
        StringBuilder question = new StringBuilder();
        boolean inQuestion = false;
        for (String line : header) {
            if (line.startsWith(QUESTION)) {
                question.append(line.substring(QUESTION.length()).strip());
                inQuestion = true;
            } else if (inQuestion && line.startsWith("--   ")) {
                question.append(' ').append(line.substring(2).strip());
            } else {
                inQuestion = false;
            }
        }
        return question.toString();
    }

    private static List<QueryParameter> parameters(Path path, List<String> header) {
        List<QueryParameter> parameters = new ArrayList<>();
        for (String line : header) {
            Matcher m = PARAMETER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int position = Integer.parseInt(m.group(1));
            if (position != parameters.size() + 1) {
                throw new IllegalArgumentException(
                        "parameter "
                                + m.group(2)
                                + " in "
                                + path
                                + " has position "
                                + position
                                + ", expected "
                                + (parameters.size() + 1)
                                + "; number the parameters 1, 2, 3 in the order of the ? marks");
            }
            parameters.add(
                    new QueryParameter(
                            position,
                            m.group(2),
                            QueryParameter.Type.fromSql(m.group(3)),
                            m.group(4).strip()));
        }
        return parameters;
    }

    /** Returns the file name without {@code .sql}, or {@code ad-hoc} for SQL without a file. */
    public String name() {
        if (path == null) {
            return "ad-hoc";
        }
        String file = path.getFileName().toString();
        return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
    }

    public Path path() {
        return path;
    }

    /** Returns the whole text, header included. */
    public String text() {
        return text;
    }

    /** Returns the statement without surrounding white space and without a final semicolon. */
    public String statement() {
        String statement = text.strip();
        while (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).stripTrailing();
        }
        return statement;
    }

    /** Returns the question of the header, or an empty string when the header has none. */
    public String question() {
        return question;
    }

    /** Returns the declared parameters in the order of their {@code ?} marks. */
    public List<QueryParameter> parameters() {
        return parameters;
    }

    /** Returns whether the file starts with a header comment. */
    public boolean hasHeader() {
        return hasHeader;
    }

    /**
     * Returns the number of {@code ?} parameter marks in the statement. Marks inside string
     * literals, quoted identifiers and comments are not counted.
     */
    public int markCount() {
        String sql = statement();
        int marks = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                // A doubled quote inside the literal or identifier is an escaped quote, which the
                // loop reads as the end of one quoted part and the start of the next.
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                if (c == '?') {
                    marks++;
                }
                i++;
            }
        }
        return marks;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Returns the distinct parameter names in order of first use. */
    public List<String> parameterNames() {
        return parameters.stream().map(QueryParameter::name).distinct().toList();
    }
}
