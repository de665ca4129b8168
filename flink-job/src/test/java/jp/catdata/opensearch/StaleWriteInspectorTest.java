package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;
import org.opensearch.action.DocWriteRequest;
import org.opensearch.action.DocWriteResponse;
import org.opensearch.action.bulk.BulkItemResponse;
import org.opensearch.action.bulk.BulkRequest;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.action.index.IndexResponse;
import org.opensearch.core.index.shard.ShardId;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.index.VersionType;

class StaleWriteInspectorTest {

    private static IndexRequest versioned(String id, long version) {
        return new IndexRequest("cat-data-cat-latest")
                .id(id)
                .source("{}", org.opensearch.common.xcontent.XContentType.JSON)
                .versionType(VersionType.EXTERNAL_GTE)
                .version(version);
    }

    private static IndexRequest plain(String id) {
        return new IndexRequest("cat-data-cell-density-2017.06")
                .id(id)
                .source("{}", org.opensearch.common.xcontent.XContentType.JSON);
    }

    private static BulkItemResponse success(int item, IndexRequest request) {
        IndexResponse response =
                new IndexResponse(
                        new ShardId(request.index(), "uuid", 0), request.id(), 1, 1, 1, true);
        return new BulkItemResponse(
                item, DocWriteRequest.OpType.INDEX, (DocWriteResponse) response);
    }

    private static BulkItemResponse failure(int item, IndexRequest request, RestStatus status) {
        return new BulkItemResponse(
                item,
                DocWriteRequest.OpType.INDEX,
                new BulkItemResponse.Failure(
                        request.index(),
                        request.id(),
                        new RuntimeException("reason of " + request.id()),
                        status));
    }

    @Test
    void versionConflictCountedNotThrown() {
        IndexRequest newer = versioned("Ares", 2_000);
        IndexRequest older = versioned("Bella", 1_000);
        BulkRequest request = new BulkRequest().add(newer).add(older);
        BulkResponse response =
                new BulkResponse(
                        new BulkItemResponse[] {
                            success(0, newer), failure(1, older, RestStatus.CONFLICT)
                        },
                        5);
        SimpleCounter counter = new SimpleCounter();
        new StaleWriteInspector(counter).inspect(request, response);
        assertThat(counter.getCount()).isEqualTo(1);
    }

    @Test
    void otherFailureThrown() {
        IndexRequest bad = plain("131067:gbujv3m:2017");
        BulkRequest request = new BulkRequest().add(bad);
        BulkResponse response =
                new BulkResponse(
                        new BulkItemResponse[] {failure(0, bad, RestStatus.BAD_REQUEST)}, 5);
        SimpleCounter counter = new SimpleCounter();
        assertThatThrownBy(() -> new StaleWriteInspector(counter).inspect(request, response))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("'131067:gbujv3m:2017'")
                .hasMessageContaining("cat-data-cell-density-2017.06")
                .hasMessageContaining("HTTP 400");
        assertThat(counter.getCount()).isZero();
    }

    @Test
    void conflictWithoutVersionThrown() {
        IndexRequest unversioned = plain("131067:gbujv3m:2017");
        BulkRequest request = new BulkRequest().add(unversioned);
        BulkResponse response =
                new BulkResponse(
                        new BulkItemResponse[] {failure(0, unversioned, RestStatus.CONFLICT)}, 5);
        assertThatThrownBy(
                        () ->
                                new StaleWriteInspector(new SimpleCounter())
                                        .inspect(request, response))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void successLeavesCounter() {
        IndexRequest write = versioned("Ares", 2_000);
        BulkRequest request = new BulkRequest().add(write);
        BulkResponse response = new BulkResponse(new BulkItemResponse[] {success(0, write)}, 5);
        SimpleCounter counter = new SimpleCounter();
        new StaleWriteInspector(counter).inspect(request, response);
        assertThat(counter.getCount()).isZero();
    }
}
