package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code frontend/dashboards/import.sh} against a loopback HTTP server in place of OpenSearch
 * Dashboards, which no test here can run. The server records each request and answers the way the
 * saved-objects import API does, keeping the imported objects by type and id.
 */
class DashboardsImportScriptTest {

    private static final Path SCRIPT = Path.of("../frontend/dashboards/import.sh");
    private static final Path NDJSON = Path.of("../frontend/dashboards/saved-objects.ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\\S+)");

    @TempDir Path temp;

    private HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private final Map<String, String> stored = new TreeMap<>();

    /** Returns status and body for a request; by default imports the objects like Dashboards. */
    private Function<Recorded, Answer> answer = this::importObjects;

    record Recorded(
            String method,
            String pathAndQuery,
            Map<String, List<String>> headers,
            String partFilename,
            String partContent) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    record Answer(int status, String body) {}

    record Result(int exitCode, String stdout, String stderr) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void importSendsFileWithXsrfHeader() throws Exception {
        Result result = run("--url", url() + "/_dashboards");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(requests).hasSize(1);
        Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.pathAndQuery())
                .isEqualTo("/_dashboards/api/saved_objects/_import?overwrite=true");
        assertThat(request.header("Osd-xsrf")).isEqualTo("true");
        assertThat(request.partFilename()).isEqualTo("saved-objects.ndjson");
        assertThat(request.partContent()).isEqualTo(Files.readString(NDJSON));
        assertThat(request.header("Authorization")).isNull();
        assertThat(result.stdout()).contains("imported 8 saved objects");
    }

    @Test
    void importTwiceKeepsSameObjects() throws Exception {
        assertThat(run("--url", url()).exitCode()).as("first import").isZero();
        Map<String, String> afterFirst = new TreeMap<>(stored);
        assertThat(run("--url", url()).exitCode()).as("second import").isZero();

        assertThat(afterFirst.keySet()).containsExactlyElementsOf(idsInFile());
        assertThat(stored).isEqualTo(afterFirst);
        assertThat(requests.get(1).partContent()).isEqualTo(requests.get(0).partContent());
        assertThat(requests.get(1).pathAndQuery()).isEqualTo(requests.get(0).pathAndQuery());
    }

    @Test
    void basicAuthFromEnvironment() throws Exception {
        Result result =
                run(Map.of("OSD_PASSWORD", "s3cret:pass"), "--url", url(), "--user", "admin");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        "admin:s3cret:pass".getBytes(StandardCharsets.UTF_8));
        assertThat(requests.get(0).header("Authorization")).isEqualTo(expected);
        assertThat(result.stderr()).doesNotContain("s3cret");
    }

    @Test
    void basicAuthFromPasswordFile() throws Exception {
        Path passwordFile = temp.resolve("password");
        Files.writeString(passwordFile, "from-file\n");

        Result result =
                run("--url", url(), "--user", "admin", "--password-file", passwordFile.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(requests.get(0).header("Authorization"))
                .isEqualTo(
                        "Basic "
                                + Base64.getEncoder().encodeToString("admin:from-file".getBytes()));
    }

    @Test
    void cookieAndTenantHeaders() throws Exception {
        Result result =
                run(
                        "--url", url(),
                        "--cookie", "security_authentication=abc123",
                        "--tenant", "global");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(requests.get(0).header("Cookie")).isEqualTo("security_authentication=abc123");
        assertThat(requests.get(0).header("Securitytenant")).isEqualTo("global");
        assertThat(requests.get(0).header("Authorization")).isNull();
    }

    @Test
    void userWithoutPasswordRejected() throws Exception {
        Result result = run("--url", url(), "--user", "admin");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("no password for --user admin");
        assertThat(requests).isEmpty();
    }

    @Test
    void missingUrlRejected() throws Exception {
        Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--url is missing");
    }

    @Test
    void twoAuthMethodsRejected() throws Exception {
        Result result =
                run(Map.of("OSD_PASSWORD", "x"), "--url", url(), "--user", "a", "--cookie", "c=1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(requests).isEmpty();
    }

    @Test
    void unauthorizedExitsFour() throws Exception {
        answer = r -> new Answer(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}");

        Result result = run(Map.of("OSD_PASSWORD", "wrong"), "--url", url(), "--user", "admin");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("HTTP 401");
    }

    @Test
    void serverErrorExitsThree() throws Exception {
        answer = r -> new Answer(500, "{\"statusCode\":500,\"message\":\"Internal Server Error\"}");

        Result result = run("--url", url());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("returned HTTP 500 instead of 200");
    }

    @Test
    void unreachableServerExitsThree() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Result result = run("--url", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stderr()).contains("failed");
    }

    @Test
    void importErrorsListedExitOne() throws Exception {
        answer =
                r ->
                        new Answer(
                                200,
                                "{\"success\":false,\"successCount\":7,\"errors\":[{\"id\":"
                                        + "\"cat-data-density-heatmap\",\"type\":\"visualization\","
                                        + "\"error\":{\"type\":\"missing_references\","
                                        + "\"references\":[{\"type\":\"index-pattern\","
                                        + "\"id\":\"cat-data-cell-density\"}]}}]}");

        Result result = run("--url", url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        "visualization cat-data-density-heatmap: missing_references"
                                + " index-pattern cat-data-cell-density");
    }

    @Test
    void fewerImportedThanFileExitOne() throws Exception {
        answer = r -> new Answer(200, "{\"success\":true,\"successCount\":5}");

        Result result = run("--url", url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("imported 5 of 8 objects");
    }

    /** Stores each object of the uploaded file under type and id, replacing any earlier one. */
    private Answer importObjects(Recorded request) {
        int count = 0;
        try {
            for (String line : request.partContent().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode object = JSON.readTree(line);
                stored.put(object.path("type").asText() + ":" + object.path("id").asText(), line);
                count++;
            }
        } catch (IOException e) {
            return new Answer(400, "{\"statusCode\":400,\"message\":\"invalid NDJSON\"}");
        }
        ObjectNode body = JSON.createObjectNode().put("success", true).put("successCount", count);
        ArrayNode results = body.putArray("successResults");
        stored.keySet().forEach(key -> results.addObject().put("key", key));
        return new Answer(200, body.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String filename = null;
        String content = null;
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (boundary.find()) {
            String text = new String(body, StandardCharsets.UTF_8);
            String delimiter = "--" + boundary.group(1);
            String part = text.split(Pattern.quote(delimiter), -1)[1];
            int headerEnd = part.indexOf("\r\n\r\n");
            Matcher name =
                    Pattern.compile("filename=\"([^\"]*)\"").matcher(part.substring(0, headerEnd));
            filename = name.find() ? name.group(1) : null;
            // The part ends with the CRLF that precedes the next delimiter.
            content = part.substring(headerEnd + 4, part.length() - 2);
        }
        Recorded recorded =
                new Recorded(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        filename,
                        content);
        requests.add(recorded);
        Answer reply = answer.apply(recorded);
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private List<String> idsInFile() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(NDJSON)) {
            JsonNode object = JSON.readTree(line);
            ids.add(object.path("type").asText() + ":" + object.path("id").asText());
        }
        ids.sort(null);
        return ids;
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        builder.environment().remove("OSD_PASSWORD");
        builder.environment().putAll(env);
        Path stdout = temp.resolve("stdout");
        Path stderr = temp.resolve("stderr");
        builder.redirectOutput(stdout.toFile());
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("import.sh did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
