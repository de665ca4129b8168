package jp.catdata.opensearch;

import jp.catdata.event.RejectedRecord;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.TrackedFix;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.opensearch.sink.FlushBackoffType;
import org.apache.flink.connector.opensearch.sink.Opensearch2Sink;
import org.apache.flink.connector.opensearch.sink.Opensearch2SinkBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Writes the live features to OpenSearch: latest position and accepted fixes per cat, density per
 * cell and window, movement per cat and window, and rejected records.
 *
 * <p>Delivery is at least once: each checkpoint waits until every buffered bulk request has been
 * acknowledged. After a failure Flink restarts from the last checkpoint and writes again what came
 * after it, and the deterministic document ids turn those writes into overwrites. When OpenSearch
 * cannot be reached, the bulk request fails, the job fails, and the restart strategy decides how
 * long to keep trying. The backoff settings apply to bulk items that OpenSearch rejects as
 * overloaded (HTTP 429).
 */
public final class OpenSearchSinks {

    private OpenSearchSinks() {}

    /** Adds the latest-position step and the six sinks. */
    public static void write(
            DataStream<TrackedFix> positions,
            DataStream<CellDensity> cellDensity,
            DataStream<CatMovementHourly> movementHourly,
            DataStream<CatMovementDaily> movementDaily,
            DataStream<RejectedRecord> rejected,
            OpenSearchSettings settings) {
        DataStream<TrackedFix> catFixes =
                positions
                        .filter(fix -> fix.event.hasCat())
                        .uid("opensearch-cat-fixes")
                        .name("fixes of known cats for OpenSearch");

        DataStream<LatestPosition> latest =
                catFixes.keyBy(fix -> fix.event.catId)
                        .map(new LatestPositionFunction())
                        .uid("latest-position")
                        .name("latest position per cat");

        latest.sinkTo(sink(settings, Documents.LATEST_POSITION))
                .uid("opensearch-latest-position")
                .name("OpenSearch: latest position");
        catFixes.sinkTo(sink(settings, Documents.CAT_FIX))
                .uid("opensearch-cat-fix")
                .name("OpenSearch: accepted fixes");
        cellDensity
                .sinkTo(sink(settings, Documents.CELL_DENSITY))
                .uid("opensearch-cell-density")
                .name("OpenSearch: cell density");
        movementHourly
                .sinkTo(sink(settings, Documents.MOVEMENT_HOURLY))
                .uid("opensearch-cat-movement-hourly")
                .name("OpenSearch: cat movement per window");
        movementDaily
                .sinkTo(sink(settings, Documents.MOVEMENT_DAILY))
                .uid("opensearch-cat-movement-daily")
                .name("OpenSearch: cat movement per local day");
        rejected.sinkTo(sink(settings, Documents.REJECTED))
                .uid("opensearch-rejected")
                .name("OpenSearch: rejected records");
    }

    /** Returns an OpenSearch sink of one kind of feature. */
    public static <T> Opensearch2Sink<T> sink(
            OpenSearchSettings settings, FeatureDocument<T> document) {
        return new Opensearch2SinkBuilder<T>()
                .setHosts(OpenSearchClients.host(settings))
                .setEmitter(new FeatureEmitter<>(settings, document))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setBulkFlushMaxActions(settings.bulkMaxActions)
                .setBulkFlushMaxSizeMb(settings.bulkMaxSizeMb)
                .setBulkFlushInterval(settings.bulkFlushIntervalMs)
                .setBulkFlushBackoffStrategy(
                        backoffType(settings.backoff),
                        settings.backoffMaxRetries,
                        settings.backoffDelayMs)
                .setRestClientFactory(new OpenSearchClients.Factory(settings))
                .setBulkResponseInspectorFactory(StaleWriteInspector.factory())
                .build();
    }

    static FlushBackoffType backoffType(OpenSearchSettings.Backoff backoff) {
        switch (backoff) {
            case NONE:
                return FlushBackoffType.NONE;
            case CONSTANT:
                return FlushBackoffType.CONSTANT;
            default:
                return FlushBackoffType.EXPONENTIAL;
        }
    }
}
