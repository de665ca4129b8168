package jp.catdata.opensearch;

import java.time.Clock;
import org.apache.flink.connector.opensearch.sink.RestClientFactory;
import org.apache.http.HttpHost;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Sets up the OpenSearch REST clients of the sinks and of the template installation alike. */
public final class OpenSearchClients {

    /** Signing name of Amazon OpenSearch Service domains in SigV4 credential scopes. */
    static final String SIGNING_NAME = "es";

    private OpenSearchClients() {}

    /** Returns the host of the endpoint. */
    public static HttpHost host(OpenSearchSettings settings) {
        return HttpHost.create(settings.endpointUri().toString());
    }

    /** Returns a low-level REST client of the endpoint; the caller closes it. */
    public static RestClient restClient(OpenSearchSettings settings) {
        RestClientBuilder builder = RestClient.builder(host(settings));
        configure(builder, settings);
        return builder.build();
    }

    /** Applies the timeouts and, for {@code aws-sigv4}, the signing interceptor. */
    public static void configure(RestClientBuilder builder, OpenSearchSettings settings) {
        builder.setRequestConfigCallback(
                config ->
                        config.setConnectTimeout(settings.connectionTimeoutMs)
                                .setSocketTimeout(settings.socketTimeoutMs));
        if (settings.auth == OpenSearchSettings.Auth.AWS_SIGV4) {
            // The default chain finds the application's IAM role on the managed runtime.
            AwsSigV4Interceptor signer =
                    new AwsSigV4Interceptor(
                            SIGNING_NAME,
                            Region.of(settings.awsRegion),
                            DefaultCredentialsProvider.create(),
                            Clock.systemUTC());
            builder.setHttpClientConfigCallback(http -> http.addInterceptorLast(signer));
        }
    }

    /** The connector's hook for the same set-up, in place of its user name and password. */
    static final class Factory implements RestClientFactory {
        private static final long serialVersionUID = 1L;
        private final OpenSearchSettings settings;

        Factory(OpenSearchSettings settings) {
            this.settings = settings;
        }

        @Override
        public void configureRestClientBuilder(RestClientBuilder builder, RestClientConfig config) {
            configure(builder, settings);
        }
    }
}
