package jp.catdata.producer;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.WallClock;
import jp.catdata.source.InputFormat;
import jp.catdata.source.KinesisSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Publishes canonical position events to a Kinesis data stream with {@code PutRecords}: the events
 * of a Movebank CSV or JSON-lines file, or the simulator's records.
 *
 * <p>Exit status: 0 when every record was sent, 1 when any record was given up, 2 on a usage error.
 * Credentials come from the SDK's default provider chain (environment variables, profile files,
 * instance roles); against kinesis-mock any access key and secret work.
 */
public final class KinesisProducerCommand {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisProducerCommand.class);

    /** Kinesis Data Streams write limit per shard in bytes per second, data plus keys. */
    static final int SHARD_BYTES_PER_S = 1024 * 1024;

    static final long MAX_FUTURE_SKEW_MS = 5 * 60_000L;
    static final long BACKOFF_BASE_MS = 100;
    static final long BACKOFF_MAX_MS = 10_000;

    private KinesisProducerCommand() {}

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command with a client built from the options, and returns the exit status. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        ProducerOptions options;
        try {
            options = ProducerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to list the options.");
            return 2;
        }
        if (options.help) {
            out.print(ProducerOptions.HELP);
            return 0;
        }
        try (KinesisClient client = buildClient(options)) {
            return run(options, client, KinesisPublisher.Clock.SYSTEM, out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 1;
        } catch (Exception e) {
            LOG.error("producer failed", e);
            err.println("error: " + e);
            return 1;
        }
    }

    /** Builds a client without SDK retries, so every retry is this command's and is counted. */
    static KinesisClient buildClient(ProducerOptions options) {
        KinesisClientBuilder builder =
                KinesisClient.builder()
                        .region(Region.of(options.region))
                        .httpClientBuilder(UrlConnectionHttpClient.builder())
                        .overrideConfiguration(
                                ClientOverrideConfiguration.builder()
                                        .retryPolicy(RetryPolicy.none())
                                        .build());
        if (options.endpoint != null) {
            builder.endpointOverride(URI.create(options.endpoint));
            if (KinesisSource.isLoopback(options.endpoint)) {
                // The default chain would end at the EC2 instance metadata address; a local
                // stand-in such as kinesis-mock checks no credentials.
                builder.credentialsProvider(
                        AwsCredentialsProviderChain.of(
                                EnvironmentVariableCredentialsProvider.create(),
                                SystemPropertyCredentialsProvider.create(),
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                KinesisSource.LOCAL_ACCESS_KEY,
                                                KinesisSource.LOCAL_SECRET_KEY))));
            }
        }
        return builder.build();
    }

    /** Publishes the input with the given client, prints the report, and returns the status. */
    static int run(
            ProducerOptions options,
            KinesisClient client,
            KinesisPublisher.Clock clock,
            PrintStream out)
            throws Exception {
        if (options.input != null
                && options.municipalityCode == null
                && Files.isRegularFile(Path.of(options.input))
                && InputFormat.detect(Path.of(options.input)) == InputFormat.MOVEBANK_CSV) {
            // Without this, every fix of the file would be rejected for its missing code.
            throw new IllegalArgumentException(
                    "Movebank files carry no municipality code; pass --municipality-code CODE,"
                            + " for example 131067");
        }
        LOG.info(
                "publishing {} to stream {} in {} at {}, max retries {}, rate limit per shard {}",
                options.input != null ? options.input : options.records + " simulator records",
                options.stream,
                options.region,
                options.endpoint != null ? options.endpoint : "the AWS endpoint",
                options.maxRetries,
                options.rateLimitPerShard > 0
                        ? options.rateLimitPerShard + " records/s and 1 MiB/s"
                        : "off");
        ProducerReport report = new ProducerReport();
        KinesisPublisher publisher =
                new KinesisPublisher(
                        client,
                        options.stream,
                        options.maxRetries,
                        new Backoff(BACKOFF_BASE_MS, BACKOFF_MAX_MS, new SecureRandom()),
                        clock,
                        report);
        // NOTE: the limiter paces first sends only, so resends after a failure are not limited.
        ShardRateLimiter limiter =
                options.rateLimitPerShard > 0
                        ? new ShardRateLimiter(
                                openShardStartingHashKeys(client, options.stream),
                                options.rateLimitPerShard,
                                SHARD_BYTES_PER_S,
                                clock)
                        : null;
        PutRecordsBatcher batcher = new PutRecordsBatcher();
        ProducerInput.Sink sink =
                record -> {
                    if (record.sizeBytes() > PutRecordsBatcher.MAX_RECORD_BYTES) {
                        report.countGivenUp(ProducerReport.RECORD_TOO_LARGE, 1);
                        return;
                    }
                    if (limiter != null) {
                        limiter.acquire(record);
                    }
                    List<OutgoingRecord> full = batcher.add(record);
                    if (full != null) {
                        publisher.send(full);
                    }
                };

        PositionEventParser parser =
                new PositionEventParser(
                        options.municipalityCode, MAX_FUTURE_SKEW_MS, WallClock.system());
        if (options.input != null) {
            ProducerInput.readFile(Path.of(options.input), parser, options.timeOrder, report, sink);
        } else {
            ProducerInput.simulate(options.simulatorSettings(), parser, sink);
        }
        List<OutgoingRecord> last = batcher.flush();
        if (!last.isEmpty()) {
            publisher.send(last);
        }

        out.print(report.summary());
        LOG.info("finished: {} sent, {} given up", report.sent(), report.givenUp());
        return report.exitCode();
    }

    private static List<String> openShardStartingHashKeys(KinesisClient client, String stream) {
        List<String> keys = new ArrayList<>();
        String nextToken = null;
        do {
            ListShardsRequest.Builder request = ListShardsRequest.builder();
            if (nextToken == null) {
                request.streamName(stream);
            } else {
                request.nextToken(nextToken);
            }
            var response = client.listShards(request.build());
            for (Shard shard : response.shards()) {
                // A closed shard (split or merged) has an ending sequence number.
                boolean open =
                        shard.sequenceNumberRange() == null
                                || shard.sequenceNumberRange().endingSequenceNumber() == null;
                if (open) {
                    keys.add(shard.hashKeyRange().startingHashKey());
                }
            }
            nextToken = response.nextToken();
        } while (nextToken != null);
        return keys;
    }
}
