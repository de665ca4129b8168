package jp.catdata.opensearch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.util.EntityUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/**
 * Signs each request of the OpenSearch REST client with AWS Signature Version 4, as Amazon
 * OpenSearch Service requires when its access policy names IAM principals.
 *
 * <p>The REST client's HTTP client runs this interceptor after its own, so the request already has
 * its final Host, Content-Length and body. The interceptor hands method, path, query, headers and
 * body to the AWS SDK's signer and copies the headers it adds (Authorization, X-Amz-Date, Host and,
 * for temporary credentials, X-Amz-Security-Token) back onto the request. Credentials are resolved
 * for every request, so rotated role credentials take effect without a restart. Nothing here logs
 * or stores them.
 */
public final class AwsSigV4Interceptor implements HttpRequestInterceptor {

    private final String signingName;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final Aws4Signer signer = Aws4Signer.create();

    /**
     * Creates the interceptor.
     *
     * @param signingName service name in the credential scope: {@code es} for OpenSearch Service
     * @param region region of the domain
     * @param credentials source of the credentials, such as the default AWS credential chain
     * @param clock clock for the signing time; tests pass a fixed one
     */
    public AwsSigV4Interceptor(
            String signingName, Region region, AwsCredentialsProvider credentials, Clock clock) {
        this.signingName = signingName;
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public void process(HttpRequest request, HttpContext context)
            throws HttpException, IOException {
        HttpHost host = (HttpHost) context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
        if (host == null) {
            throw new HttpException(
                    "request has no target host in its context, so it cannot be signed");
        }
        URI uri = URI.create(request.getRequestLine().getUri());
        SdkHttpFullRequest.Builder unsigned =
                SdkHttpFullRequest.builder()
                        .method(SdkHttpMethod.fromValue(request.getRequestLine().getMethod()))
                        .protocol(host.getSchemeName())
                        .host(host.getHostName())
                        .encodedPath(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (host.getPort() >= 0) {
            unsigned.port(host.getPort());
        }
        addQueryParameters(unsigned, uri.getRawQuery());
        for (Header header : request.getAllHeaders()) {
            unsigned.appendHeader(header.getName(), header.getValue());
        }
        if (request instanceof HttpEntityEnclosingRequest) {
            HttpEntityEnclosingRequest withBody = (HttpEntityEnclosingRequest) request;
            HttpEntity entity = withBody.getEntity();
            if (entity != null) {
                // The signature covers the body's SHA-256, so the body is read here and put back
                // as a repeatable entity for the client to send.
                byte[] body = EntityUtils.toByteArray(entity);
                ByteArrayEntity copy = new ByteArrayEntity(body);
                copy.setContentType(entity.getContentType());
                copy.setContentEncoding(entity.getContentEncoding());
                withBody.setEntity(copy);
                unsigned.contentStreamProvider(() -> new ByteArrayInputStream(body));
            }
        }

        Aws4SignerParams params =
                Aws4SignerParams.builder()
                        .awsCredentials(credentials.resolveCredentials())
                        .signingName(signingName)
                        .signingRegion(region)
                        .signingClockOverride(clock)
                        .build();
        SdkHttpFullRequest signed = signer.sign(unsigned.build(), params);
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            request.setHeader(header.getKey(), header.getValue().get(0));
        }
    }

    /** Adds the query parameters decoded, because the signer encodes them itself. */
    private static void addQueryParameters(SdkHttpFullRequest.Builder request, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            request.appendRawQueryParameter(decode(name), decode(value));
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
