package jp.catdata.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import jp.catdata.infra.catalog.TableDefinition.ColumnDefinition;
import org.junit.jupiter.api.Test;

class AthenaDdlParserTest {

    /** A statement in the shape of the project's table DDL, with the syntax Athena allows. */
    private static final String POSITIONS_DDL =
            """
            -- Accepted fixes and sightings.
            CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.positions (
              event_id string COMMENT 'unique id of the event',
              `cat_id` string,
              observed_at timestamp,
              lat double,
              lon double,
              speed_mps DOUBLE,
              price decimal(10, 2),
              tags array<string>,
              /* nested types keep their brackets */
              segment struct<distance_m:double,duration_s:double>
            )
            COMMENT 'accepted positions'
            PARTITIONED BY (municipality_code string, dt string COMMENT 'local date')
            STORED AS PARQUET
            LOCATION 's3://cat-data-v21/curated/positions/'
            TBLPROPERTIES (
              'projection.enabled'='true',
              'projection.dt.type'='date',
              'projection.dt.format'='yyyy-MM-dd',
              'storage.location.template'='s3://cat-data-v21/curated/positions/municipality_code=${municipality_code}/dt=${dt}/',
              'comment'='it''s quoted'
            );
            """;

    @Test
    void parseNameAndDatabase() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.name()).isEqualTo("positions");
        assertThat(table.database()).isEqualTo("cat_data_v21");
        assertThat(table.comment()).isEqualTo("accepted positions");
    }

    @Test
    void parseColumnsInOrder() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.columns())
                .extracting(ColumnDefinition::name)
                .containsExactly(
                        "event_id",
                        "cat_id",
                        "observed_at",
                        "lat",
                        "lon",
                        "speed_mps",
                        "price",
                        "tags",
                        "segment");
    }

    @Test
    void parseTypesLowerCaseWithoutSpaces() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.columns())
                .extracting(ColumnDefinition::type)
                .containsExactly(
                        "string",
                        "string",
                        "timestamp",
                        "double",
                        "double",
                        "double",
                        "decimal(10,2)",
                        "array<string>",
                        "struct<distance_m:double,duration_s:double>");
    }

    @Test
    void parseColumnComments() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.columns().get(0).comment()).isEqualTo("unique id of the event");
        assertThat(table.columns().get(1).comment()).isNull();
        assertThat(table.partitionKeys().get(1).comment()).isEqualTo("local date");
    }

    @Test
    void parsePartitionKeys() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.partitionKeys())
                .containsExactly(
                        new ColumnDefinition("municipality_code", "string", null),
                        new ColumnDefinition("dt", "string", "local date"));
    }

    @Test
    void parseStorageAndLocation() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.storedAs()).isEqualTo("PARQUET");
        assertThat(table.location()).isEqualTo("s3://cat-data-v21/curated/positions/");
    }

    @Test
    void parseTableProperties() {
        TableDefinition table = parseOne(POSITIONS_DDL);

        assertThat(table.tableProperties())
                .containsExactly(
                        Map.entry("projection.enabled", "true"),
                        Map.entry("projection.dt.type", "date"),
                        Map.entry("projection.dt.format", "yyyy-MM-dd"),
                        Map.entry(
                                "storage.location.template",
                                "s3://cat-data-v21/curated/positions/"
                                        + "municipality_code=${municipality_code}/dt=${dt}/"),
                        Map.entry("comment", "it's quoted"));
    }

    @Test
    void parseUnqualifiedName() {
        TableDefinition table =
                parseOne(
                        "create external table rejected (reason string) stored as parquet"
                                + " location 's3://cat-data-v21/curated/rejected/'");

        assertThat(table.database()).isNull();
        assertThat(table.name()).isEqualTo("rejected");
        assertThat(table.partitionKeys()).isEmpty();
        assertThat(table.tableProperties()).isEmpty();
    }

    @Test
    void parseExplicitParquetSerde() {
        TableDefinition table =
                parseOne(
                        "CREATE EXTERNAL TABLE t (a int) ROW FORMAT SERDE"
                                + " 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'"
                                + " WITH SERDEPROPERTIES ('serialization.format'='1')"
                                + " STORED AS PARQUET LOCATION 's3://b/t/'");

        assertThat(table.columns()).containsExactly(new ColumnDefinition("a", "int", null));
    }

    @Test
    void parseSeveralStatements() {
        List<TableDefinition> tables =
                AthenaDdlParser.parse(
                        "CREATE EXTERNAL TABLE a (x int) STORED AS PARQUET LOCATION 's3://b/a/';\n"
                                + "CREATE EXTERNAL TABLE b (y int) STORED AS PARQUET LOCATION"
                                + " 's3://b/b/';",
                        "two.sql");

        assertThat(tables).extracting(TableDefinition::name).containsExactly("a", "b");
    }

    @Test
    void rejectOtherFormat() {
        assertThatThrownBy(
                        () ->
                                AthenaDdlParser.parse(
                                        "CREATE EXTERNAL TABLE t (a int) STORED AS TEXTFILE"
                                                + " LOCATION 's3://b/t/'",
                                        "t.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.sql")
                .hasMessageContaining("STORED AS TEXTFILE")
                .hasMessageContaining("expected PARQUET");
    }

    @Test
    void rejectMissingLocation() {
        assertThatThrownBy(
                        () ->
                                AthenaDdlParser.parse(
                                        "CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET",
                                        "t.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no LOCATION clause");
    }

    @Test
    void rejectOtherStatement() {
        assertThatThrownBy(() -> AthenaDdlParser.parse("DROP TABLE t;", "drop.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drop.sql line 1")
                .hasMessageContaining("expected CREATE");
    }

    @Test
    void rejectUnbalancedType() {
        assertThatThrownBy(
                        () ->
                                AthenaDdlParser.parse(
                                        "CREATE EXTERNAL TABLE t (a array<string) STORED AS"
                                                + " PARQUET LOCATION 's3://b/t/'",
                                        "t.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.sql");
    }

    @Test
    void rejectUnclosedQuote() {
        assertThatThrownBy(
                        () ->
                                AthenaDdlParser.parse(
                                        "CREATE EXTERNAL TABLE t (a int)\nLOCATION 's3://b/t/",
                                        "t.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.sql line 2")
                .hasMessageContaining("never closed");
    }

    @Test
    void rejectEmptyText() {
        assertThatThrownBy(() -> AthenaDdlParser.parse("-- nothing here\n", "empty.sql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CREATE EXTERNAL TABLE statement");
    }

    private static TableDefinition parseOne(String ddl) {
        List<TableDefinition> tables = AthenaDdlParser.parse(ddl, "test.sql");
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }
}
