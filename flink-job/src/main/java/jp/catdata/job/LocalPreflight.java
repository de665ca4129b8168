package jp.catdata.job;

import java.io.IOException;
import java.time.Duration;
import jp.catdata.opensearch.OpenSearchClients;
import jp.catdata.opensearch.OpenSearchSettings;
import jp.catdata.source.KinesisSource;
import org.opensearch.client.Request;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Checks before a local run starts Flink that its peers respond: the Kinesis stream it reads and
 * the OpenSearch endpoint it writes to. Inside the job an unreachable peer shows only as a restart
 * loop or a long stack trace, so a local run checks them first.
 *
 * <p>Each check throws {@link IllegalArgumentException} with a message that names the option, its
 * value, what failed and what to do, which {@link JobRunner} prints as an {@code error:} line with
 * exit code 2. The managed runtime skips these checks and relies on its restart strategy.
 */
final class LocalPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPreflight.class);

    /** Connect timeout of each check, short because a local peer accepts connections at once. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** Read timeout of each check. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private LocalPreflight() {}

    /**
     * Checks the Kinesis stream of a Kinesis source, and the OpenSearch endpoint when one is set.
     */
    static void check(JobConfig config) {
        if (config.sourceType == JobConfig.SourceType.KINESIS) {
            checkKinesisStream(config);
        }
        if (config.openSearch != null) {
            checkOpenSearch(config.openSearch);
        }
    }

    /**
     * Sends one {@code GET /} to the OpenSearch endpoint, with the configured authentication.
     *
     * @throws IllegalArgumentException if the request fails or returns a status other than 2xx
     */
    static void checkOpenSearch(OpenSearchSettings settings) {
        RestClientBuilder builder = RestClient.builder(OpenSearchClients.host(settings));
        OpenSearchClients.configure(builder, settings);
        // Replaces the sink's timeouts that configure() set, and keeps its signing interceptor.
        builder.setRequestConfigCallback(
                config ->
                        config.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                                .setSocketTimeout((int) READ_TIMEOUT.toMillis()));
        RestClient client = builder.build();
        try {
            client.performRequest(new Request("GET", "/"));
            LOG.info("OpenSearch endpoint {} responded to GET /", settings.endpoint);
        } catch (ResponseException e) {
            // NOTE: no test runs this branch, because the local test nodes return 200 to GET /.
            int status = e.getResponse().getStatusLine().getStatusCode();
            throw new IllegalArgumentException(
                    "GET / on the OpenSearch endpoint "
                            + settings.endpoint
                            + " (--opensearch) returned HTTP "
                            + status
                            + "; check that the URL names an OpenSearch node and that"
                            + " opensearch.auth ("
                            + settings.auth
                            + ") matches its security settings");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "GET / on the OpenSearch endpoint "
                            + settings.endpoint
                            + " (--opensearch) failed: "
                            + reason(e)
                            + "; start a local node with infra/local/opensearch.sh start, or pass"
                            + " the URL of a running node");
        } finally {
            closeQuietly(client);
        }
    }

    /**
     * Describes the Kinesis stream with {@code DescribeStreamSummary}, through the endpoint, region
     * and credentials that the source uses.
     *
     * @throws IllegalArgumentException if the request fails, the stream does not exist, or it is
     *     neither ACTIVE nor UPDATING
     */
    static void checkKinesisStream(JobConfig config) {
        String stream = config.kinesisStreamName;
        String where = describeEndpoint(config);
        boolean local = KinesisSource.isLoopback(config.kinesisEndpoint);
        StreamDescriptionSummary summary;
        try (KinesisClient client = kinesisClient(config)) {
            summary =
                    client.describeStreamSummary(request -> request.streamName(stream))
                            .streamDescriptionSummary();
        } catch (ResourceNotFoundException e) {
            throw new IllegalArgumentException(
                    "Kinesis stream "
                            + stream
                            + " (--kinesis-stream) was not found at "
                            + where
                            + "; create the stream, or pass an existing one with --kinesis-stream"
                            + (local
                                    ? " (infra/local/kinesis-mock.sh start creates "
                                            + "cat-position-stream)"
                                    : ""));
        } catch (AwsServiceException e) {
            throw new IllegalArgumentException(
                    "DescribeStreamSummary of Kinesis stream "
                            + stream
                            + " (--kinesis-stream) at "
                            + where
                            + " failed: "
                            + e.getMessage()
                            + "; check the credentials (kinesis.access-key and kinesis.secret-key,"
                            + " or the default AWS credential chain) and --aws-region");
        } catch (SdkClientException e) {
            throw new IllegalArgumentException(
                    "DescribeStreamSummary of Kinesis stream "
                            + stream
                            + " (--kinesis-stream) at "
                            + where
                            + " failed: "
                            + e.getMessage()
                            + (config.kinesisEndpoint != null
                                    ? "; start kinesis-mock with infra/local/kinesis-mock.sh"
                                            + " start, or pass the URL of a running endpoint with"
                                            + " --kinesis-endpoint"
                                    : "; check the network connection and the AWS credentials"));
        }

        // The Kinesis API reference (UpdateShardCount) allows reads and writes while a stream is
        // UPDATING. A stream that is CREATING or DELETING cannot be read.
        StreamStatus status = summary.streamStatus();
        if (status != StreamStatus.ACTIVE && status != StreamStatus.UPDATING) {
            throw new IllegalArgumentException(
                    "Kinesis stream "
                            + stream
                            + " (--kinesis-stream) at "
                            + where
                            + " is "
                            + summary.streamStatusAsString()
                            + ", not ACTIVE; wait until it is ACTIVE and run again");
        }
        LOG.info(
                "Kinesis stream {} at {} is {} with {} open shards",
                stream,
                where,
                status,
                summary.openShardCount());
    }

    /** Builds a Kinesis client without retries, with the source's endpoint and credentials. */
    static KinesisClient kinesisClient(JobConfig config) {
        KinesisClientBuilder builder =
                KinesisClient.builder()
                        .region(Region.of(config.awsRegion))
                        .credentialsProvider(KinesisSource.credentialsProvider(config))
                        .httpClientBuilder(
                                UrlConnectionHttpClient.builder()
                                        .connectionTimeout(CONNECT_TIMEOUT)
                                        .socketTimeout(READ_TIMEOUT))
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .retryPolicy(RetryPolicy.none())
                                        .build());
        if (config.kinesisEndpoint != null) {
            builder.endpointOverride(java.net.URI.create(config.kinesisEndpoint));
        }
        return builder.build();
    }

    private static String describeEndpoint(JobConfig config) {
        String region = " in region " + config.awsRegion + " (--aws-region)";
        return config.kinesisEndpoint != null
                ? config.kinesisEndpoint + " (--kinesis-endpoint)" + region
                : "the AWS endpoint" + region;
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void closeQuietly(RestClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("Closing the OpenSearch client of the start-up check failed", e);
        }
    }
}
