package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;

/**
 * Sends a request through the REST client as the sinks build it, with SigV4 on, to a loopback HTTP
 * server, and verifies the signature there from what arrived, with the SigV4 steps written out in
 * this test.
 */
class SignedRestClientTest {

    private static final String ACCESS_KEY = "local-test-key";
    private static final String SECRET_KEY = "local-test-secret";

    private HttpServer server;
    private final List<Map<String, String>> headers = new ArrayList<>();
    private final List<String> requestLines = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        // The default AWS credential chain reads these system properties before anything else.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    Map<String, String> received = new TreeMap<>();
                    exchange.getRequestHeaders()
                            .forEach(
                                    (name, values) ->
                                            received.put(
                                                    name.toLowerCase(Locale.ROOT), values.get(0)));
                    headers.add(received);
                    requestLines.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    try (InputStream in = exchange.getRequestBody()) {
                        bodies.add(in.readAllBytes());
                    }
                    byte[] response = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, response.length);
                    exchange.getResponseBody().write(response);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private RestClient client() {
        OpenSearchSettings settings = new OpenSearchSettings();
        settings.endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        settings.auth = OpenSearchSettings.Auth.AWS_SIGV4;
        settings.awsRegion = "ap-northeast-1";
        return OpenSearchClients.restClient(settings);
    }

    @Test
    void signatureVerifiesAtServer() throws Exception {
        String body = "{\"index\":{\"_index\":\"cat-data-cat-latest\",\"_id\":\"Ares\"}}\n{}\n";
        try (RestClient client = client()) {
            Request request = new Request("POST", "/_bulk");
            request.addParameter("refresh", "wait_for");
            request.setJsonEntity(body);
            client.performRequest(request);
        }
        assertThat(headers).hasSize(1);
        Map<String, String> received = headers.get(0);
        String authorization = received.get("authorization");
        Matcher m =
                Pattern.compile(
                                "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)"
                                        + "/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})")
                        .matcher(authorization);
        assertThat(m.matches()).as(authorization).isTrue();
        assertThat(m.group(1)).isEqualTo(ACCESS_KEY);
        assertThat(m.group(3)).isEqualTo("ap-northeast-1");
        assertThat(m.group(4)).isEqualTo("es");
        assertThat(m.group(5)).contains("host").contains("x-amz-date");
        assertThat(new String(bodies.get(0), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(requestLines.get(0)).isEqualTo("POST /_bulk?refresh=wait_for");

        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : m.group(5).split(";")) {
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(received.get(name).trim())
                    .append('\n');
        }
        String canonicalRequest =
                String.join(
                        "\n",
                        "POST",
                        "/_bulk",
                        "refresh=wait_for",
                        canonicalHeaders.toString(),
                        m.group(5),
                        hex(sha256(bodies.get(0))));
        String scope = m.group(2) + "/ap-northeast-1/es/aws4_request";
        String stringToSign =
                String.join(
                        "\n",
                        "AWS4-HMAC-SHA256",
                        received.get("x-amz-date"),
                        scope,
                        hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), m.group(2));
        key = hmac(key, "ap-northeast-1");
        key = hmac(key, "es");
        key = hmac(key, "aws4_request");
        assertThat(m.group(6)).isEqualTo(hex(hmac(key, stringToSign)));
    }

    @Test
    void secretNeverSent() throws Exception {
        try (RestClient client = client()) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        }
        assertThat(headers).hasSize(1);
        for (String value : headers.get(0).values()) {
            assertThat(value).doesNotContain(SECRET_KEY);
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
