package jp.catdata.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.glue.CfnTable;

class GlueTablesTest {

    private static final TableDefinition TABLE =
            AthenaDdlParser.parse(
                            """
                            CREATE EXTERNAL TABLE cell_density (
                              cell_id string COMMENT 'geohash',
                              fixes bigint
                            )
                            COMMENT 'fixes per cell'
                            PARTITIONED BY (municipality_code string, dt string)
                            STORED AS PARQUET
                            LOCATION 's3://cat-data-v21/curated/cell_density/'
                            TBLPROPERTIES ('projection.enabled'='true')
                            """,
                            "cell_density.sql")
                    .get(0);

    @Test
    void tableInputUsesParquetSerde() {
        CfnTable.StorageDescriptorProperty storage = storage();
        CfnTable.SerdeInfoProperty serde = (CfnTable.SerdeInfoProperty) storage.getSerdeInfo();

        assertThat(serde.getSerializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(serde.getParameters()).isEqualTo(Map.of("serialization.format", "1"));
    }

    @Test
    void tableInputUsesParquetFormats() {
        CfnTable.StorageDescriptorProperty storage = storage();

        assertThat(storage.getInputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
        assertThat(storage.getOutputFormat())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
    }

    @Test
    void tableInputKeepsLocationAndColumns() {
        CfnTable.StorageDescriptorProperty storage = storage();
        List<?> columns = (List<?>) storage.getColumns();
        CfnTable.ColumnProperty first = (CfnTable.ColumnProperty) columns.get(0);
        CfnTable.ColumnProperty second = (CfnTable.ColumnProperty) columns.get(1);

        assertThat(storage.getLocation()).isEqualTo("s3://cat-data-v21/curated/cell_density/");
        assertThat(columns).hasSize(2);
        assertThat(first.getName()).isEqualTo("cell_id");
        assertThat(first.getType()).isEqualTo("string");
        assertThat(first.getComment()).isEqualTo("geohash");
        assertThat(second.getName()).isEqualTo("fixes");
        assertThat(second.getType()).isEqualTo("bigint");
    }

    @Test
    void tableInputHasPartitionKeys() {
        CfnTable.TableInputProperty input = GlueTables.tableInput(TABLE);
        List<?> keys = (List<?>) input.getPartitionKeys();

        assertThat(keys)
                .extracting(key -> ((CfnTable.ColumnProperty) key).getName())
                .containsExactly("municipality_code", "dt");
    }

    @Test
    void tableInputIsExternalWithProperties() {
        CfnTable.TableInputProperty input = GlueTables.tableInput(TABLE);

        assertThat(input.getName()).isEqualTo("cell_density");
        assertThat(input.getTableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(input.getDescription()).isEqualTo("fixes per cell");
        assertThat(input.getParameters())
                .isEqualTo(
                        Map.of(
                                "EXTERNAL", "TRUE",
                                "classification", "parquet",
                                "projection.enabled", "true"));
    }

    private static CfnTable.StorageDescriptorProperty storage() {
        return (CfnTable.StorageDescriptorProperty)
                GlueTables.tableInput(TABLE).getStorageDescriptor();
    }
}
