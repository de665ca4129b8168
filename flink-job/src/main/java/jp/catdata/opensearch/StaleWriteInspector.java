package jp.catdata.opensearch;

import org.apache.flink.connector.opensearch.sink.BulkResponseInspector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.FlinkRuntimeException;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.index.VersionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each bulk response: a version conflict of an externally versioned write is a stale write
 * and only counted, and any other failed item fails the sink, so Flink restarts the job from its
 * last checkpoint.
 *
 * <p>A stale write is an older fix of a cat arriving after a newer one, as a replay after a restart
 * does: the stored newer document stays, which is the intent.
 */
public final class StaleWriteInspector implements BulkResponseInspector {

    private static final Logger LOG = LoggerFactory.getLogger(StaleWriteInspector.class);

    /** Name of the counter metric of stale writes in the sink writer's metric group. */
    public static final String STALE_WRITES_METRIC = "staleWritesSkipped";

    private static final long LOG_INTERVAL_MS = 60_000;

    private final Counter staleWrites;
    private long lastLogMs = Long.MIN_VALUE;
    private long staleSinceLog;

    public StaleWriteInspector(Counter staleWrites) {
        this.staleWrites = staleWrites;
    }

    /** Returns the factory the sink builder takes, which registers the counter. */
    public static BulkResponseInspectorFactory factory() {
        return context ->
                new StaleWriteInspector(context.metricGroup().counter(STALE_WRITES_METRIC));
    }

    @Override
    public void inspect(BulkRequest request, BulkResponse response) {
        if (!response.hasFailures()) {
            return;
        }
        long stale = 0;
        FlinkRuntimeException failure = null;
        for (BulkItemResponse item : response) {
            if (!item.isFailed()) {
                continue;
            }
            DocWriteRequest<?> write = request.requests().get(item.getItemId());
            if (item.getFailure().getStatus() == RestStatus.CONFLICT
                    && write.versionType() == VersionType.EXTERNAL_GTE) {
                stale++;
                continue;
            }
            if (failure == null) {
                failure =
                        new FlinkRuntimeException(
                                "OpenSearch rejected the "
                                        + write.opType().getLowercase()
                                        + " of document '"
                                        + item.getId()
                                        + "' in index "
                                        + item.getIndex()
                                        + " with HTTP "
                                        + item.getFailure().getStatus().getStatus()
                                        + ": "
                                        + item.getFailureMessage(),
                                item.getFailure().getCause());
            }
        }
        staleWrites.inc(stale);
        logStaleWrites(stale);
        if (failure != null) {
            throw failure;
        }
    }

    /** Logs the stale writes at most once a minute, because a replay produces many. */
    private void logStaleWrites(long stale) {
        staleSinceLog += stale;
        long now = System.currentTimeMillis();
        if (staleSinceLog > 0 && now - LOG_INTERVAL_MS >= lastLogMs) {
            LOG.info(
                    "Skipped {} stale writes since the last report: the index holds a newer"
                            + " version of those documents",
                    staleSinceLog);
            staleSinceLog = 0;
            lastLogMs = now;
        }
    }
}
