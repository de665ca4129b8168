package jp.catdata.infra.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jp.catdata.infra.identity.StaffIdentity.StaffRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the custom resource function of {@link MunicipalityAccess} with Node.js against a loopback
 * HTTP server that plays STS, the OpenSearch security REST API and CloudFormation's response URL.
 * The server checks every SigV4 signature with its own implementation.
 */
class SecurityConfigFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HANDLER = Path.of("lambda/opensearch-security/index.mjs");
    private static final String REGION = "ap-northeast-1";
    private static final String OWN_KEY = "AKIDFUNCTIONROLE";
    private static final String OWN_SECRET = "function-secret";
    private static final String OWN_TOKEN = "function-token";
    private static final String MASTER_KEY = "ASIAMASTERROLE";
    private static final String MASTER_SECRET = "master-secret";
    private static final String MASTER_TOKEN = "master-token";
    private static final String MASTER_ROLE = "arn:aws:iam::123456789012:role/master";
    private static final Pattern AUTHORIZATION =
            Pattern.compile(
                    "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
                            + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    @TempDir Path temp;

    private HttpServer server;
    private final List<Recorded> requests = new ArrayList<>();
    private JsonNode cloudFormationResponse;

    /** Status of each OpenSearch request, 200 unless a test sets another function. */
    private Function<Recorded, Integer> openSearchStatus = r -> 200;

    private int stsStatus = 200;

    record Recorded(
            String method,
            String path,
            String body,
            String accessKey,
            String securityToken,
            String service,
            boolean signatureValid) {}

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
    void createWritesRolesAsMaster() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        MunicipalityRoles admin = MunicipalityRoles.render("011002", StaffRole.ADMIN, "arn:b");

        invoke(event("Create", properties(viewer, admin), null));

        assertThat(requests.get(0).path()).isEqualTo("/sts/");
        assertThat(requests.get(0).service()).isEqualTo("sts");
        assertThat(requests.get(0).accessKey()).isEqualTo(OWN_KEY);
        assertThat(requests.get(0).securityToken()).isEqualTo(OWN_TOKEN);
        assertThat(requests.get(0).body()).contains("Action=AssumeRole");
        assertThat(requests.get(0).body())
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fmaster");
        assertThat(openSearchCalls())
                .containsExactly(
                        "PUT /_plugins/_security/api/roles/cat-data-131016-viewer",
                        "PUT /_plugins/_security/api/roles/cat-data-011002-admin",
                        "PUT /_plugins/_security/api/rolesmapping/cat-data-131016-viewer",
                        "PUT /_plugins/_security/api/rolesmapping/cat-data-011002-admin");
        assertThat(JSON.readTree(requests.get(1).body()))
                .isEqualTo(JSON.valueToTree(viewer.role()));
        assertThat(JSON.readTree(requests.get(3).body()))
                .isEqualTo(JSON.valueToTree(viewer.roleMapping()));
        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("SUCCESS");
        assertThat(cloudFormationResponse.path("PhysicalResourceId").asText())
                .isEqualTo("opensearch-security-Roles");
        assertThat(cloudFormationResponse.path("RequestId").asText()).isEqualTo("request-1");
    }

    @Test
    void everyRequestSignedCorrectly() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");

        invoke(event("Create", properties(viewer), null));

        assertThat(requests).hasSize(3);
        for (Recorded request : requests) {
            assertThat(request.signatureValid()).as(request.path()).isTrue();
        }
        for (Recorded request : requests.subList(1, requests.size())) {
            assertThat(request.service()).as(request.path()).isEqualTo("es");
            assertThat(request.accessKey()).as(request.path()).isEqualTo(MASTER_KEY);
            assertThat(request.securityToken()).as(request.path()).isEqualTo(MASTER_TOKEN);
        }
    }

    @Test
    void updateDeletesRemovedRoles() throws Exception {
        MunicipalityRoles remaining = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        MunicipalityRoles removed = MunicipalityRoles.render("011002", StaffRole.VIEWER, "arn:b");

        invoke(event("Update", properties(remaining), properties(remaining, removed)));

        assertThat(openSearchCalls())
                .containsExactly(
                        "PUT /_plugins/_security/api/roles/cat-data-131016-viewer",
                        "PUT /_plugins/_security/api/rolesmapping/cat-data-131016-viewer",
                        "DELETE /_plugins/_security/api/rolesmapping/cat-data-011002-viewer",
                        "DELETE /_plugins/_security/api/roles/cat-data-011002-viewer");
        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void deleteRemovesRolesAndAcceptsMissing() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        openSearchStatus = r -> r.method().equals("DELETE") ? 404 : 200;

        invoke(event("Delete", properties(viewer), null));

        assertThat(openSearchCalls())
                .containsExactly(
                        "DELETE /_plugins/_security/api/rolesmapping/cat-data-131016-viewer",
                        "DELETE /_plugins/_security/api/roles/cat-data-131016-viewer");
        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void rejectedWriteFailsResource() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        openSearchStatus = r -> 403;

        invoke(event("Create", properties(viewer), null));

        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("FAILED");
        assertThat(cloudFormationResponse.path("Reason").asText())
                .contains("PUT /_plugins/_security/api/roles/cat-data-131016-viewer")
                .contains("HTTP 403");
        assertThat(openSearchCalls()).hasSize(1);
    }

    @Test
    void serverErrorRetried() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        int[] calls = {0};
        openSearchStatus = r -> ++calls[0] <= 2 ? 503 : 200;

        invoke(event("Create", properties(viewer), null));

        assertThat(openSearchCalls()).hasSize(4);
        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void assumeRoleFailureFailsResource() throws Exception {
        MunicipalityRoles viewer = MunicipalityRoles.render("131016", StaffRole.VIEWER, "arn:a");
        stsStatus = 403;

        invoke(event("Create", properties(viewer), null));

        assertThat(cloudFormationResponse.path("Status").asText()).isEqualTo("FAILED");
        assertThat(cloudFormationResponse.path("Reason").asText())
                .contains("STS AssumeRole of " + MASTER_ROLE + " returned HTTP 403");
        assertThat(openSearchCalls()).isEmpty();
    }

    private ObjectNode properties(MunicipalityRoles... groups) {
        ObjectNode properties = JSON.createObjectNode();
        properties.put("Endpoint", url());
        properties.put("MasterRoleArn", MASTER_ROLE);
        ObjectNode roles = properties.putObject("Roles");
        ObjectNode mappings = properties.putObject("RoleMappings");
        for (MunicipalityRoles group : groups) {
            roles.set(group.name(), JSON.valueToTree(group.role()));
            mappings.set(group.name(), JSON.valueToTree(group.roleMapping()));
        }
        return properties;
    }

    private ObjectNode event(String type, ObjectNode properties, ObjectNode oldProperties) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", type);
        event.put("ResponseURL", url() + "/cfn-response?X-Amz-Signature=abc");
        event.put("StackId", "arn:aws:cloudformation:ap-northeast-1:123456789012:stack/s/1");
        event.put("RequestId", "request-1");
        event.put("LogicalResourceId", "Roles");
        if (!type.equals("Create")) {
            event.put("PhysicalResourceId", "opensearch-security-Roles");
        }
        event.set("ResourceProperties", properties);
        if (oldProperties != null) {
            event.set("OldResourceProperties", oldProperties);
        }
        return event;
    }

    private void invoke(ObjectNode event) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                        "node",
                        "--input-type=module",
                        "-e",
                        "const { handler } = await import(process.env.HANDLER_URL);"
                                + " await handler(JSON.parse(process.env.EVENT));");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.toLowerCase().endsWith("_proxy"));
        env.put("HANDLER_URL", HANDLER.toAbsolutePath().toUri().toString());
        env.put("EVENT", event.toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", OWN_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", OWN_SECRET);
        env.put("AWS_SESSION_TOKEN", OWN_TOKEN);
        env.put("STS_ENDPOINT", url() + "/sts/");
        env.put("RETRY_DELAY_MS", "10");
        Path log = temp.resolve("node.log");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the function did not finish within 60 s");
        }
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        assertThat(cloudFormationResponse).as(Files.readString(log)).isNotNull();
    }

    private List<String> openSearchCalls() {
        return requests.stream()
                .filter(r -> r.path().startsWith("/_plugins/"))
                .map(r -> r.method() + " " + r.path())
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        int status;
        String reply;
        if (path.equals("/cfn-response")) {
            cloudFormationResponse = JSON.readTree(body);
            status = 200;
            reply = "";
        } else {
            Recorded recorded = verify(exchange, path, body);
            requests.add(recorded);
            if (path.equals("/sts/")) {
                status = stsStatus;
                reply = status == 200 ? assumeRoleResponse() : "<Error>AccessDenied</Error>";
            } else {
                status = openSearchStatus.apply(recorded);
                reply = "{\"status\":\"" + (status < 300 ? "OK" : "ERROR") + "\"}";
            }
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String assumeRoleResponse() {
        return "<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                + "<AccessKeyId>"
                + MASTER_KEY
                + "</AccessKeyId><SecretAccessKey>"
                + MASTER_SECRET
                + "</SecretAccessKey><SessionToken>"
                + MASTER_TOKEN
                + "</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>"
                + "</Credentials></AssumeRoleResult></AssumeRoleResponse>";
    }

    /** Recomputes the request's SigV4 signature from the secret of the key it names. */
    private static Recorded verify(HttpExchange exchange, String path, String body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = AUTHORIZATION.matcher(authorization == null ? "" : authorization);
        String method = exchange.getRequestMethod();
        String token = exchange.getRequestHeaders().getFirst("X-amz-security-token");
        if (!m.matches()) {
            return new Recorded(method, path, body, null, token, null, false);
        }
        String accessKey = m.group(1);
        String date = m.group(2);
        String service = m.group(4);
        String secret = accessKey.equals(OWN_KEY) ? OWN_SECRET : MASTER_SECRET;
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : m.group(5).split(";")) {
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(exchange.getRequestHeaders().getFirst(name).trim())
                    .append('\n');
        }
        String query = exchange.getRequestURI().getRawQuery();
        String canonicalRequest =
                String.join(
                        "\n",
                        method,
                        path,
                        query == null ? "" : query,
                        canonicalHeaders.toString(),
                        m.group(5),
                        sha256Hex(body));
        String amzDate = exchange.getRequestHeaders().getFirst("X-amz-date");
        String scope = date + "/" + m.group(3) + "/" + service + "/aws4_request";
        String stringToSign =
                String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, m.group(3));
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        boolean valid =
                expected.equals(m.group(6))
                        && m.group(3).equals(REGION)
                        && m.group(5).contains("host")
                        && sha256Hex(body)
                                .equals(
                                        exchange.getRequestHeaders()
                                                .getFirst("X-amz-content-sha256"));
        return new Recorded(method, path, body, accessKey, token, service, valid);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
