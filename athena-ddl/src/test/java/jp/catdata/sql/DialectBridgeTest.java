package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks that each DuckDB setting of the bridge gives the result Trino documents for the same SQL,
 * and pins the engine behaviours the SQL files rely on or avoid.
 */
class DialectBridgeTest {

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        // A session zone far from UTC, so the bridge's UTC setting has something to change.
        execute("SET TimeZone = 'Asia/Tokyo'");
        DialectBridge.apply(connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void integerDivisionTruncates() throws SQLException {
        // Trino: dividing two integers truncates toward zero.
        assertThat(values("SELECT 7 / 2")).containsExactly(3);
        assertThat(values("SELECT -7 / 2")).containsExactly(-3);
    }

    @Test
    void doubleDivisionStaysExact() throws SQLException {
        assertThat(values("SELECT CAST(7 AS double) / 2")).containsExactly(3.5);
    }

    @Test
    void fieldsReadInUtc() throws SQLException {
        assertThat(values("SELECT hour(TIMESTAMPTZ '2017-06-03 23:30:00+00')"))
                .containsExactly(23L);
        assertThat(
                        values(
                                "SELECT CAST(CAST(TIMESTAMPTZ '2017-06-03 23:30:00+00' AS date) AS varchar)"))
                .containsExactly("2017-06-03");
    }

    @Test
    void nullsSortLast() throws SQLException {
        List<Object> ascending =
                values("SELECT x FROM (VALUES (2), (NULL), (1)) AS t(x) ORDER BY x");
        List<Object> descending =
                values("SELECT x FROM (VALUES (2), (NULL), (1)) AS t(x) ORDER BY x DESC");
        assertThat(ascending).containsExactly(1, 2, null);
        assertThat(descending).containsExactly(2, 1, null);
    }

    @Test
    void extensionDownloadsOff() throws SQLException {
        assertThat(values("SELECT current_setting('autoinstall_known_extensions')"))
                .containsExactly(false);
    }

    @Test
    void weekStartsOnMonday() throws SQLException {
        // Trino's date_trunc('week', date) returns the Monday of the ISO week, as a date.
        assertThat(values("SELECT CAST(date_trunc('week', DATE '2017-06-04') AS varchar)"))
                .containsExactly("2017-05-29");
        assertThat(values("SELECT typeof(date_trunc('week', DATE '2017-06-04'))"))
                .containsExactly("DATE");
    }

    @Test
    void dateDiffCountsBoundaries() throws SQLException {
        // NOTE: DuckDB counts unit boundaries crossed, Trino whole units elapsed (0 here). The SQL
        // files call date_diff only with a unit no coarser than the precision of both values.
        assertThat(
                        values(
                                "SELECT date_diff('hour', TIMESTAMP '2017-06-03 01:59:00',"
                                        + " TIMESTAMP '2017-06-03 02:01:00')"))
                .containsExactly(1L);
        assertThat(
                        values(
                                "SELECT date_diff('minute', TIMESTAMP '2017-06-03 01:00:00',"
                                        + " TIMESTAMP '2017-06-03 03:00:00') / 60"))
                .containsExactly(2L);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private List<Object> values(String sql) throws SQLException {
        List<Object> values = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getObject(1));
            }
        }
        return values;
    }
}
