package jp.catdata.infra.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the proxy's rendered nginx site, changed only where it cannot run on loopback (see {@link
 * LocalNginx}), with nginx from the Debian package in front of a real OpenSearch 2.19.6 node. The
 * node contains two indices of the job's prefix and one outside it, and every expected value below
 * comes from those documents or from the inputs given to {@link DashboardsProxy#siteCommands}.
 *
 * <p>The node has no security plugin, so nothing here checks signatures or fine-grained access
 * control, and it cannot show whether nginx forwards the request headers unchanged.
 */
class DashboardsProxyNginxIT {

    private static final String HOST_NAME = "dashboards.cat-data.test";
    private static final String REGION = "ap-northeast-1";
    private static final String HOSTED_UI =
            "https://cat-data-test.auth.ap-northeast-1.amazoncognito.com";
    private static final String INDEX_HTML =
            "<!doctype html>\n<title>cat-data map</title>\n<div id=\"map\"></div>\n";

    private static final String CAT_LATEST = "cat-data-cat-latest";
    private static final String CELL_DENSITY = "cat-data-cell-density-2024-06";
    private static final String OTHER = "other-index";
    private static final Map<String, Map<String, Object>> CAT_LATEST_DOCUMENTS =
            Map.of(
                    "cat-001", catLatest("cat-001", 50.1530, -5.0760),
                    "cat-002", catLatest("cat-002", 50.1544, -5.0712),
                    "cat-003", catLatest("cat-003", 50.1491, -5.0803));
    private static final Map<String, Map<String, Object>> CELL_DENSITY_DOCUMENTS =
            Map.of(
                    "gcpuv-2024-06-01T10", Map.of("cell_id", "gcpuv", "fix_count", 4),
                    "gcpuy-2024-06-01T10", Map.of("cell_id", "gcpuy", "fix_count", 1));
    private static final Map<String, Map<String, Object>> OTHER_DOCUMENTS =
            Map.of(
                    "other-secret-1", Map.of("note", "outside the job's prefix"),
                    "other-secret-2", Map.of("note", "outside the job's prefix"));

    private static final String MATCH_ALL = "{\"size\": 100, \"query\": {\"match_all\": {}}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;

    private static LocalOpenSearch node;
    private static LocalNginx nginx;
    private static HttpClient client;
    private static List<String> siteCommands;
    private static String pageConfigJson;
    private static String contentSecurityPolicy;

    @BeforeAll
    static void start() throws Exception {
        LocalNginx.requireInstalled();
        node = LocalOpenSearch.start("dashboards-proxy");
        node.index(CAT_LATEST, CAT_LATEST_DOCUMENTS);
        node.index(CELL_DENSITY, CELL_DENSITY_DOCUMENTS);
        node.index(OTHER, OTHER_DOCUMENTS);

        WebMapSite webMap =
                new WebMapSite(
                        dir,
                        HOSTED_UI,
                        "test-client-id",
                        REGION + "_Test",
                        REGION + ":id",
                        "Asia/Tokyo");
        pageConfigJson = JSON.writeValueAsString(webMap.pageConfig(REGION, HOST_NAME));
        contentSecurityPolicy = DashboardsProxy.contentSecurityPolicy(REGION, HOSTED_UI);
        siteCommands =
                DashboardsProxy.siteCommands(
                        node.hostAndPort(),
                        HOST_NAME,
                        "/tmp/cat-data-map.zip",
                        pageConfigJson,
                        contentSecurityPolicy);

        nginx = LocalNginx.start(dir, siteCommands, Map.of("index.html", INDEX_HTML));
        client = nginx.client();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void healthzReturnsOk() throws Exception {
        HttpResponse<String> response = send("GET", "/healthz", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void searchReturnsIndexHits() throws Exception {
        HttpResponse<String> response = send("POST", "/api/search/" + CAT_LATEST, MATCH_ALL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hitIds(response)).isEqualTo(CAT_LATEST_DOCUMENTS.keySet());
        assertThat(hitIndices(response)).containsOnly(CAT_LATEST);
    }

    @Test
    void searchPrefixPatternReturnsPrefixOnly() throws Exception {
        Set<String> expected = new HashSet<>(CAT_LATEST_DOCUMENTS.keySet());
        expected.addAll(CELL_DENSITY_DOCUMENTS.keySet());

        HttpResponse<String> response = send("POST", "/api/search/cat-data-*", MATCH_ALL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hitIds(response)).isEqualTo(expected);
        assertThat(hitIndices(response)).containsOnly(CAT_LATEST, CELL_DENSITY);
    }

    @Test
    void searchMapPatternReturnsMatches() throws Exception {
        HttpResponse<String> response =
                send("POST", "/api/search/cat-data-cell-density-*", MATCH_ALL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hitIds(response)).isEqualTo(CELL_DENSITY_DOCUMENTS.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE"})
    void searchOtherMethodForbidden(String method) throws Exception {
        HttpResponse<String> response = send(method, "/api/search/" + CAT_LATEST, MATCH_ALL);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(node.count(CAT_LATEST)).isEqualTo(CAT_LATEST_DOCUMENTS.size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/search/other-index",
                "/api/search/cat-data-x/../other-index",
                "/api/search/cat-data-x/%2e%2e/other-index",
                "/api/search/cat-data-a,other-index",
                "/api/search/cat-data-*,other-index",
                "/api/search/cat-data-cat-latest,other-index",
                "/api/search/cat-data-cat-latest/_delete_by_query",
                "/api/search/cat-data-cat-latest%2F_delete_by_query",
                "/api/search/cat-data-cat-latest/_search",
                "/api/search/_all",
                "/api/search/*",
                "/api/search/",
            })
    void searchOutsidePrefixRejected(String path) throws Exception {
        HttpResponse<String> response = send("POST", path, MATCH_ALL);

        assertThat(response.statusCode()).isIn(403, 404);
        for (String otherId : OTHER_DOCUMENTS.keySet()) {
            assertThat(response.body()).doesNotContain(otherId);
        }
        assertThat(node.count(CAT_LATEST)).isEqualTo(CAT_LATEST_DOCUMENTS.size());
        assertThat(node.count(OTHER)).isEqualTo(OTHER_DOCUMENTS.size());
    }

    @Test
    void searchQueryStringDropped() throws Exception {
        // Forwarded, the query string would narrow the hits to one cat.
        HttpResponse<String> response =
                send("POST", "/api/search/" + CAT_LATEST + "?q=cat_id:cat-001", "{\"size\": 100}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hitIds(response)).isEqualTo(CAT_LATEST_DOCUMENTS.keySet());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/other-index/_search", "/cat-data-cat-latest/_search", "/_cat/indices"})
    void domainRestPathsNotForwarded(String path) throws Exception {
        HttpResponse<String> response = send("POST", path, MATCH_ALL);

        assertThat(response.statusCode()).isEqualTo(404);
        for (String otherId : OTHER_DOCUMENTS.keySet()) {
            assertThat(response.body()).doesNotContain(otherId);
        }
        for (String catId : CAT_LATEST_DOCUMENTS.keySet()) {
            assertThat(response.body()).doesNotContain(catId);
        }
    }

    @Test
    void domainDeleteNotForwarded() throws Exception {
        HttpResponse<String> response = send("DELETE", "/" + OTHER, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(node.count(OTHER)).isEqualTo(OTHER_DOCUMENTS.size());
    }

    @Test
    void dashboardsPathForwarded() throws Exception {
        // The node has no Dashboards, so its "no handler" error shows the path that arrived.
        HttpResponse<String> response = send("GET", "/_dashboards/api/status", null);

        assertThat(response.body()).contains("no handler found for uri [/_dashboards/api/status]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/*,x%2F..%2F_dashboards/_search?ignore_unavailable=true",
                "/*,x%2f..%2f_dashboards/_close?ignore_unavailable=true",
                "/_cat/indices/..%2F..%2F_dashboards",
                "/other-index%2F..%2F_dashboards",
                "/healthz/../_dashboards/x",
                "//_dashboards",
                "/%5fdashboards/x",
                "/_dashboardsX",
                "/_dashboards/../other-index/_search",
                "/_dashboards/%2e%2e/other-index/_search",
                "/_dashboards/x%2F..%2F..%2Fother-index/_search",
                "/_dashboards/..%5C..%5Cother-index/_search",
            })
    void rawPathOutsideDashboardsRejected(String path) throws Exception {
        HttpResponse<String> response = send("POST", path, MATCH_ALL);

        assertThat(response.statusCode()).isIn(400, 404);
        for (String otherId : OTHER_DOCUMENTS.keySet()) {
            assertThat(response.body()).doesNotContain(otherId);
        }
        assertThat(node.count(OTHER)).isEqualTo(OTHER_DOCUMENTS.size());
        assertThat(node.count(CAT_LATEST)).isEqualTo(CAT_LATEST_DOCUMENTS.size());
    }

    @Test
    void dashboardsQueryMayEncodeSlashes() throws Exception {
        // Dashboards' own redirects carry paths in the query string, such as nextUrl.
        String path = "/_dashboards/app/login?nextUrl=%2F_dashboards%2Fapp%2Fhome";

        HttpResponse<String> response = send("GET", path, null);

        // The node names the path without the query string, and only the node writes this.
        assertThat(response.body()).contains("no handler found for uri [/_dashboards/app/login]");
    }

    @Test
    void rootRedirectsToDashboards() throws Exception {
        HttpResponse<String> response = send("GET", "/", null);

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(nginx.uri("/").resolve(location)).isEqualTo(nginx.uri("/_dashboards/"));
    }

    @Test
    void searchBodyAtCapAccepted() throws Exception {
        String body = MATCH_ALL + " ".repeat(searchBodyCapBytes() - MATCH_ALL.length());

        HttpResponse<String> response = send("POST", "/api/search/" + CAT_LATEST, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(hitIds(response)).isEqualTo(CAT_LATEST_DOCUMENTS.keySet());
    }

    @Test
    void searchBodyOverCapRejected() throws Exception {
        String body = MATCH_ALL + " ".repeat(searchBodyCapBytes() + 1 - MATCH_ALL.length());

        HttpResponse<String> response = send("POST", "/api/search/" + CAT_LATEST, body);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void mapRedirectsToSlash() throws Exception {
        HttpResponse<String> response = send("GET", "/map", null);

        assertThat(response.statusCode()).isEqualTo(301);
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(nginx.uri("/map").resolve(location)).isEqualTo(nginx.uri("/map/"));
    }

    @Test
    void mapServesIndexWithPolicy() throws Exception {
        HttpResponse<String> response = send("GET", "/map/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(INDEX_HTML);
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .contains(contentSecurityPolicy);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void mapServesPageConfig() throws Exception {
        HttpResponse<String> response = send("GET", "/map/config.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(pageConfigJson));
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(nginx.uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null || method.equals("HEAD")
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> hitIds(HttpResponse<String> response) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (JsonNode hit : JSON.readTree(response.body()).at("/hits/hits")) {
            ids.add(hit.get("_id").asText());
        }
        return ids;
    }

    private static Set<String> hitIndices(HttpResponse<String> response) throws Exception {
        Set<String> indices = new TreeSet<>();
        for (JsonNode hit : JSON.readTree(response.body()).at("/hits/hits")) {
            indices.add(hit.get("_index").asText());
        }
        return indices;
    }

    /** Returns the rendered {@code client_max_body_size} of the search location in bytes. */
    private static int searchBodyCapBytes() {
        String site = LocalNginx.heredocs(siteCommands).get("/etc/nginx/conf.d/dashboards.conf");
        Matcher size = Pattern.compile("client_max_body_size (\\d+)([kKmM]?);").matcher(site);
        assertThat(size.find()).as("client_max_body_size in the site").isTrue();
        int multiplier =
                switch (size.group(2).toLowerCase()) {
                    case "k" -> 1024;
                    case "m" -> 1024 * 1024;
                    default -> 1;
                };
        return Integer.parseInt(size.group(1)) * multiplier;
    }

    private static Map<String, Object> catLatest(String catId, double lat, double lon) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cat_id", catId);
        document.put("municipality_code", "131067");
        document.put("observed_at", "2024-06-01T10:00:00Z");
        document.put("location", Map.of("lat", lat, "lon", lon));
        return document;
    }
}
