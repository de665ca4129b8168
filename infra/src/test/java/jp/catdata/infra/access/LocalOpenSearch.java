package jp.catdata.infra.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A single-node OpenSearch 2.19.6 without security on 127.0.0.1, started and stopped with {@code
 * infra/local/opensearch.sh} on a free port.
 *
 * <p>The run folder lies under {@code target/opensearch-it/}, because the script runs the node as
 * {@code nobody} when the tests run as root, and that account cannot enter JUnit's private
 * temporary folders. {@link #close()} stops the node and deletes the folder.
 */
final class LocalOpenSearch implements AutoCloseable {

    private static final Path SCRIPT = Paths.get("local", "opensearch.sh");
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final Path runBase;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private LocalOpenSearch(int port, Path runBase) {
        this.port = port;
        this.runBase = runBase;
    }

    /**
     * Starts a node on a free loopback port and returns once its cluster health responds. A failed
     * start stops whatever the script left running.
     */
    static LocalOpenSearch start(String name) throws IOException, InterruptedException {
        int port = freeLoopbackPort();
        Path runBase = Paths.get("target", "opensearch-it", name + "-" + port).toAbsolutePath();
        Files.createDirectories(runBase);
        LocalOpenSearch node = new LocalOpenSearch(port, runBase);
        try {
            node.script("start");
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                node.close();
            } catch (IOException | InterruptedException | RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return node;
    }

    /** Returns {@code 127.0.0.1:<port>}, the form of a domain endpoint: host and port only. */
    String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    /**
     * Creates an index with no replicas and indexes the documents under their ids, visible to
     * searches when this method returns.
     */
    void index(String index, Map<String, Map<String, Object>> documentsById)
            throws IOException, InterruptedException {
        request("PUT", "/" + index, "{\"settings\": {\"number_of_replicas\": 0}}");
        StringBuilder bulk = new StringBuilder();
        for (Map.Entry<String, Map<String, Object>> document : documentsById.entrySet()) {
            bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_id", document.getKey()))))
                    .append('\n')
                    .append(JSON.writeValueAsString(document.getValue()))
                    .append('\n');
        }
        JsonNode result = request("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
        if (result.path("errors").asBoolean(true)) {
            throw new IllegalStateException("Bulk index into " + index + " failed: " + result);
        }
    }

    /** Returns the number of documents in an index, counted by the node and not through a proxy. */
    long count(String index) throws IOException, InterruptedException {
        return request("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    private JsonNode request(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://" + hostAndPort() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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

    /** Stops the node and deletes its run folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            script("stop");
        } finally {
            deleteRecursively(runBase);
        }
    }

    private void script(String command) throws IOException, InterruptedException {
        Path log = runBase.resolve("opensearch-sh-" + command + ".log");
        ProcessBuilder builder =
                new ProcessBuilder("bash", SCRIPT.toAbsolutePath().normalize().toString(), command);
        builder.environment().put("LOCAL_OPENSEARCH_PORT", Integer.toString(port));
        builder.environment().put("LOCAL_OPENSEARCH_RUN_BASE", runBase.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
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

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.delete(path);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }
}
