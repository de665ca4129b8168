package jp.catdata.opensearch;

import java.io.Serializable;
import java.util.Map;

/**
 * Mapping of one kind of feature to an OpenSearch document: its index, its id and its source.
 *
 * <p>Ids depend on nothing but the feature's key, so a replay after a restart or a second run over
 * the same input overwrites documents instead of adding copies.
 */
public interface FeatureDocument<T> extends Serializable {

    /** Returns the name of the index the document goes to. */
    String index(T feature, OpenSearchSettings settings);

    /** Returns the document id. */
    String id(T feature);

    /** Returns the document source, field by field, as mapped by {@link IndexTemplates}. */
    Map<String, Object> source(T feature);

    /**
     * Returns the external version of the document, or null to write without one. With a version
     * the write uses {@code version_type=external_gte}, so OpenSearch rejects it with a version
     * conflict when the stored document has a higher version.
     */
    default Long externalVersion(T feature) {
        return null;
    }
}
