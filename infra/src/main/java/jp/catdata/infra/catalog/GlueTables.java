package jp.catdata.infra.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.infra.catalog.TableDefinition.ColumnDefinition;
import software.amazon.awscdk.services.glue.CfnTable;

/**
 * Converts parsed DDL into the Glue {@code TableInput} that Athena itself would store for it.
 *
 * <p>What Athena adds on its own for {@code STORED AS PARQUET}: the Parquet SerDe with {@code
 * serialization.format=1}, the Hive Parquet input and output formats, the table type {@code
 * EXTERNAL_TABLE} and the parameters {@code EXTERNAL=TRUE} and {@code classification=parquet}.
 */
public final class GlueTables {

    public static final String PARQUET_SERDE =
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String PARQUET_INPUT_FORMAT =
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT =
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    private GlueTables() {}

    /** Builds the Glue table input for one parsed table. */
    public static CfnTable.TableInputProperty tableInput(TableDefinition table) {
        CfnTable.StorageDescriptorProperty storage =
                CfnTable.StorageDescriptorProperty.builder()
                        .columns(columns(table.columns()))
                        .location(table.location())
                        .inputFormat(PARQUET_INPUT_FORMAT)
                        .outputFormat(PARQUET_OUTPUT_FORMAT)
                        .compressed(false)
                        .serdeInfo(
                                CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary(PARQUET_SERDE)
                                        .parameters(Map.of("serialization.format", "1"))
                                        .build())
                        .build();
        CfnTable.TableInputProperty.Builder input =
                CfnTable.TableInputProperty.builder()
                        .name(table.name())
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters(table))
                        .partitionKeys(columns(table.partitionKeys()))
                        .storageDescriptor(storage);
        if (table.comment() != null) {
            input.description(table.comment());
        }
        return input.build();
    }

    /** Returns the table parameters: Athena's own for Parquet, then the TBLPROPERTIES. */
    public static Map<String, String> parameters(TableDefinition table) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.put("classification", "parquet");
        parameters.putAll(table.tableProperties());
        return parameters;
    }

    private static List<CfnTable.ColumnProperty> columns(List<ColumnDefinition> definitions) {
        List<CfnTable.ColumnProperty> columns = new ArrayList<>();
        for (ColumnDefinition definition : definitions) {
            CfnTable.ColumnProperty.Builder column =
                    CfnTable.ColumnProperty.builder()
                            .name(definition.name())
                            .type(definition.type());
            if (definition.comment() != null) {
                column.comment(definition.comment());
            }
            columns.add(column.build());
        }
        return columns;
    }
}
