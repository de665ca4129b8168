package jp.catdata.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.RestClient;

/**
 * The composable index templates of the live features, one per kind of index.
 *
 * <p>Every index is created on its first write, so the templates have to be in place before that,
 * or OpenSearch guesses the mappings and a {@code geo_point} becomes two floats. Each sink writer
 * installs them when it opens, with PUT, which replaces a template of the same name and so can run
 * any number of times. A template applies only to indices created after it: changing a mapping
 * takes effect with the next monthly index, or after the latest-position index is deleted. Mappings
 * are strict, so a document with a field missing here is rejected instead of widening the mapping.
 */
public final class IndexTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Priority above the default 0, so these templates win over broader patterns. */
    private static final int PRIORITY = 100;

    private IndexTemplates() {}

    /** Returns the template bodies by template name. */
    public static Map<String, ObjectNode> templates(OpenSearchSettings settings) {
        Map<String, ObjectNode> templates = new LinkedHashMap<>();
        String prefix = settings.indexPrefix;
        templates.put(
                prefix + "-cat-latest",
                template(settings, settings.latestPositionIndex(), latestPositionMappings()));
        templates.put(
                prefix + "-cat-fix", template(settings, prefix + "-cat-fix-*", catFixMappings()));
        templates.put(
                prefix + "-rejected",
                template(settings, prefix + "-rejected-*", rejectedMappings()));
        templates.put(
                prefix + "-cell-density",
                template(settings, prefix + "-cell-density-*", cellDensityMappings()));
        templates.put(
                prefix + "-cat-movement",
                template(settings, prefix + "-cat-movement-*", catMovementMappings()));
        return templates;
    }

    /**
     * Installs every template with {@code PUT _index_template/NAME}.
     *
     * @throws IOException if OpenSearch cannot be reached or does not acknowledge a template
     */
    public static void install(RestClient client, OpenSearchSettings settings) throws IOException {
        for (Map.Entry<String, ObjectNode> template : templates(settings).entrySet()) {
            Request request = new Request("PUT", "/_index_template/" + template.getKey());
            request.setJsonEntity(JSON.writeValueAsString(template.getValue()));
            Response response = client.performRequest(request);
            int status = response.getStatusLine().getStatusCode();
            if (status != 200) {
                throw new IOException(
                        "PUT _index_template/"
                                + template.getKey()
                                + " returned HTTP "
                                + status
                                + " instead of 200");
            }
        }
    }

    static ObjectNode latestPositionMappings() {
        ObjectNode p = JSON.createObjectNode();
        p.set("cat_id", type("keyword"));
        p.set("event_id", type("keyword"));
        p.set("municipality_code", type("keyword"));
        p.set("observed_at", type("date"));
        p.set("location", type("geo_point"));
        p.set("speed_mps", type("double"));
        p.set("home_range_centroid", type("geo_point"));
        p.set("home_range_fixes", type("long"));
        return p;
    }

    static ObjectNode catFixMappings() {
        ObjectNode p = JSON.createObjectNode();
        p.set("cat_id", type("keyword"));
        p.set("event_id", type("keyword"));
        p.set("municipality_code", type("keyword"));
        p.set("observed_at", type("date"));
        p.set("location", type("geo_point"));
        p.set("segment_distance_m", type("double"));
        p.set("speed_mps", type("double"));
        return p;
    }

    static ObjectNode rejectedMappings() {
        ObjectNode p = JSON.createObjectNode();
        p.set("reason", type("keyword"));
        p.set("detail", type("text"));
        p.set("origin", type("keyword"));
        p.set("event_id", type("keyword"));
        p.set("cat_id", type("keyword"));
        p.set("municipality_code", type("keyword"));
        p.set("observed_at", type("date"));
        p.set("rejected_at", type("date"));
        return p;
    }

    static ObjectNode cellDensityMappings() {
        ObjectNode p = JSON.createObjectNode();
        p.set("municipality_code", type("keyword"));
        p.set("cell_id", type("keyword"));
        p.set("geohash_precision", type("integer"));
        p.set("cell_centre", type("geo_point"));
        p.set("cell", type("geo_shape"));
        p.set("mesh_code_1km", type("keyword"));
        p.set("mesh_code_250m", type("keyword"));
        p.set("window_start", type("date"));
        p.set("window_end", type("date"));
        p.set("fixes", type("long"));
        p.set("distinct_cats", type("long"));
        p.set("sightings", type("long"));
        p.set("occupancy_cat_minutes", type("double"));
        return p;
    }

    static ObjectNode catMovementMappings() {
        ObjectNode p = JSON.createObjectNode();
        p.set("cat_id", type("keyword"));
        p.set("municipality_code", type("keyword"));
        p.set("window", type("keyword"));
        p.set("window_start", type("date"));
        p.set("window_end", type("date"));
        p.set("local_date", type("date"));
        p.set("fixes", type("long"));
        p.set("distance_m", type("double"));
        p.set("max_speed_mps", type("double"));
        p.set("centroid", type("geo_point"));
        p.set("mcp_area_m2", type("double"));
        p.set("radius_of_gyration_m", type("double"));
        p.set("first_fix_at", type("date"));
        p.set("last_fix_at", type("date"));
        return p;
    }

    private static ObjectNode template(
            OpenSearchSettings settings, String indexPattern, ObjectNode properties) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode patterns = body.putArray("index_patterns");
        patterns.add(indexPattern);
        body.put("priority", PRIORITY);
        ObjectNode template = body.putObject("template");
        ObjectNode indexSettings = template.putObject("settings");
        indexSettings.put("number_of_shards", 1);
        indexSettings.put("number_of_replicas", settings.numberOfReplicas);
        ObjectNode mappings = template.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.set("properties", properties);
        return body;
    }

    private static ObjectNode type(String type) {
        ObjectNode field = JSON.createObjectNode();
        field.put("type", type);
        return field;
    }
}
