package jp.catdata.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends {@code PutRecords} requests and retries what failed.
 *
 * <p>After a partial failure only the failed entries, found by their index in the response, are
 * sent again. A whole request that failed with throttling, a 5xx status or an I/O error is sent
 * again in full. Other errors (an unknown stream, invalid credentials) are not retried. Each retry
 * waits for {@link Backoff}; after {@code maxRetries} retries the records still failing are counted
 * as given up under their last error code. Every per-record error code is retried, including {@code
 * InvalidArgumentException}, which a resend cannot fix.
 */
public final class KinesisPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisPublisher.class);
    private static final long PROGRESS_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Time source and sleep, replaced in tests. */
    public interface Clock {
        long nanoTime();

        void sleepMs(long ms) throws InterruptedException;

        Clock SYSTEM =
                new Clock() {
                    @Override
                    public long nanoTime() {
                        return System.nanoTime();
                    }

                    @Override
                    public void sleepMs(long ms) throws InterruptedException {
                        Thread.sleep(ms);
                    }
                };
    }

    private final KinesisClient client;
    private final String streamName;
    private final int maxRetries;
    private final Backoff backoff;
    private final Clock clock;
    private final ProducerReport report;
    private long lastProgressLogNanos;

    public KinesisPublisher(
            KinesisClient client,
            String streamName,
            int maxRetries,
            Backoff backoff,
            Clock clock,
            ProducerReport report) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("max retries " + maxRetries + " is negative");
        }
        this.client = client;
        this.streamName = streamName;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.clock = clock;
        this.report = report;
        this.lastProgressLogNanos = clock.nanoTime();
    }

    /** Sends one request's records, retrying failures, and counts the outcome in the report. */
    public void send(List<OutgoingRecord> records) throws InterruptedException {
        List<OutgoingRecord> pending = records;
        int retry = 0;
        while (!pending.isEmpty()) {
            report.countRequest(retry > 0, pending.size());
            List<OutgoingRecord> failed = new ArrayList<>();
            List<String> failedCodes = new ArrayList<>();
            try {
                PutRecordsResponse response = client.putRecords(request(pending));
                collectFailures(pending, response, failed, failedCodes);
            } catch (SdkException e) {
                String code = errorCode(e);
                if (!isRetryable(e)) {
                    LOG.error(
                            "PutRecords to {} failed with {}, not retryable; giving up {} records",
                            streamName,
                            code,
                            pending.size(),
                            e);
                    report.countGivenUp(code, pending.size());
                    return;
                }
                LOG.warn(
                        "PutRecords of {} records to {} failed with {} after {} of {} retries: {}",
                        pending.size(),
                        streamName,
                        code,
                        retry,
                        maxRetries,
                        e.toString());
                failed.addAll(pending);
                pending.forEach(r -> failedCodes.add(code));
            }
            report.countSent(pending.size() - failed.size(), sizeOf(pending) - sizeOf(failed));

            if (!failed.isEmpty() && retry == maxRetries) {
                for (String code : failedCodes) {
                    report.countGivenUp(code, 1);
                }
                LOG.error(
                        "gave up {} records to {} after {} retries; last error codes {}",
                        failed.size(),
                        streamName,
                        maxRetries,
                        failedCodes);
                return;
            }
            if (!failed.isEmpty()) {
                retry++;
                clock.sleepMs(backoff.delayMs(retry));
            }
            pending = failed;
        }
        logProgress();
    }

    private static PutRecordsRequest request(String streamName, List<OutgoingRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (OutgoingRecord record : records) {
            entries.add(
                    PutRecordsRequestEntry.builder()
                            .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                            .partitionKey(record.partitionKey())
                            .build());
        }
        return PutRecordsRequest.builder().streamName(streamName).records(entries).build();
    }

    private PutRecordsRequest request(List<OutgoingRecord> records) {
        return request(streamName, records);
    }

    private static void collectFailures(
            List<OutgoingRecord> sent,
            PutRecordsResponse response,
            List<OutgoingRecord> failed,
            List<String> failedCodes) {
        List<PutRecordsResultEntry> results = response.records();
        // Without one result per entry the failed entries are unknown, so the caller resends the
        // whole request, which may duplicate the records that did arrive.
        if (results.size() != sent.size()) {
            throw SdkClientException.create(
                    "PutRecords returned "
                            + results.size()
                            + " results for "
                            + sent.size()
                            + " records");
        }
        for (int i = 0; i < results.size(); i++) {
            String code = results.get(i).errorCode();
            if (code != null) {
                failed.add(sent.get(i));
                failedCodes.add(code);
            }
        }
    }

    private static boolean isRetryable(SdkException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            String code = errorCode(e);
            return service.statusCode() >= 500
                    || service.isThrottlingException()
                    || "ProvisionedThroughputExceededException".equals(code)
                    || "LimitExceededException".equals(code)
                    || "KMSThrottlingException".equals(code);
        }
        // SdkClientException: the request did not complete (connection refused or reset,
        // timeout). Whether the records arrived is unknown, so a resend may duplicate them.
        return e instanceof SdkClientException;
    }

    private static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException
                && ((AwsServiceException) e).awsErrorDetails() != null
                && ((AwsServiceException) e).awsErrorDetails().errorCode() != null) {
            return ((AwsServiceException) e).awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    private static long sizeOf(List<OutgoingRecord> records) {
        long bytes = 0;
        for (OutgoingRecord record : records) {
            bytes += record.sizeBytes();
        }
        return bytes;
    }

    private void logProgress() {
        long now = clock.nanoTime();
        if (now - lastProgressLogNanos >= PROGRESS_LOG_INTERVAL_NANOS) {
            lastProgressLogNanos = now;
            LOG.info(
                    "{} records sent to {} in {} requests, {} given up so far",
                    report.sent(),
                    streamName,
                    report.requests(),
                    report.givenUp());
        }
    }
}
