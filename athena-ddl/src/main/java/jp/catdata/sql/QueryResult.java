package jp.catdata.sql;

import java.util.List;

/**
 * The rows of one query, read fully into memory.
 *
 * @param columns column names in result order
 * @param types DuckDB type name of each column
 * @param rows values of each row, in JDBC's Java types; null for SQL NULL
 */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows) {

    /** Returns the index of a column. */
    public int column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "result has no column " + name + "; its columns are " + columns);
        }
        return index;
    }
}
