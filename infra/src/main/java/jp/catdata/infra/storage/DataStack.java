package jp.catdata.infra.storage;

import java.util.List;
import jp.catdata.infra.catalog.AthenaWorkgroup;
import jp.catdata.infra.catalog.GlueCatalog;
import jp.catdata.infra.catalog.TableDefinition;
import jp.catdata.infra.stream.PositionStream;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * Data stores of the product: the buckets, the Glue catalog, the Athena workgroup and the stream.
 */
public final class DataStack extends Stack {

    private final DataBuckets buckets;
    private final PositionStream stream;

    public DataStack(
            Construct scope,
            String id,
            StackProps props,
            List<TableDefinition> tables,
            long athenaBytesScannedCutoff) {
        super(scope, id, props);
        buckets = new DataBuckets(this, "Storage");
        new GlueCatalog(this, "Catalog", tables);
        AthenaWorkgroup workgroup = new AthenaWorkgroup(this, "Athena", athenaBytesScannedCutoff);
        // The workgroup writes its results into the data bucket.
        workgroup.getNode().addDependency(buckets);
        stream = new PositionStream(this, "PositionStream");
    }

    public IBucket dataBucket() {
        return buckets.dataBucket();
    }

    public IBucket logBucket() {
        return buckets.logBucket();
    }

    public IStream positionStream() {
        return stream.stream();
    }
}
