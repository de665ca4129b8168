package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableDefinitionTest {

    @Test
    void positionsDdlParses() {
        TableDefinition table = TableDefinition.read(TestPaths.tables().resolve("positions.sql"));
        assertThat(table.database()).isEqualTo("cat_data_v21");
        assertThat(table.name()).isEqualTo("positions");
        assertThat(table.columns().get(0))
                .isEqualTo(new TableDefinition.Column("event_id", "string"));
        assertThat(table.columns().get(2))
                .isEqualTo(new TableDefinition.Column("observed_at", "timestamp"));
        assertThat(table.partitionKeys())
                .containsExactly(
                        new TableDefinition.Column("municipality_code", "string"),
                        new TableDefinition.Column("dt", "string"));
        assertThat(table.location()).isEqualTo("s3://cat-data-v21/curated/positions/");
        assertThat(table.properties())
                .containsEntry(
                        "storage.location.template",
                        "s3://cat-data-v21/curated/positions/"
                                + "municipality_code=${municipality_code}/dt=${dt}/");
    }

    @Test
    void everyFileNamedAfterItsTable() {
        for (TableDefinition table : TableDefinition.readAll(TestPaths.tables())) {
            assertThat(Files.exists(TestPaths.tables().resolve(table.name() + ".sql")))
                    .as("file of %s", table.name())
                    .isTrue();
            assertThat(table.database()).isEqualTo("cat_data_v21");
        }
    }

    @Test
    void tablesHaveNoComments() throws Exception {
        // Another build parses these files into Glue tables; they stay plain DDL statements.
        for (var file :
                List.of(
                        "positions",
                        "cell_density",
                        "cat_movement_hourly",
                        "cat_movement_daily",
                        "rejected",
                        "cat_registry")) {
            String text = Files.readString(TestPaths.tables().resolve(file + ".sql"));
            assertThat(text).as(file).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS");
            assertThat(text).as(file).doesNotContain("--");
        }
    }

    @Test
    void databaseStatementNamesDatabase() throws Exception {
        String text = Files.readString(TestPaths.sqlDir().resolve("database.sql"));
        assertThat(text).startsWith("CREATE DATABASE IF NOT EXISTS cat_data_v21");
    }

    @Test
    void unsupportedTypeRejected() {
        String ddl =
                "CREATE EXTERNAL TABLE IF NOT EXISTS db.t (a map<string,int>)"
                        + " STORED AS PARQUET LOCATION 's3://b/t/'";
        assertThatThrownBy(() -> TableDefinition.parse(ddl, "t.sql"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherStatementRejected() {
        assertThatThrownBy(() -> TableDefinition.parse("CREATE TABLE t (a int)", "t.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.sql is not a CREATE EXTERNAL TABLE");
    }
}
