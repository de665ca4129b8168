package jp.catdata.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An embedded DuckDB database whose schema {@code cat_data_v21} mirrors the Athena database over a
 * local warehouse folder, so that the module's SQL files run unchanged.
 *
 * <p>Each table of {@code tables/*.sql} becomes a view over its Parquet files, {@code
 * <warehouse>/<table>/<key>=<value>/.../*.parquet}, with the partition keys read from the folder
 * names as strings, as Athena does. The view lists the DDL's columns in DDL order, so a column of
 * the DDL that the files lack fails here as it would in Athena. A table whose folder contains no
 * Parquet files becomes an empty view with the DDL's columns. Then the views of {@code views/*.sql}
 * are created as written.
 */
public final class LocalWarehouse implements AutoCloseable {

    /** Schema of the local views, named like the Glue database. */
    public static final String DATABASE = "cat_data_v21";

    private final Connection connection;
    private final List<String> emptyTables = new ArrayList<>();

    private LocalWarehouse(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens an in-memory DuckDB database over a warehouse folder.
     *
     * @param warehouse folder with one subfolder per table, as the job and the registry loader
     *     write it
     * @param sqlDir this module's folder, holding {@code tables/} and {@code views/}
     */
    public static LocalWarehouse open(Path warehouse, Path sqlDir) throws SQLException {
        if (!Files.isDirectory(warehouse)) {
            throw new IllegalArgumentException(
                    "warehouse folder "
                            + warehouse
                            + " not found; write one with ./flink-job/run-local.sh --output "
                            + warehouse
                            + ", or pass --warehouse DIR");
        }
        List<TableDefinition> tables = TableDefinition.readAll(sqlDir.resolve("tables"));
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(
                    "no table definitions in "
                            + sqlDir.resolve("tables")
                            + "; is "
                            + sqlDir
                            + " the athena-ddl folder?");
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        LocalWarehouse local = new LocalWarehouse(connection);
        try {
            DialectBridge.apply(connection);
            local.execute("CREATE SCHEMA " + DATABASE);
            // Unqualified names resolve in cat_data_v21, as in an Athena session on that database.
            local.execute("SET search_path = '" + DATABASE + ",main'");
            for (TableDefinition table : tables) {
                local.createTableView(table, warehouse);
            }
            for (SqlFile view : SqlFile.list(sqlDir.resolve("views"))) {
                local.execute(view.statement());
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return local;
    }

    private void createTableView(TableDefinition table, Path warehouse) throws SQLException {
        Path folder = warehouse.resolve(table.name());
        int depth = table.partitionKeys().size();
        List<String> select = new ArrayList<>();
        String from;
        if (hasParquetFiles(folder, depth)) {
            for (TableDefinition.Column column : table.columns()) {
                select.add(quote(column.name()));
            }
            for (TableDefinition.Column key : table.partitionKeys()) {
                select.add(quote(key.name()));
            }
            from =
                    "read_parquet("
                            + literal(glob(folder, depth))
                            + ", hive_partitioning = true, hive_types_autocast = false)";
        } else {
            emptyTables.add(table.name());
            for (TableDefinition.Column column : table.columns()) {
                select.add(emptyColumn(column));
            }
            for (TableDefinition.Column key : table.partitionKeys()) {
                select.add(emptyColumn(key));
            }
            from = "(SELECT 1) AS no_rows WHERE false";
        }
        execute(
                "CREATE VIEW "
                        + DATABASE
                        + "."
                        + quote(table.name())
                        + " AS SELECT "
                        + String.join(", ", select)
                        + " FROM "
                        + from);
    }

    private static boolean hasParquetFiles(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files =
                Files.find(
                        folder,
                        depth + 1,
                        (path, attributes) ->
                                attributes.isRegularFile()
                                        && path.getFileName().toString().endsWith(".parquet")
                                        && folder.relativize(path).getNameCount() == depth + 1)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static String glob(Path folder, int depth) {
        return folder.toAbsolutePath() + "/*".repeat(depth) + "/*.parquet";
    }

    private static String emptyColumn(TableDefinition.Column column) {
        return "CAST(NULL AS " + duckDbType(column.type()) + ") AS " + quote(column.name());
    }

    /** Returns the DuckDB type that DuckDB reads for a Hive column type of these tables. */
    static String duckDbType(String hiveType) {
        return switch (hiveType) {
            case "string" -> "VARCHAR";
            case "boolean" -> "BOOLEAN";
            case "int" -> "INTEGER";
            case "bigint" -> "BIGINT";
            case "double" -> "DOUBLE";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP WITH TIME ZONE";
            default -> throw new IllegalArgumentException("unsupported column type " + hiveType);
        };
    }

    /** Returns the tables whose folders held no Parquet files; they read as empty. */
    public List<String> emptyTables() {
        return List.copyOf(emptyTables);
    }

    /**
     * Runs a query, binding each {@code ?} to the value given for its parameter's name.
     *
     * @param values parameter name to value, as text; converted to each parameter's type
     * @throws IllegalArgumentException if the header does not declare one parameter per {@code ?},
     *     or a value is missing, unknown or not of its type
     */
    public QueryResult query(SqlFile sql, Map<String, String> values) throws SQLException {
        checkMarks(sql);
        List<String> unknown = new ArrayList<>(values.keySet());
        unknown.removeAll(sql.parameterNames());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown parameter "
                            + String.join(", ", unknown)
                            + " for "
                            + sql.name()
                            + "; its parameters are "
                            + (sql.parameterNames().isEmpty() ? "none" : sql.parameterNames()));
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.statement())) {
            for (QueryParameter parameter : sql.parameters()) {
                String value = values.get(parameter.name());
                if (value == null) {
                    throw new IllegalArgumentException(
                            "missing parameter "
                                    + parameter.name()
                                    + " for "
                                    + sql.name()
                                    + " ("
                                    + parameter.description()
                                    + "); pass --param "
                                    + parameter.name()
                                    + "=VALUE");
                }
                statement.setObject(parameter.position(), parameter.convert(value));
            }
            try (ResultSet rs = statement.executeQuery()) {
                return read(rs);
            }
        }
    }

    /**
     * Rejects a file whose header declares another number of parameters than it has {@code ?}
     * marks, because a mark left unbound reads as NULL and the query returns no rows.
     */
    private static void checkMarks(SqlFile sql) {
        int marks = sql.markCount();
        int declared = sql.parameters().size();
        if (marks == declared) {
            return;
        }
        String form = "'-- 1. name string|bigint description'";
        if (declared == 0) {
            throw new IllegalArgumentException(
                    sql.name()
                            + " has "
                            + marks
                            + " ? marks but "
                            + (sql.hasHeader() ? "its header comment lists" : "no header comment")
                            + " no parameters; a header comment listing the parameters is"
                            + " needed, one line "
                            + form
                            + " per ? in the order of the marks");
        }
        throw new IllegalArgumentException(
                sql.name()
                        + " has "
                        + marks
                        + " ? marks but its header declares "
                        + declared
                        + " parameters; the header must list one parameter per ?, as "
                        + form
                        + " in the order of the marks, repeating a name that fills several"
                        + " marks");
    }

    /** Runs SQL without parameters, for example a query typed on the command line. */
    public QueryResult query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return read(rs);
        }
    }

    private static QueryResult read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return new QueryResult(columns, types, rows);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
