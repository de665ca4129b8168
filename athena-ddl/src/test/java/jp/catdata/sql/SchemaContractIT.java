package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the DDL of tables/*.sql against the Parquet files the job and the registry loader actually
 * write: every column and type in both directions, the partition folders, and the partition
 * projection's location template.
 */
class SchemaContractIT {

    private static Path warehouse;
    private static List<TableDefinition> tables;
    private static final Map<String, Map<String, Map<String, String>>> SCHEMAS = new TreeMap<>();

    @BeforeAll
    static void writeWarehouse() throws Exception {
        warehouse = CatsUkWarehouse.get();
        tables = TableDefinition.readAll(TestPaths.tables());
        for (TableDefinition table : tables) {
            SCHEMAS.put(table.name(), readFileSchemas(table));
        }
    }

    @Test
    void everyTableHasFiles() throws IOException {
        List<String> names = tables.stream().map(TableDefinition::name).toList();
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "cat_movement_daily",
                        "cat_movement_hourly",
                        "cat_registry",
                        "cell_density",
                        "positions",
                        "rejected");
        for (TableDefinition table : tables) {
            assertThat(parquetFiles(table)).as("Parquet files of %s", table.name()).isNotEmpty();
        }
    }

    @Test
    void ddlColumnsAreInFiles() throws Exception {
        for (TableDefinition table : tables) {
            for (Map.Entry<String, Map<String, String>> file : fileSchemas(table).entrySet()) {
                Map<String, String> columns = file.getValue();
                for (TableDefinition.Column column : table.columns()) {
                    assertThat(columns)
                            .as("column %s of %s in %s", column.name(), table.name(), file.getKey())
                            .containsEntry(column.name(), column.type());
                }
            }
        }
    }

    @Test
    void fileColumnsAreInDdl() throws Exception {
        for (TableDefinition table : tables) {
            Map<String, String> ddl = new LinkedHashMap<>();
            table.columns().forEach(c -> ddl.put(c.name(), c.type()));
            for (Map.Entry<String, Map<String, String>> file : fileSchemas(table).entrySet()) {
                for (Map.Entry<String, String> column : file.getValue().entrySet()) {
                    assertThat(ddl)
                            .as("column %s of %s in the DDL", column.getKey(), file.getKey())
                            .containsEntry(column.getKey(), column.getValue());
                }
            }
        }
    }

    @Test
    void columnOrderMatchesFiles() throws Exception {
        for (TableDefinition table : tables) {
            List<String> ddl = table.columns().stream().map(TableDefinition.Column::name).toList();
            for (Map.Entry<String, Map<String, String>> file : fileSchemas(table).entrySet()) {
                assertThat(new ArrayList<>(file.getValue().keySet()))
                        .as("column order of %s", file.getKey())
                        .containsExactlyElementsOf(ddl);
            }
        }
    }

    @Test
    void partitionFoldersMatchKeys() throws IOException {
        for (TableDefinition table : tables) {
            List<String> keys =
                    table.partitionKeys().stream().map(TableDefinition.Column::name).toList();
            for (Path file : parquetFiles(table)) {
                Path relative = warehouse.resolve(table.name()).relativize(file);
                List<String> folderKeys = new ArrayList<>();
                for (int i = 0; i < relative.getNameCount() - 1; i++) {
                    String folder = relative.getName(i).toString();
                    folderKeys.add(folder.substring(0, folder.indexOf('=')));
                }
                assertThat(folderKeys).as("partition folders of %s", relative).isEqualTo(keys);
            }
        }
    }

    @Test
    void locationTemplateMatchesFolders() throws IOException {
        for (TableDefinition table : tables) {
            String location = table.location();
            assertThat(location).isEqualTo("s3://cat-data-v21/curated/" + table.name() + "/");
            String template = table.properties().get("storage.location.template");
            assertThat(template).as("template of %s", table.name()).startsWith(location);
            for (Path file : parquetFiles(table)) {
                Path folder = warehouse.resolve(table.name()).relativize(file.getParent());
                String resolved = template;
                for (Path part : folder) {
                    String[] keyValue = part.toString().split("=", 2);
                    resolved = resolved.replace("${" + keyValue[0] + "}", keyValue[1]);
                }
                assertThat(resolved)
                        .as("template of %s for %s", table.name(), folder)
                        .isEqualTo(location + folder.toString().replace('\\', '/') + "/");
            }
        }
    }

    @Test
    void projectionCoversPartitions() throws IOException {
        for (TableDefinition table : tables) {
            Map<String, String> p = table.properties();
            assertThat(p).as("%s", table.name()).containsEntry("projection.enabled", "true");
            assertThat(p)
                    .as("%s", table.name())
                    .containsEntry("projection.municipality_code.type", "injected");
            if (table.partitionKeys().size() < 2) {
                continue;
            }
            assertThat(p).as("%s", table.name()).containsEntry("projection.dt.type", "date");
            DateTimeFormatter format = DateTimeFormatter.ofPattern(p.get("projection.dt.format"));
            String[] range = p.get("projection.dt.range").split(",");
            LocalDate first = LocalDate.parse(range[0], format);
            assertThat(range[1]).matches("NOW(\\+[0-9]+DAYS)?");
            for (Path file : parquetFiles(table)) {
                String dt = file.getParent().getFileName().toString().substring("dt=".length());
                LocalDate date = LocalDate.parse(dt, format);
                assertThat(format.format(date)).as("dt folder of %s", file).isEqualTo(dt);
                assertThat(date).as("dt folder of %s", file).isAfterOrEqualTo(first);
            }
        }
    }

    @Test
    void localViewsMatchDdl() throws Exception {
        try (LocalWarehouse local = LocalWarehouse.open(warehouse, TestPaths.sqlDir())) {
            assertThat(local.emptyTables()).isEmpty();
            for (TableDefinition table : tables) {
                QueryResult result =
                        local.query("SELECT * FROM cat_data_v21." + table.name() + " LIMIT 1");
                List<String> expected = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (TableDefinition.Column c : table.columns()) {
                    expected.add(c.name());
                    types.add(LocalWarehouse.duckDbType(c.type()));
                }
                for (TableDefinition.Column c : table.partitionKeys()) {
                    expected.add(c.name());
                    types.add("VARCHAR");
                }
                assertThat(result.columns()).as("columns of %s", table.name()).isEqualTo(expected);
                assertThat(result.types()).as("types of %s", table.name()).isEqualTo(types);
            }
        }
    }

    private static List<Path> parquetFiles(TableDefinition table) throws IOException {
        try (Stream<Path> files = Files.walk(warehouse.resolve(table.name()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    /** Returns, per file, its columns in file order with the Hive type each maps to. */
    private static Map<String, Map<String, String>> fileSchemas(TableDefinition table) {
        return SCHEMAS.get(table.name());
    }

    private static Map<String, Map<String, String>> readFileSchemas(TableDefinition table)
            throws SQLException, IOException {
        Map<String, Map<String, String>> schemas = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            for (Path file : parquetFiles(table)) {
                Map<String, String> columns = new LinkedHashMap<>();
                // parquet_schema reads the file footer; the first row is the root of the schema.
                try (ResultSet rs =
                        s.executeQuery(
                                "SELECT name, type, converted_type, logical_type, num_children"
                                        + " FROM parquet_schema('"
                                        + file.toString().replace("'", "''")
                                        + "')")) {
                    boolean root = true;
                    while (rs.next()) {
                        if (root) {
                            root = false;
                            continue;
                        }
                        columns.put(
                                rs.getString(1),
                                hiveType(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                schemas.put(warehouse.relativize(file).toString(), columns);
            }
        }
        return schemas;
    }

    /**
     * Maps a Parquet physical type with its converted and logical type to the Hive type Athena
     * reads it as. Time stamps must be UTC-adjusted instants, which Athena reads as timestamp.
     */
    static String hiveType(String physical, String converted, String logical) {
        String c = converted == null ? "" : converted;
        switch (physical) {
            case "BYTE_ARRAY":
                return c.equals("UTF8") ? "string" : "binary";
            case "BOOLEAN":
                return "boolean";
            case "DOUBLE":
                return "double";
            case "FLOAT":
                return "float";
            case "INT32":
                if (c.isEmpty() || c.equals("INT_32")) {
                    return "int";
                }
                return c.equals("DATE") ? "date" : "INT32 " + c;
            case "INT64":
                if (c.isEmpty() || c.equals("INT_64")) {
                    return "bigint";
                }
                if ((c.equals("TIMESTAMP_MILLIS") || c.equals("TIMESTAMP_MICROS"))
                        && logical != null
                        && logical.contains("isAdjustedToUTC=1")) {
                    return "timestamp";
                }
                return "INT64 " + c + " " + logical;
            default:
                return physical + " " + c;
        }
    }
}
