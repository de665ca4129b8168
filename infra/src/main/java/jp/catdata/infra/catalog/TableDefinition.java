package jp.catdata.infra.catalog;

import java.util.List;
import java.util.Map;

/**
 * One table as an Athena {@code CREATE EXTERNAL TABLE} statement declares it.
 *
 * @param database the database named before the table, or null when the name is unqualified
 * @param name the table name, lower case
 * @param columns the data columns, in declaration order
 * @param partitionKeys the {@code PARTITIONED BY} columns, in declaration order
 * @param storedAs the {@code STORED AS} format, upper case (only {@code PARQUET} is accepted)
 * @param location the {@code LOCATION} URI
 * @param tableProperties the {@code TBLPROPERTIES}, in declaration order
 * @param comment the table {@code COMMENT}, or null
 */
public record TableDefinition(
        String database,
        String name,
        List<ColumnDefinition> columns,
        List<ColumnDefinition> partitionKeys,
        String storedAs,
        String location,
        Map<String, String> tableProperties,
        String comment) {

    /**
     * One column.
     *
     * @param name the column name, lower case
     * @param type the Hive type as Glue stores it: lower case, no spaces, for example {@code
     *     decimal(10,2)} or {@code array<string>}
     * @param comment the column {@code COMMENT}, or null
     */
    public record ColumnDefinition(String name, String type, String comment) {}
}
