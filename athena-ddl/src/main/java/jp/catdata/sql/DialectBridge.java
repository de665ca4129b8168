package jp.catdata.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The few DuckDB session settings that let the Athena (Trino) SQL of this module run unchanged on
 * DuckDB. The SQL files avoid functions that the two engines spell differently. What remains are
 * defaults that differ, each named here and tested against the Trino behaviour it restores.
 */
public final class DialectBridge {

    /**
     * Athena runs every query in the UTC session time zone. DuckDB reads the job's UTC-adjusted
     * Parquet time stamps as {@code TIMESTAMP WITH TIME ZONE}, whose fields ({@code hour()}, casts
     * to {@code date}) it takes in the session zone, so the session zone must be UTC too.
     */
    public static final String UTC_SESSION = "SET TimeZone = 'UTC'";

    /**
     * Trino divides two integers to an integer ({@code 7 / 2 = 3}); DuckDB returns a double by
     * default.
     */
    public static final String INTEGER_DIVISION = "SET integer_division = true";

    /**
     * Trino sorts nulls last in both directions unless a query specifies NULLS FIRST. Setting
     * DuckDB's current default explicitly keeps a future DuckDB default from changing results.
     */
    public static final String NULLS_LAST = "SET default_null_order = 'nulls_last'";

    /**
     * Extensions such as time zones and Parquet are built into the DuckDB JDBC driver; a local
     * query never downloads one.
     */
    public static final String NO_EXTENSION_DOWNLOADS = "SET autoinstall_known_extensions = false";

    /** The statements in the order {@link #apply} runs them. */
    public static final List<String> STATEMENTS =
            List.of(NO_EXTENSION_DOWNLOADS, UTC_SESSION, INTEGER_DIVISION, NULLS_LAST);

    private DialectBridge() {}

    /** Applies every setting to a DuckDB connection. */
    public static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
        }
    }
}
