package jp.catdata.opensearch;

import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Settings of the OpenSearch sinks, from the property group {@code CatData.OpenSearch}, and the
 * index names they lead to.
 *
 * <p>The job writes four kinds of index, each named after {@link #indexPrefix}: one index of the
 * latest position per cat, and monthly indices of accepted fixes, cell density and cat movement. A
 * monthly index takes the UTC month of the fix time or window start, so dropping old months is a
 * DELETE of whole indices.
 */
public final class OpenSearchSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Request authentication. */
    public enum Auth {
        /** Plain requests, for a local node without the security plugin. */
        NONE,
        /**
         * AWS Signature Version 4 for Amazon OpenSearch Service (signing name {@code es}), with
         * credentials from the default AWS credential chain.
         */
        AWS_SIGV4
    }

    /** Retry policy of bulk requests that OpenSearch rejects as overloaded (HTTP 429). */
    public enum Backoff {
        NONE,
        CONSTANT,
        EXPONENTIAL
    }

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Endpoint URL, such as {@code http://127.0.0.1:9200}. */
    public String endpoint;

    /** Start of every index and template name; lower case, as OpenSearch requires. */
    public String indexPrefix = "cat-data";

    /** Replicas of each new index; a single local node needs 0 to become green. */
    public int numberOfReplicas = 1;

    public Auth auth = Auth.NONE;

    /** AWS region of the domain, such as {@code ap-northeast-1}; required for SigV4. */
    public String awsRegion;

    public int bulkMaxActions = 1000;
    public int bulkMaxSizeMb = 5;
    public long bulkFlushIntervalMs = 1000;
    public Backoff backoff = Backoff.EXPONENTIAL;
    public int backoffMaxRetries = 5;
    public long backoffDelayMs = 1000;
    public int connectionTimeoutMs = 5_000;
    public int socketTimeoutMs = 30_000;

    /** Name of the index of the latest position per cat, one document per cat. */
    public String latestPositionIndex() {
        return indexPrefix + "-cat-latest";
    }

    /** Name of the accepted-fix index of the UTC month of a fix time. */
    public String catFixIndex(long observedAtMs) {
        return indexPrefix + "-cat-fix-" + MONTH.format(Instant.ofEpochMilli(observedAtMs));
    }

    /** Name of the rejected-record index of the UTC month of a rejection time. */
    public String rejectedIndex(long rejectedAtMs) {
        return indexPrefix + "-rejected-" + MONTH.format(Instant.ofEpochMilli(rejectedAtMs));
    }

    /** Name of the cell density index of the UTC month of a window start. */
    public String cellDensityIndex(long windowStartMs) {
        return indexPrefix + "-cell-density-" + MONTH.format(Instant.ofEpochMilli(windowStartMs));
    }

    /** Name of the cat movement index of the UTC month of a window start. */
    public String catMovementIndex(long windowStartMs) {
        return indexPrefix + "-cat-movement-" + MONTH.format(Instant.ofEpochMilli(windowStartMs));
    }

    /** Returns the endpoint's scheme, host and port, with the port defaulted from the scheme. */
    public URI endpointUri() {
        URI uri = URI.create(endpoint);
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return URI.create(
                uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + ":" + port);
    }

    /** Describes the settings for the start-up log; there are no secrets in them. */
    public String describe() {
        return "endpoint "
                + endpoint
                + ", index prefix "
                + indexPrefix
                + ", auth "
                + (auth == Auth.AWS_SIGV4
                        ? "SigV4 for region " + awsRegion + " with the default AWS credential chain"
                        : "none")
                + ", bulk max "
                + bulkMaxActions
                + " actions / "
                + bulkMaxSizeMb
                + " MB / "
                + bulkFlushIntervalMs
                + " ms, backoff "
                + backoff
                + " ("
                + backoffMaxRetries
                + " retries from "
                + backoffDelayMs
                + " ms)";
    }
}
