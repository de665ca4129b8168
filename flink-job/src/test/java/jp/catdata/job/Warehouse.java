package jp.catdata.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the Parquet tables of a local warehouse back with DuckDB, an independent reader. */
final class Warehouse implements AutoCloseable {

    private final Path root;
    private final Connection connection;

    Warehouse(Path root) throws SQLException {
        this.root = root;
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** Returns a {@code read_parquet} expression over all partitions of a table. */
    String table(String name) {
        Path folder = root.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("table folder " + folder + " was not written");
        }
        return "read_parquet('"
                + folder.toString().replace("'", "''")
                + "/*/*/*.parquet', hive_partitioning = true, hive_types_autocast = false)";
    }

    /** Runs a query and returns its rows as lists of column values. */
    List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Runs a query that returns one number. */
    long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).get(0)).longValue();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
