package jp.catdata.sql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a named query of {@code queries/}, a {@code .sql} file or ad-hoc SQL on DuckDB over a local
 * warehouse, and prints the result as a table or writes it as CSV. This is what {@code
 * athena-ddl/run-sql.sh} starts.
 */
public final class SqlCommand {

    /** System property with the athena-ddl folder; run-sql.sh sets it. */
    public static final String SQL_DIR_PROPERTY = "catdata.sql.dir";

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: run-sql.sh [options] QUERY",
                    "       run-sql.sh [options] --sql 'SELECT ...'",
                    "       run-sql.sh --list",
                    "",
                    "Runs a named query of athena-ddl/queries (QUERY is its name, for example"
                            + " top_hotspots, or the path of a .sql file) or ad-hoc SQL on DuckDB"
                            + " over a local warehouse written by ./flink-job/run-local.sh. Tables"
                            + " and views have their Athena names, for example"
                            + " cat_data_v21.positions.",
                    "",
                    "Options:",
                    "  --warehouse DIR      warehouse folder (default ./warehouse)",
                    "  --param NAME=VALUE   value of a query parameter, for example"
                            + " --param from_date=2017-06-01; repeat for each parameter",
                    "  --sql SQL            run this SQL instead of a named query; write values"
                            + " into the SQL, it takes no parameters",
                    "  --csv FILE           write all rows as CSV to FILE ('-' for standard"
                            + " output) instead of printing a table",
                    "  --max-rows N         rows printed as a table (default 100; 0 prints all)",
                    "  --list               list the named queries and views with their"
                            + " questions and parameters",
                    "  --help               print this help and exit");

    private SqlCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command and returns the exit code: 0 on success, 1 when the SQL fails or the CSV
     * file cannot be written, 2 on a usage error (invalid options, parameters or query file).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for the options.");
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        Path sqlDir = sqlDir();
        if (options.list) {
            list(sqlDir, out);
            return 0;
        }
        try (LocalWarehouse warehouse = LocalWarehouse.open(options.warehouse, sqlDir)) {
            SqlFile sql;
            QueryResult result;
            if (options.adHocSql != null) {
                sql = SqlFile.parse(null, options.adHocSql);
                if (!sql.parameters().isEmpty() || !options.params.isEmpty()) {
                    throw new IllegalArgumentException(
                            "--sql takes no parameters; write the values into the SQL");
                }
                result = warehouse.query(sql.statement());
            } else {
                sql = resolve(options.query, sqlDir);
                checkDateRange(options.params);
                result = warehouse.query(sql, options.params);
            }
            noteEmptyTables(warehouse, sql, options.warehouse, err);
            if (result.rows().isEmpty() && !options.params.isEmpty()) {
                notePositionsCoverage(warehouse, err);
            }
            write(result, options, out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            err.println("error: query failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot write " + options.csv + ": " + reason(e));
            return 1;
        }
    }

    /**
     * Returns why a file could not be written. {@link Files} puts only the path into the message of
     * its common exceptions, so the reason comes from the exception's class.
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory; create the folder first";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Returns the athena-ddl folder: the system property, else ./athena-ddl, else ".". */
    static Path sqlDir() {
        String configured = System.getProperty(SQL_DIR_PROPERTY);
        if (configured != null) {
            return Paths.get(configured);
        }
        Path module = Paths.get("athena-ddl");
        return Files.isDirectory(module.resolve("queries")) ? module : Paths.get(".");
    }

    /** Finds a query by name in {@code queries/}, or reads a {@code .sql} file by path. */
    static SqlFile resolve(String query, Path sqlDir) {
        Path named = sqlDir.resolve("queries").resolve(query + ".sql");
        if (Files.isRegularFile(named)) {
            return SqlFile.read(named);
        }
        Path file = Paths.get(query);
        if (query.endsWith(".sql") && Files.isRegularFile(file)) {
            return SqlFile.read(file);
        }
        List<String> names =
                SqlFile.list(sqlDir.resolve("queries")).stream().map(SqlFile::name).toList();
        throw new IllegalArgumentException(
                "query '"
                        + query
                        + "' not found; named queries are "
                        + names
                        + ", or give the path of a .sql file");
    }

    private static void list(Path sqlDir, PrintStream out) {
        for (String folder : List.of("queries", "views")) {
            out.println(folder + ":");
            for (SqlFile file : SqlFile.list(sqlDir.resolve(folder))) {
                out.println("  " + file.name());
                out.println("      " + file.question());
                for (String name : file.parameterNames()) {
                    QueryParameter first =
                            file.parameters().stream()
                                    .filter(p -> p.name().equals(name))
                                    .findFirst()
                                    .orElseThrow();
                    out.printf(
                            "      --param %s=...  (%s) %s%n",
                            name, first.type(), first.description());
                }
            }
        }
    }

    /** Rejects a from_date after the to_date, which would select nothing. */
    static void checkDateRange(Map<String, String> params) {
        String from = params.get("from_date");
        String to = params.get("to_date");
        // Both are yyyy-MM-dd once the parameters are checked, so text order is date order. An
        // invalid value is left to the parameter check, which names the format.
        if (from != null
                && to != null
                && ISO_DATE.matcher(from).matches()
                && ISO_DATE.matcher(to).matches()
                && from.compareTo(to) > 0) {
            throw new IllegalArgumentException(
                    "from_date "
                            + from
                            + " is after to_date "
                            + to
                            + ", so the query would select no day; swap the two dates");
        }
    }

    /**
     * Prints, after a query with parameters returned no rows, which municipality codes and local
     * dates the positions table holds, so that a user can see whether the parameters miss the data.
     */
    private static void notePositionsCoverage(LocalWarehouse warehouse, PrintStream err) {
        if (warehouse.emptyTables().contains(POSITIONS_TABLE)) {
            return;
        }
        QueryResult coverage;
        try {
            coverage =
                    warehouse.query(
                            "SELECT municipality_code, min(dt) AS first_day, max(dt) AS last_day"
                                    + " FROM "
                                    + POSITIONS_TABLE
                                    + " GROUP BY municipality_code ORDER BY municipality_code");
        } catch (SQLException e) {
            err.println(
                    "note: the query returned no rows (reading the data's range failed: "
                            + e.getMessage()
                            + ")");
            return;
        }
        List<String> ranges = new ArrayList<>();
        for (List<Object> row : coverage.rows()) {
            ranges.add(row.get(0) + " from " + row.get(1) + " to " + row.get(2));
        }
        err.println(
                "note: the query returned no rows. The positions table holds municipality_code "
                        + String.join("; ", ranges)
                        + " (local dates); check the parameters against these.");
    }

    private static void noteEmptyTables(
            LocalWarehouse warehouse, SqlFile sql, Path folder, PrintStream err) {
        for (String table : warehouse.emptyTables()) {
            if (sql.statement().contains(table)) {
                err.println(
                        "note: "
                                + folder.resolve(table)
                                + " contains no Parquet files; table "
                                + table
                                + " reads as empty");
            }
        }
    }

    private static void write(QueryResult result, Options options, PrintStream out)
            throws IOException {
        if (options.csv == null) {
            ResultWriter.printTable(result, options.maxRows, out);
        } else if (options.csv.equals("-")) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ResultWriter.writeCsv(result, writer);
            writer.flush();
        } else {
            try (Writer writer =
                    new BufferedWriter(
                            Files.newBufferedWriter(
                                    Paths.get(options.csv), StandardCharsets.UTF_8))) {
                ResultWriter.writeCsv(result, writer);
            }
        }
    }

    private static final String POSITIONS_TABLE = "positions";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Parsed command-line options. */
    static final class Options {
        Path warehouse = Paths.get("warehouse");
        final Map<String, String> params = new LinkedHashMap<>();
        String query;
        String adHocSql;
        String csv;
        int maxRows = 100;
        boolean list;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--list" -> o.list = true;
                    case "--warehouse" -> o.warehouse = Paths.get(value(args, ++i, arg));
                    case "--sql" -> o.adHocSql = value(args, ++i, arg);
                    case "--csv" -> o.csv = value(args, ++i, arg);
                    case "--max-rows" -> o.maxRows = nonNegative(value(args, ++i, arg), arg);
                    case "--param" -> o.addParam(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (o.query != null) {
                            throw new IllegalArgumentException(
                                    "more than one query given: " + o.query + " and " + arg);
                        }
                        o.query = arg;
                    }
                }
            }
            if (!o.help && !o.list) {
                if (o.query == null && o.adHocSql == null) {
                    throw new IllegalArgumentException(
                            "no query given; name a query (run --list to see them) or pass --sql");
                }
                if (o.query != null && o.adHocSql != null) {
                    throw new IllegalArgumentException(
                            "give either a query name or --sql, not both");
                }
            }
            return o;
        }

        private void addParam(String assignment) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "--param expects NAME=VALUE, got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq).strip();
            if (params.put(name, assignment.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("parameter " + name + " given twice");
            }
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }

        private static int nonNegative(String value, String option) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
            throw new IllegalArgumentException(
                    option + " expects a whole number of 0 or more, got '" + value + "'");
        }
    }
}
