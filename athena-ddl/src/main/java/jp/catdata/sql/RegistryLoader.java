package jp.catdata.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a municipality's cat registry CSV into the {@code cat_registry} table: one Parquet file
 * {@code <warehouse>/cat_registry/municipality_code=<code>/cat_registry.parquet}, which replaces
 * that municipality's earlier registry. A file with any invalid row is not loaded; every invalid
 * value is reported with its line. This is what {@code athena-ddl/load-registry.sh} starts.
 */
public final class RegistryLoader {

    static final String TABLE = "cat_registry";
    static final String FILE_NAME = "cat_registry.parquet";
    private static final int MAX_LISTED_ERRORS = 50;

    /** Column definitions of the Parquet file, in the order of {@code tables/cat_registry.sql}. */
    static final String COLUMNS =
            String.join(
                    ", ",
                    "cat_id VARCHAR",
                    "name VARCHAR",
                    "sex VARCHAR",
                    "reproductive_condition VARCHAR",
                    "neutered BOOLEAN",
                    "ear_tipped BOOLEAN",
                    "age_years INTEGER",
                    "birth_year INTEGER",
                    "status VARCHAR",
                    "hrs_indoors DOUBLE",
                    "n_cats INTEGER",
                    "hunts BOOLEAN",
                    "prey_per_month DOUBLE",
                    "deployment_start TIMESTAMP WITH TIME ZONE",
                    "deployment_end TIMESTAMP WITH TIME ZONE",
                    "origin VARCHAR");

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: load-registry.sh --input FILE --municipality-code CODE [options]",
                    "",
                    "Loads a cat registry CSV (registry layout, or Movebank reference data) into"
                            + " WAREHOUSE/cat_registry/municipality_code=CODE/cat_registry.parquet,"
                            + " replacing that municipality's earlier registry. A file with an"
                            + " invalid row is not loaded; each invalid value is listed.",
                    "",
                    "Options:",
                    "  --input FILE              registry CSV to load",
                    "  --municipality-code CODE  six-digit JIS X 0402 code of the municipality,"
                            + " for example 131067",
                    "  --warehouse DIR           warehouse folder (default ./warehouse)",
                    "  --default-status STATUS   pet, community or stray, for rows without a"
                            + " status (Movebank reference data has none)",
                    "  --help                    print this help and exit");

    /**
     * Outcome of a load.
     *
     * @param file the Parquet file written
     * @param layout the CSV layout detected
     * @param rows rows written
     * @param byCondition rows per reproductive condition ("not recorded" for null)
     * @param byStatus rows per status
     * @param ignoredColumns Movebank columns without a registry column
     */
    public record Summary(
            Path file,
            RegistryCsv.Layout layout,
            int rows,
            Map<String, Integer> byCondition,
            Map<String, Integer> byStatus,
            List<String> ignoredColumns) {}

    /** Raised when a registry file has invalid rows; the message lists each one. */
    public static final class InvalidRegistryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> errors;

        InvalidRegistryException(Path csv, List<String> errors) {
            super(message(csv, errors));
            this.errors = List.copyOf(errors);
        }

        private static String message(Path csv, List<String> errors) {
            StringBuilder message =
                    new StringBuilder(csv + " was not loaded: " + errors.size() + " problem(s)");
            for (String error : errors.subList(0, Math.min(errors.size(), MAX_LISTED_ERRORS))) {
                message.append("\n  ").append(error);
            }
            if (errors.size() > MAX_LISTED_ERRORS) {
                message.append("\n  ... and ")
                        .append(errors.size() - MAX_LISTED_ERRORS)
                        .append(" more");
            }
            return message.toString();
        }

        public List<String> errors() {
            return errors;
        }
    }

    private RegistryLoader() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command and returns the exit code: 0 on success, 1 on a write failure, 2 otherwise.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String input = null;
        String code = null;
        String defaultStatus = null;
        Path warehouse = Paths.get("warehouse");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--input" -> input = value(args, ++i);
                    case "--municipality-code" -> code = value(args, ++i);
                    case "--warehouse" -> warehouse = Paths.get(value(args, ++i));
                    case "--default-status" -> defaultStatus = value(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (input == null || code == null) {
                throw new IllegalArgumentException(
                        "--input FILE and --municipality-code CODE are required");
            }
            Summary summary = load(Paths.get(input), code, defaultStatus, warehouse);
            printSummary(summary, out);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | SQLException e) {
            err.println("error: cannot write the registry: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /**
     * Reads a registry CSV and writes it as the municipality's {@code cat_registry} partition.
     *
     * @throws InvalidRegistryException if any row is invalid; nothing is written then
     * @throws IllegalArgumentException if an argument is invalid
     */
    public static Summary load(
            Path csv, String municipalityCode, String defaultStatus, Path warehouse)
            throws IOException, SQLException {
        if (!MunicipalityCodes.isValid(municipalityCode)) {
            throw new IllegalArgumentException(
                    "municipality code '"
                            + municipalityCode
                            + "' is not a valid six-digit JIS X 0402 code (prefecture 01 to 47"
                            + " and check digit), for example 131067");
        }
        if (defaultStatus != null && !RegistryCsv.STATUSES.contains(defaultStatus)) {
            throw new IllegalArgumentException(
                    "--default-status '" + defaultStatus + "' is not pet, community or stray");
        }
        if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
            throw new IllegalArgumentException(
                    "registry file " + csv + " does not exist or is not readable");
        }
        RegistryCsv.Result result = RegistryCsv.read(csv, defaultStatus);
        if (!result.errors().isEmpty()) {
            throw new InvalidRegistryException(csv, result.errors());
        }
        if (result.entries().isEmpty()) {
            throw new IllegalArgumentException(csv + " contains no data rows; nothing to load");
        }
        Path partition = warehouse.resolve(TABLE).resolve("municipality_code=" + municipalityCode);
        Files.createDirectories(partition);
        Path file = partition.resolve(FILE_NAME);
        write(result.entries(), file);
        removeOtherFiles(partition, file);
        return summarize(file, result);
    }

    /** Writes the entries to a temporary file beside {@code file}, then moves it into place. */
    static void write(List<RegistryEntry> entries, Path file) throws IOException, SQLException {
        // Readers skip names starting with a dot, so a half-written file is never read.
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            DialectBridge.apply(connection);
            statement.execute("CREATE TABLE registry (" + COLUMNS + ")");
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "INSERT INTO registry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    + " CAST(? AS TIMESTAMP WITH TIME ZONE),"
                                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), ?)")) {
                for (RegistryEntry e : entries) {
                    insert.setString(1, e.catId());
                    insert.setString(2, e.name());
                    insert.setString(3, e.sex());
                    insert.setString(4, e.reproductiveCondition());
                    setNullable(insert, 5, e.neutered(), Types.BOOLEAN);
                    setNullable(insert, 6, e.earTipped(), Types.BOOLEAN);
                    setNullable(insert, 7, e.ageYears(), Types.INTEGER);
                    setNullable(insert, 8, e.birthYear(), Types.INTEGER);
                    insert.setString(9, e.status());
                    setNullable(insert, 10, e.hrsIndoors(), Types.DOUBLE);
                    setNullable(insert, 11, e.nCats(), Types.INTEGER);
                    setNullable(insert, 12, e.hunts(), Types.BOOLEAN);
                    setNullable(insert, 13, e.preyPerMonth(), Types.DOUBLE);
                    insert.setString(14, utc(e.deploymentStart()));
                    insert.setString(15, utc(e.deploymentEnd()));
                    insert.setString(16, e.origin());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            String target = temporary.toAbsolutePath().toString().replace("'", "''");
            statement.execute(
                    "COPY (SELECT * FROM registry ORDER BY cat_id) TO '"
                            + target
                            + "' (FORMAT PARQUET)");
        }
        Files.move(
                temporary,
                file,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void setNullable(PreparedStatement statement, int index, Object value, int type)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, type);
        } else {
            statement.setObject(index, value);
        }
    }

    private static String utc(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Removes Parquet files of an earlier load under another name, so one snapshot remains. */
    private static void removeOtherFiles(Path partition, Path keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(partition, "*.parquet")) {
            for (Path other : files) {
                if (!other.equals(keep)) {
                    Files.delete(other);
                }
            }
        }
    }

    private static Summary summarize(Path file, RegistryCsv.Result result) {
        Map<String, Integer> byCondition = new TreeMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (RegistryEntry e : result.entries()) {
            String condition =
                    e.reproductiveCondition() == null ? "not recorded" : e.reproductiveCondition();
            byCondition.merge(condition, 1, Integer::sum);
            byStatus.merge(e.status(), 1, Integer::sum);
        }
        return new Summary(
                file,
                result.layout(),
                result.entries().size(),
                byCondition,
                byStatus,
                result.ignoredColumns());
    }

    private static void printSummary(Summary summary, PrintStream out) {
        out.println("Loaded " + summary.rows() + " cats into " + summary.file());
        out.println("  layout                 " + summary.layout());
        out.println("  reproductive condition " + summary.byCondition());
        out.println("  status                 " + summary.byStatus());
        if (!summary.ignoredColumns().isEmpty()) {
            out.println("  ignored columns        " + summary.ignoredColumns());
        }
    }
}
