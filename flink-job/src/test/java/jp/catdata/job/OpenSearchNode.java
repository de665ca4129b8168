package jp.catdata.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node OpenSearch 2.19.6 on 127.0.0.1, started and stopped with {@code
 * infra/local/opensearch.sh} on a free port. {@link #startSecure} starts OpenSearch 2.19.4 with the
 * security plugin instead, and every request of this class then signs in as the user admin.
 *
 * <p>The node keeps its data in one run folder ({@code LOCAL_OPENSEARCH_RUN_DIR}), so {@link
 * #stop()} followed by {@link #start()} brings back the same indices, as after an outage. The run
 * folder lies under {@code target/opensearch-it/}, because the script runs the node as {@code
 * nobody} when the tests run as root, and that account cannot enter JUnit's private temporary
 * folders. {@link #close()} deletes it.
 */
final class OpenSearchNode implements AutoCloseable {

    private static final Path SCRIPT = Paths.get("../infra/local/opensearch.sh");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Path runBase;
    private final Path runDir;
    private final HttpClient http;

    /** Password of the internal user admin, or null when the node runs without security. */
    private final String adminPassword;

    private OpenSearchNode(int port, Path runBase, String adminPassword) {
        this.port = port;
        this.runBase = runBase;
        this.adminPassword = adminPassword;
        this.runDir = runBase.resolve("node");
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** Starts a node on a free loopback port, with a new run folder named after {@code name}. */
    static OpenSearchNode start(String name) throws IOException, InterruptedException {
        return start(name, null);
    }

    /**
     * Starts a node with the security plugin, whose internal user admin (role all_access) gets
     * {@code adminPassword}.
     */
    static OpenSearchNode startSecure(String name, String adminPassword)
            throws IOException, InterruptedException {
        return start(name, adminPassword);
    }

    private static OpenSearchNode start(String name, String adminPassword)
            throws IOException, InterruptedException {
        int port = freeLoopbackPort();
        Path runBase = Paths.get("target", "opensearch-it", name + "-" + port).toAbsolutePath();
        Files.createDirectories(runBase);
        OpenSearchNode node = new OpenSearchNode(port, runBase, adminPassword);
        node.start();
        return node;
    }

    /** Returns the endpoint URL, such as {@code http://127.0.0.1:40123}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the node on its port and run folder; returns once the cluster health responds. */
    void start() throws IOException, InterruptedException {
        script("start");
    }

    /** Stops the node; its run folder and so its indices stay. */
    void stop() throws IOException, InterruptedException {
        script("stop");
    }

    /** Refreshes every index, so that searches see all writes acknowledged so far. */
    void refresh() throws IOException, InterruptedException {
        request("POST", "/_refresh", null);
    }

    /** Returns the number of documents in the indices that match a pattern. */
    long count(String indexPattern) throws IOException, InterruptedException {
        return request("GET", "/" + indexPattern + "/_count", null).get("count").asLong();
    }

    /** Returns the index operations the node has performed since it started. */
    long indexOperations() throws IOException, InterruptedException {
        JsonNode nodes = request("GET", "/_nodes/stats/indices/indexing", null).get("nodes");
        long total = 0;
        for (JsonNode node : nodes) {
            total += node.at("/indices/indexing/index_total").asLong();
        }
        return total;
    }

    /** Returns every hit, with {@code _id} and {@code _source}, of the indices of a pattern. */
    List<JsonNode> allHits(String indexPattern) throws IOException, InterruptedException {
        List<JsonNode> hits = new ArrayList<>();
        JsonNode page =
                request(
                        "POST",
                        "/" + indexPattern + "/_search?scroll=1m",
                        "{\"size\": 5000, \"query\": {\"match_all\": {}}}");
        while (page.at("/hits/hits").size() > 0) {
            page.at("/hits/hits").forEach(hits::add);
            String scrollId = page.get("_scroll_id").asText();
            page =
                    request(
                            "POST",
                            "/_search/scroll",
                            JSON.writeValueAsString(
                                    JSON.createObjectNode()
                                            .put("scroll", "1m")
                                            .put("scroll_id", scrollId)));
        }
        return hits;
    }

    /**
     * Sends a request with an optional JSON body and returns the parsed response.
     *
     * @throws IllegalStateException if the status is not 2xx
     */
    JsonNode request(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                adminPassword == null
                        ? send(method, path, body, null, null)
                        : send(method, path, body, "admin", adminPassword);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method
                            + " "
                            + path
                            + " returned HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Sends a request with an optional JSON body, with HTTP basic auth when {@code user} is not
     * null, and returns the response whatever its status.
     */
    HttpResponse<String> send(String method, String path, String body, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(endpoint() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json");
        if (user != null) {
            String credentials = user + ":" + password;
            builder.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the node and deletes its run folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            if (Files.exists(runBase)) {
                JobRunner.deleteRecursively(runBase);
            }
        }
    }

    private void script(String command) throws IOException, InterruptedException {
        Path log = runBase.resolve("opensearch-sh-" + command + ".log");
        ProcessBuilder builder =
                new ProcessBuilder("bash", SCRIPT.toAbsolutePath().normalize().toString(), command);
        builder.environment().put("LOCAL_OPENSEARCH_PORT", Integer.toString(port));
        builder.environment().put("LOCAL_OPENSEARCH_RUN_BASE", runBase.toString());
        builder.environment().put("LOCAL_OPENSEARCH_RUN_DIR", runDir.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (adminPassword != null) {
            builder.environment().put("LOCAL_OPENSEARCH_SECURITY", "1");
            builder.environment().put("LOCAL_OPENSEARCH_ADMIN_PASSWORD", adminPassword);
        }
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "opensearch.sh "
                            + command
                            + " timed out after "
                            + SCRIPT_TIMEOUT.toSeconds()
                            + " s; its output:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "opensearch.sh "
                            + command
                            + " failed with exit code "
                            + process.exitValue()
                            + "; its output:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
