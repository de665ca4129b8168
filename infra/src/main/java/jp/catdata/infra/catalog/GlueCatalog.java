package jp.catdata.infra.catalog;

import java.util.List;
import jp.catdata.infra.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.constructs.Construct;

/**
 * The Glue database {@value Names#GLUE_DATABASE} and one table per DDL file, so Athena reads the
 * curated tables exactly as the DDL in {@code athena-ddl/tables/} declares them.
 */
public final class GlueCatalog extends Construct {

    /** Every table must live under this URI, where the Flink job writes. */
    public static final String CURATED_LOCATION =
            "s3://" + Names.DATA_BUCKET + "/" + Names.CURATED_PREFIX;

    private final CfnDatabase database;

    public GlueCatalog(Construct scope, String id, List<TableDefinition> tables) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        database =
                CfnDatabase.Builder.create(this, "Database")
                        .catalogId(account)
                        .databaseInput(
                                CfnDatabase.DatabaseInputProperty.builder()
                                        .name(Names.GLUE_DATABASE)
                                        .description(
                                                "Curated cat position, density and movement"
                                                        + " tables written by the Flink job")
                                        .locationUri(CURATED_LOCATION)
                                        .build())
                        .build();

        for (TableDefinition table : tables) {
            check(table);
            CfnTable cfnTable =
                    CfnTable.Builder.create(this, "Table-" + table.name())
                            .catalogId(account)
                            .databaseName(Names.GLUE_DATABASE)
                            .tableInput(GlueTables.tableInput(table))
                            .build();
            cfnTable.addDependency(database);
        }
    }

    private static void check(TableDefinition table) {
        if (table.database() != null && !table.database().equals(Names.GLUE_DATABASE)) {
            throw new IllegalArgumentException(
                    "table "
                            + table.name()
                            + " is declared in database '"
                            + table.database()
                            + "'; use "
                            + Names.GLUE_DATABASE
                            + " or leave the name unqualified");
        }
        if (!table.location().startsWith(CURATED_LOCATION)) {
            throw new IllegalArgumentException(
                    "table "
                            + table.name()
                            + " has LOCATION '"
                            + table.location()
                            + "', outside "
                            + CURATED_LOCATION
                            + " where the Flink job writes");
        }
    }

    public CfnDatabase database() {
        return database;
    }
}
