package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Shared set-up and expected values of the integration tests of the OpenSearch sinks. */
final class OpenSearchFeatures {

    static final String MUNICIPALITY_CODE = "131067";
    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final double MAX_SPEED_MPS = 20.0;
    static final long IDLE_TIMEOUT_MS = 6 * 3_600_000L;

    private OpenSearchFeatures() {}

    /**
     * Returns the settings of a run of a file into a folder of Parquet tables and into OpenSearch.
     * {@code extra} adds or overrides properties of the OpenSearch group.
     */
    static JobConfig config(
            Path input, Path warehouse, String endpoint, String indexPrefix, Properties extra) {
        Map<String, Properties> groups = new HashMap<>();
        Properties source = new Properties();
        source.setProperty("source.type", "file");
        source.setProperty("file.path", input.toString());
        groups.put(JobConfig.SOURCE_GROUP, source);
        Properties processing = new Properties();
        processing.setProperty("municipality.default-code", MUNICIPALITY_CODE);
        processing.setProperty("time-zone", ZONE.getId());
        groups.put(JobConfig.PROCESSING_GROUP, processing);
        Properties output = new Properties();
        output.setProperty("output.path", warehouse.toUri().toString());
        groups.put(JobConfig.OUTPUT_GROUP, output);
        Properties openSearch = new Properties();
        openSearch.setProperty("opensearch.endpoint", endpoint);
        openSearch.setProperty("opensearch.index-prefix", indexPrefix);
        openSearch.setProperty("opensearch.index.number-of-replicas", "0");
        openSearch.putAll(extra);
        groups.put(JobConfig.OPENSEARCH_GROUP, openSearch);
        return JobConfig.fromPropertyGroups(groups);
    }

    /** Returns each cat's last accepted fix: the latest time, and of equal times the last id. */
    static Map<String, ReferenceCats.Fix> lastFixPerCat(ReferenceCats reference) {
        Map<String, ReferenceCats.Fix> last = new TreeMap<>();
        for (ReferenceCats.Fix fix : reference.accepted) {
            last.merge(
                    fix.catId,
                    fix,
                    (a, b) ->
                            a.timeMs > b.timeMs
                                            || (a.timeMs == b.timeMs
                                                    && a.eventId.compareTo(b.eventId) > 0)
                                    ? a
                                    : b);
        }
        return last;
    }

    /** Returns the latest-position documents by cat id. */
    static Map<String, JsonNode> latestByCat(List<JsonNode> hits) {
        Map<String, JsonNode> byCat = new TreeMap<>();
        for (JsonNode hit : hits) {
            byCat.put(hit.get("_id").asText(), hit.get("_source"));
        }
        return byCat;
    }

    /** Parses an ISO 8601 date field of a document to epoch milliseconds. */
    static long epochMs(JsonNode source, String field) {
        return Instant.parse(source.get(field).asText()).toEpochMilli();
    }

    /** Asserts that each cat's latest-position document is that cat's last accepted fix. */
    static void assertEachIsLastFix(
            Map<String, JsonNode> docs, Map<String, ReferenceCats.Fix> last) {
        for (Map.Entry<String, JsonNode> doc : docs.entrySet()) {
            ReferenceCats.Fix fix = last.get(doc.getKey());
            assertThat(doc.getValue().get("event_id").asText())
                    .as(doc.getKey())
                    .isEqualTo(fix.eventId);
            assertThat(doc.getValue().at("/location/lat").asDouble()).isEqualTo(fix.lat);
            assertThat(doc.getValue().at("/location/lon").asDouble()).isEqualTo(fix.lon);
        }
    }
}
