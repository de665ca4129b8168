package jp.catdata.opensearch;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.opensearch.sink.OpensearchEmitter;
import org.apache.flink.connector.opensearch.sink.RequestIndexer;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.client.RestClient;
import org.opensearch.index.VersionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns features into index requests, and installs the index templates when the sink writer opens,
 * before its first write.
 */
public final class FeatureEmitter<T> implements OpensearchEmitter<T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FeatureEmitter.class);

    private final OpenSearchSettings settings;
    private final FeatureDocument<T> document;

    public FeatureEmitter(OpenSearchSettings settings, FeatureDocument<T> document) {
        this.settings = settings;
        this.document = document;
    }

    /**
     * Installs the index templates. A failure, such as an unreachable cluster, fails the writer,
     * and the restart strategy tries again later.
     */
    @Override
    public void open() throws Exception {
        try (RestClient client = OpenSearchClients.restClient(settings)) {
            IndexTemplates.install(client, settings);
        } catch (IOException e) {
            throw new IOException(
                    "installing the index templates on "
                            + settings.endpoint
                            + " failed, so nothing is written until a restart succeeds: "
                            + e,
                    e);
        }
        LOG.info(
                "Installed the index templates of prefix {} on {}",
                settings.indexPrefix,
                settings.endpoint);
    }

    @Override
    public void emit(T feature, SinkWriter.Context context, RequestIndexer indexer) {
        indexer.add(request(feature));
    }

    /** Returns the index request of a feature. */
    IndexRequest request(T feature) {
        IndexRequest request =
                new IndexRequest(document.index(feature, settings))
                        .id(document.id(feature))
                        .source(document.source(feature));
        Long version = document.externalVersion(feature);
        if (version != null) {
            request.versionType(VersionType.EXTERNAL_GTE).version(version);
        }
        return request;
    }
}
