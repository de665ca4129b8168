package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jp.catdata.opensearch.IndexTemplates;
import jp.catdata.opensearch.OpenSearchSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-municipality access on a real OpenSearch 2.19.4 node with the security plugin.
 *
 * <p>The roles and role mappings come from the same template file that the CDK app renders and
 * sends to Amazon OpenSearch Service. Two internal users have, as backend roles, the IAM role ARNs
 * of the Cognito groups of two municipalities. In AWS those backend roles come from Cognito sign-in
 * instead. Each user searches the live indices through the paths the staff web map uses ({@code
 * POST <index or pattern>/_search}) and must see only its own municipality's documents.
 */
class MunicipalityAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROLE_TEMPLATE =
            Path.of("../infra/src/main/resources/jp/catdata/infra/search/municipality-role.json");
    private static final String ADMIN_PASSWORD = "Local-admin-Pass-1";

    /** Chiyoda City, Tokyo and Sapporo City, Hokkaido. */
    private static final String CODE_A = "131016";

    private static final String CODE_B = "011002";
    private static final String USER_A = "staff-" + CODE_A;
    private static final String USER_B = "staff-" + CODE_B;
    private static final String USER_UNMAPPED = "staff-without-group";
    private static final String PASSWORD = "Staff-user-Pass-1";

    private static final String LATEST = "cat-data-cat-latest";
    private static final String DENSITY = "cat-data-cell-density-*";
    private static final String MOVEMENT = "cat-data-cat-movement-*";

    private static OpenSearchNode node;

    /** Ids of the documents written per municipality, by index pattern. */
    private static final Map<String, Map<String, Set<String>>> WRITTEN =
            Map.of(
                    CODE_A,
                            Map.of(
                                    LATEST,
                                    new TreeSet<>(),
                                    DENSITY,
                                    new TreeSet<>(),
                                    MOVEMENT,
                                    new TreeSet<>()),
                    CODE_B,
                            Map.of(
                                    LATEST,
                                    new TreeSet<>(),
                                    DENSITY,
                                    new TreeSet<>(),
                                    MOVEMENT,
                                    new TreeSet<>()));

    @BeforeAll
    static void startNodeWithRolesAndDocuments() throws Exception {
        node = OpenSearchNode.startSecure("municipality-access", ADMIN_PASSWORD);

        OpenSearchSettings settings = new OpenSearchSettings();
        settings.numberOfReplicas = 0;
        for (Map.Entry<String, ObjectNode> template :
                IndexTemplates.templates(settings).entrySet()) {
            node.request(
                    "PUT", "/_index_template/" + template.getKey(), template.getValue().toString());
        }

        applyRoles(CODE_A, "viewer");
        applyRoles(CODE_B, "viewer");
        createUser(USER_A, backendRole(CODE_A, "viewer"));
        createUser(USER_B, backendRole(CODE_B, "viewer"));
        createUser(USER_UNMAPPED, "arn:aws:iam::123456789012:role/unmapped");

        writeDocuments(CODE_A, List.of("cat-a1", "cat-a2", "cat-a3"), 35.694, 139.754);
        writeDocuments(CODE_B, List.of("cat-b1", "cat-b2"), 43.062, 141.354);
        node.refresh();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void latestPositionsOnlyOwnMunicipality() throws Exception {
        assertThat(searchIds(USER_A, LATEST)).isEqualTo(WRITTEN.get(CODE_A).get(LATEST));
        assertThat(searchIds(USER_B, LATEST)).isEqualTo(WRITTEN.get(CODE_B).get(LATEST));
    }

    @Test
    void densityOnlyOwnMunicipality() throws Exception {
        assertThat(searchIds(USER_A, DENSITY)).isEqualTo(WRITTEN.get(CODE_A).get(DENSITY));
        assertThat(searchIds(USER_B, DENSITY)).isEqualTo(WRITTEN.get(CODE_B).get(DENSITY));
    }

    @Test
    void movementOnlyOwnMunicipality() throws Exception {
        assertThat(searchIds(USER_A, MOVEMENT)).isEqualTo(WRITTEN.get(CODE_A).get(MOVEMENT));
        assertThat(searchIds(USER_B, MOVEMENT)).isEqualTo(WRITTEN.get(CODE_B).get(MOVEMENT));
    }

    @Test
    void adminSeesBothMunicipalities() throws Exception {
        Set<String> all = new TreeSet<>(WRITTEN.get(CODE_A).get(LATEST));
        all.addAll(WRITTEN.get(CODE_B).get(LATEST));

        assertThat(searchIds("admin", LATEST)).isEqualTo(all);
    }

    @Test
    void queryForOtherMunicipalityFindsNothing() throws Exception {
        JsonNode response =
                search(
                        USER_A,
                        LATEST,
                        "{\"query\": {\"term\": {\"municipality_code\": \"" + CODE_B + "\"}}}");

        assertThat(response.at("/hits/total/value").asLong()).isZero();
    }

    @Test
    void aggregationCountsOnlyOwnMunicipality() throws Exception {
        JsonNode response =
                search(
                        USER_A,
                        MOVEMENT,
                        "{\"size\": 0, \"aggs\": {\"codes\": {\"terms\": {\"field\":"
                                + " \"municipality_code\"}}}}");
        JsonNode buckets = response.at("/aggregations/codes/buckets");

        assertThat(buckets).hasSize(1);
        assertThat(buckets.get(0).path("key").asText()).isEqualTo(CODE_A);
        assertThat(buckets.get(0).path("doc_count").asLong())
                .isEqualTo(WRITTEN.get(CODE_A).get(MOVEMENT).size());
    }

    @Test
    void getOfOtherDocumentFindsNothing() throws Exception {
        HttpResponse<String> response =
                node.send("GET", "/" + LATEST + "/_doc/cat-b1", null, USER_A, PASSWORD);
        JsonNode body = JSON.readTree(response.body());

        assertThat(response.statusCode()).isIn(403, 404);
        assertThat(body.path("found").asBoolean(false)).isFalse();
        assertThat(body.has("_source")).isFalse();
    }

    @Test
    void getOfOwnDocumentFindsIt() throws Exception {
        HttpResponse<String> response =
                node.send("GET", "/" + LATEST + "/_doc/cat-a1", null, USER_A, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/_source/municipality_code").asText())
                .isEqualTo(CODE_A);
    }

    @Test
    void writeRejected() throws Exception {
        HttpResponse<String> response =
                node.send(
                        "PUT",
                        "/" + LATEST + "/_doc/cat-a1",
                        "{\"cat_id\": \"cat-a1\", \"municipality_code\": \"" + CODE_A + "\"}",
                        USER_A,
                        PASSWORD);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void unmappedUserRejected() throws Exception {
        HttpResponse<String> response =
                node.send("POST", "/" + LATEST + "/_search", "{}", USER_UNMAPPED, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordRejected() throws Exception {
        HttpResponse<String> response =
                node.send("POST", "/" + LATEST + "/_search", "{}", USER_A, "wrong-password");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /**
     * Renders the shared template for one group, as the CDK app does, and writes the role, its
     * mapping and the mapping of the Dashboards user role through the security REST API.
     */
    private static void applyRoles(String code, String staffRole) throws Exception {
        String group = code + "-" + staffRole;
        String rendered =
                Files.readString(ROLE_TEMPLATE)
                        .replace("{{group_name}}", group)
                        .replace("{{municipality_code}}", code)
                        .replace(
                                "{{global_tenant_action}}",
                                staffRole.equals("viewer") ? "kibana_all_read" : "kibana_all_write")
                        .replace("{{backend_role}}", backendRole(code, staffRole));
        JsonNode template = JSON.readTree(rendered);
        String name = template.path("role_name").asText();
        node.request(
                "PUT", "/_plugins/_security/api/roles/" + name, template.path("role").toString());
        node.request(
                "PUT",
                "/_plugins/_security/api/rolesmapping/" + name,
                template.path("role_mapping").toString());
    }

    private static String backendRole(String code, String staffRole) {
        return "arn:aws:iam::123456789012:role/CatData-Identity-Role-" + code + "-" + staffRole;
    }

    private static void createUser(String name, String backendRole) throws Exception {
        ObjectNode user = JSON.createObjectNode();
        user.put("password", PASSWORD);
        user.putArray("backend_roles").add(backendRole);
        node.request("PUT", "/_plugins/_security/api/internalusers/" + name, user.toString());
    }

    /**
     * Writes, for each cat, its latest position, one density cell and one daily movement row, all
     * with the given municipality code, near the given point.
     */
    private static void writeDocuments(String code, List<String> cats, double lat, double lon)
            throws Exception {
        Map<String, Set<String>> written = WRITTEN.get(code);
        for (int i = 0; i < cats.size(); i++) {
            String cat = cats.get(i);
            double catLat = lat + 0.001 * i;
            ObjectNode latest = JSON.createObjectNode();
            latest.put("cat_id", cat);
            latest.put("event_id", cat + "-fix-1");
            latest.put("municipality_code", code);
            latest.put("observed_at", "2017-06-24T01:0" + i + ":00Z");
            latest.putObject("location").put("lat", catLat).put("lon", lon);
            latest.put("speed_mps", 0.4);
            latest.putObject("home_range_centroid").put("lat", catLat).put("lon", lon);
            latest.put("home_range_fixes", 10);
            index(LATEST, cat, latest);
            written.get(LATEST).add(cat);

            String cellId = "cell" + code + i;
            String densityId = code + ":" + cellId + ":2017-06-24T01:00:00Z/2017-06-24T02:00:00Z";
            ObjectNode density = JSON.createObjectNode();
            density.put("municipality_code", code);
            density.put("cell_id", cellId);
            density.put("geohash_precision", 7);
            density.putObject("cell_centre").put("lat", catLat).put("lon", lon);
            density.put("window_start", "2017-06-24T01:00:00Z");
            density.put("window_end", "2017-06-24T02:00:00Z");
            density.put("fixes", 3 + i);
            density.put("distinct_cats", 1);
            density.put("sightings", 0);
            density.put("occupancy_cat_minutes", 15.0);
            index("cat-data-cell-density-2017.06", densityId, density);
            written.get(DENSITY).add(densityId);

            String movementId = "local_day:" + cat + ":2017-06-24";
            ObjectNode movement = JSON.createObjectNode();
            movement.put("cat_id", cat);
            movement.put("municipality_code", code);
            movement.put("window", "local_day");
            movement.put("window_start", "2017-06-23T15:00:00Z");
            movement.put("window_end", "2017-06-24T15:00:00Z");
            movement.put("local_date", "2017-06-24");
            movement.put("fixes", 40);
            movement.put("distance_m", 800.0 + 100 * i);
            movement.putObject("centroid").put("lat", catLat).put("lon", lon);
            movement.put("mcp_area_m2", 5000.0);
            movement.put("radius_of_gyration_m", 45.0);
            index("cat-data-cat-movement-2017.06", movementId, movement);
            written.get(MOVEMENT).add(movementId);
        }
    }

    private static void index(String index, String id, ObjectNode document) throws Exception {
        node.request(
                "PUT",
                "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                document.toString());
    }

    private static JsonNode search(String user, String indexPattern, String body) throws Exception {
        String password = user.equals("admin") ? ADMIN_PASSWORD : PASSWORD;
        HttpResponse<String> response =
                node.send("POST", "/" + indexPattern + "/_search", body, user, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Set<String> searchIds(String user, String indexPattern) throws Exception {
        JsonNode response =
                search(user, indexPattern, "{\"size\": 100, \"query\": {\"match_all\": {}}}");
        Set<String> ids = new TreeSet<>();
        for (JsonNode hit : response.at("/hits/hits")) {
            ids.add(hit.path("_id").asText());
        }
        return ids;
    }
}
