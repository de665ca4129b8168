package jp.catdata.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows of the job's Parquet tables as they are, with {@code read_parquet} and a plain
 * projection: no views, no aggregation and none of the module's SQL, so that tests can aggregate
 * them in Java independently of the queries under test.
 */
final class RawTables implements AutoCloseable {

    private final Path warehouse;
    private final Connection connection;

    RawTables(Path warehouse) throws SQLException {
        this.warehouse = warehouse;
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
    }

    /** Returns the selected columns of every row of a table; partition keys are strings. */
    List<List<Object>> rows(String table, String columns) throws SQLException {
        String glob = warehouse.resolve(table).toAbsolutePath() + "/*/*/*.parquet";
        String sql =
                "SELECT "
                        + columns
                        + " FROM read_parquet('"
                        + glob.replace("'", "''")
                        + "', hive_partitioning = true, hive_types_autocast = false)";
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
