package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Signs requests offline, with fixed credentials and a fixed clock. */
class AwsSigV4InterceptorTest {

    /** Example credentials of the AWS Signature Version 4 test suite. */
    private static final String ACCESS_KEY = "AKIDEXAMPLE";

    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static HttpCoreContext target(HttpHost host) {
        HttpCoreContext context = HttpCoreContext.create();
        context.setAttribute(HttpCoreContext.HTTP_TARGET_HOST, host);
        return context;
    }

    private static Clock clock(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** The request "get-vanilla" of the AWS SigV4 test suite, with its published signature. */
    @Test
    void publishedGetVanillaExample() throws Exception {
        BasicHttpRequest request = new BasicHttpRequest("GET", "/");
        AwsSigV4Interceptor signer =
                new AwsSigV4Interceptor(
                        "service",
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        clock("2015-08-30T12:36:00Z"));
        signer.process(request, target(new HttpHost("example.amazonaws.com", -1, "https")));
        assertThat(request.getFirstHeader("X-Amz-Date").getValue()).isEqualTo("20150830T123600Z");
        assertThat(request.getFirstHeader("Host").getValue()).isEqualTo("example.amazonaws.com");
        assertThat(request.getFirstHeader("Authorization").getValue())
                .isEqualTo(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                                + "aws4_request, SignedHeaders=host;x-amz-date, Signature="
                                + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    /**
     * A bulk-like POST with a body, a query and temporary credentials, checked against a signature
     * computed here step by step from the SigV4 specification.
     */
    @Test
    void postWithBodyAndSessionToken() throws Exception {
        String body = "{\"query\":{\"match_all\":{}}}";
        BasicHttpEntityEnclosingRequest request =
                new BasicHttpEntityEnclosingRequest("POST", "/cat-data-cat-latest/_search?size=1");
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        request.setHeader("Content-Length", Integer.toString(body.length()));
        request.setHeader("Content-Type", "application/json; charset=UTF-8");
        AwsSigV4Interceptor signer =
                new AwsSigV4Interceptor(
                        "es",
                        Region.AP_NORTHEAST_1,
                        StaticCredentialsProvider.create(
                                AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "token-1")),
                        clock("2026-06-01T09:30:00Z"));
        signer.process(request, target(new HttpHost("127.0.0.1", 9200, "http")));

        String signedHeaders = "content-length;content-type;host;x-amz-date;x-amz-security-token";
        String canonicalRequest =
                String.join(
                        "\n",
                        "POST",
                        "/cat-data-cat-latest/_search",
                        "size=1",
                        "content-length:" + body.length(),
                        "content-type:application/json; charset=UTF-8",
                        "host:127.0.0.1:9200",
                        "x-amz-date:20260601T093000Z",
                        "x-amz-security-token:token-1",
                        "",
                        signedHeaders,
                        hex(sha256(body.getBytes(StandardCharsets.UTF_8))));
        String scope = "20260601/ap-northeast-1/es/aws4_request";
        String stringToSign =
                String.join(
                        "\n",
                        "AWS4-HMAC-SHA256",
                        "20260601T093000Z",
                        scope,
                        hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), "20260601");
        key = hmac(key, "ap-northeast-1");
        key = hmac(key, "es");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));

        assertThat(request.getFirstHeader("Authorization").getValue())
                .isEqualTo(
                        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                                + scope
                                + ", SignedHeaders="
                                + signedHeaders
                                + ", Signature="
                                + signature);
        assertThat(request.getFirstHeader("X-Amz-Security-Token").getValue()).isEqualTo("token-1");
    }

    @Test
    void bodyStillReadableAfterSigning() throws Exception {
        String body = "{\"index\":{}}\n{\"cat_id\":\"Ares\"}\n";
        BasicHttpEntityEnclosingRequest request =
                new BasicHttpEntityEnclosingRequest("POST", "/_bulk");
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        new AwsSigV4Interceptor(
                        "es",
                        Region.AP_NORTHEAST_1,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        clock("2026-06-01T09:30:00Z"))
                .process(request, target(new HttpHost("127.0.0.1", 9200, "http")));
        HttpEntityEnclosingRequest signed = request;
        assertThat(EntityUtils.toString(signed.getEntity())).isEqualTo(body);
        assertThat(signed.getEntity().getContentType().getValue()).contains("application/json");
        assertThat(signed.getEntity().isRepeatable()).isTrue();
    }

    @Test
    void secretKeyNotInHeaders() throws Exception {
        BasicHttpRequest request = new BasicHttpRequest("GET", "/_cluster/health");
        new AwsSigV4Interceptor(
                        "es",
                        Region.AP_NORTHEAST_1,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                        clock("2026-06-01T09:30:00Z"))
                .process(request, target(new HttpHost("127.0.0.1", 9200, "http")));
        assertThat(request.getAllHeaders()).isNotEmpty();
        for (org.apache.http.Header header : request.getAllHeaders()) {
            assertThat(header.getValue()).doesNotContain(SECRET_KEY);
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
