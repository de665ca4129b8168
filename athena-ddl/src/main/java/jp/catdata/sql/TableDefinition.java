package jp.catdata.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table of {@code tables/<table>.sql}, read from its {@code CREATE EXTERNAL TABLE} statement:
 * columns, partition keys, location and table properties.
 *
 * <p>The parser accepts the plain Hive DDL these files use (one {@code name type} per column,
 * primitive types, single-quoted properties) and rejects anything else with a message, so a file
 * that it cannot read fails loudly instead of yielding a partial table.
 */
public final class TableDefinition {

    private static final Pattern CREATE =
            Pattern.compile(
                    "(?is)^CREATE\\s+EXTERNAL\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+"
                            + "(\\w+)\\.(\\w+)\\s*\\((.*?)\\)\\s*"
                            + "(?:PARTITIONED\\s+BY\\s*\\((.*?)\\)\\s*)?"
                            + "STORED\\s+AS\\s+PARQUET\\s+"
                            + "LOCATION\\s+'([^']*)'\\s*"
                            + "(?:TBLPROPERTIES\\s*\\((.*)\\))?\\s*;?\\s*$");
    private static final Pattern COLUMN = Pattern.compile("(?i)^(\\w+)\\s+(\\w+)$");
    private static final Pattern PROPERTY = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'");
    private static final List<String> TYPES =
            List.of("string", "boolean", "int", "bigint", "double", "date", "timestamp");

    /**
     * One column and its Hive type.
     *
     * @param name column name
     * @param type lower-case Hive type, one of string, boolean, int, bigint, double, date and
     *     timestamp
     */
    public record Column(String name, String type) {}

    private final String database;
    private final String name;
    private final List<Column> columns;
    private final List<Column> partitionKeys;
    private final String location;
    private final Map<String, String> properties;

    private TableDefinition(
            String database,
            String name,
            List<Column> columns,
            List<Column> partitionKeys,
            String location,
            Map<String, String> properties) {
        this.database = database;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.partitionKeys = List.copyOf(partitionKeys);
        this.location = location;
        this.properties = Map.copyOf(properties);
    }

    /** Reads the table of one {@code .sql} file. */
    public static TableDefinition read(Path file) {
        return parse(SqlFile.read(file).statement(), file.toString());
    }

    /** Reads the tables of every {@code .sql} file in a folder, sorted by file name. */
    public static List<TableDefinition> readAll(Path folder) {
        List<TableDefinition> tables = new ArrayList<>();
        for (SqlFile file : SqlFile.list(folder)) {
            tables.add(parse(file.statement(), String.valueOf(file.path())));
        }
        return tables;
    }

    /**
     * Parses one {@code CREATE EXTERNAL TABLE} statement.
     *
     * @param source where the statement comes from, for error messages
     * @throws IllegalArgumentException if the statement is not of the supported form
     */
    public static TableDefinition parse(String ddl, String source) {
        Matcher m = CREATE.matcher(ddl.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    source
                            + " is not a CREATE EXTERNAL TABLE IF NOT EXISTS db.table (...)"
                            + " [PARTITIONED BY (...)] STORED AS PARQUET LOCATION '...'"
                            + " [TBLPROPERTIES (...)] statement");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (m.group(6) != null) {
            Matcher p = PROPERTY.matcher(m.group(6));
            while (p.find()) {
                properties.put(p.group(1), p.group(2));
            }
        }
        return new TableDefinition(
                m.group(1),
                m.group(2),
                columns(m.group(3), source),
                m.group(4) == null ? List.of() : columns(m.group(4), source),
                m.group(5),
                properties);
    }

    private static List<Column> columns(String list, String source) {
        List<Column> columns = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher c = COLUMN.matcher(item.strip());
            if (!c.matches()) {
                throw new IllegalArgumentException(
                        "column definition '"
                                + item.strip()
                                + "' in "
                                + source
                                + " is not 'name type'");
            }
            String type = c.group(2).toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException(
                        "column "
                                + c.group(1)
                                + " in "
                                + source
                                + " has type "
                                + type
                                + "; supported types are "
                                + TYPES);
            }
            columns.add(new Column(c.group(1), type));
        }
        return columns;
    }

    public String database() {
        return database;
    }

    public String name() {
        return name;
    }

    /** Returns the columns stored in the Parquet files, in DDL order. */
    public List<Column> columns() {
        return columns;
    }

    /** Returns the partition keys, which exist only in the folder names. */
    public List<Column> partitionKeys() {
        return partitionKeys;
    }

    public String location() {
        return location;
    }

    public Map<String, String> properties() {
        return properties;
    }
}
