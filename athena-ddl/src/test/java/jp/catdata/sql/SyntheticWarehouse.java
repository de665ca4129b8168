package jp.catdata.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes small hand-made Parquet partitions with the columns and types of a table's DDL, for tests
 * of query logic on cases the real data does not contain.
 */
final class SyntheticWarehouse {

    private SyntheticWarehouse() {}

    /**
     * Writes one Parquet file into a partition folder.
     *
     * @param partition for example {@code municipality_code=131067/dt=2024-05-01}
     * @param rows column name to value; absent columns are null; time stamps as ISO-8601 text
     */
    static void write(
            Path warehouse, String table, String partition, List<Map<String, Object>> rows)
            throws IOException, SQLException {
        TableDefinition ddl = TableDefinition.read(TestPaths.tables().resolve(table + ".sql"));
        Path folder = warehouse.resolve(table).resolve(partition);
        Files.createDirectories(folder);
        List<String> columns = new ArrayList<>();
        for (TableDefinition.Column c : ddl.columns()) {
            columns.add(c.name() + " " + LocalWarehouse.duckDbType(c.type()));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            s.execute("CREATE TABLE t (" + String.join(", ", columns) + ")");
            String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
                for (Map<String, Object> row : rows) {
                    for (int i = 0; i < ddl.columns().size(); i++) {
                        insert.setObject(i + 1, row.get(ddl.columns().get(i).name()));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Path file = folder.resolve("part-0.parquet");
            s.execute("COPY t TO '" + file.toAbsolutePath() + "' (FORMAT PARQUET)");
        }
    }
}
