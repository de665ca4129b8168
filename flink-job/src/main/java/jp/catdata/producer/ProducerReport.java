package jp.catdata.producer;

import java.util.Map;
import java.util.TreeMap;

/** Counts of one producer run: what was sent, resent, given up, and not sent at all. */
public final class ProducerReport {
    /** Error code counted for a record rejected before sending because it is over 1 MiB. */
    public static final String RECORD_TOO_LARGE = "RecordTooLarge";

    private long sent;
    private long sentBytes;
    private long requests;
    private long retryRequests;
    private long resentRecords;
    private final Map<String, Long> givenUpByCode = new TreeMap<>();
    private final Map<String, Long> notSentByReason = new TreeMap<>();

    void countRequest(boolean retry, int records) {
        requests++;
        if (retry) {
            retryRequests++;
            resentRecords += records;
        }
    }

    void countSent(long records, long bytes) {
        sent += records;
        sentBytes += bytes;
    }

    void countGivenUp(String errorCode, long records) {
        givenUpByCode.merge(errorCode, records, Long::sum);
    }

    /** Counts an input row the reader rejected, which is not an event and is not sent. */
    void countNotSent(String reason) {
        notSentByReason.merge(reason, 1L, Long::sum);
    }

    public long sent() {
        return sent;
    }

    public long requests() {
        return requests;
    }

    /** Requests that resent records after a failure. */
    public long retryRequests() {
        return retryRequests;
    }

    /** Records sent again after a failure, counted once per resend. */
    public long resentRecords() {
        return resentRecords;
    }

    public Map<String, Long> givenUpByCode() {
        return givenUpByCode;
    }

    public long givenUp() {
        return givenUpByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> notSentByReason() {
        return notSentByReason;
    }

    /** Returns 1 when any record was given up, otherwise 0. */
    public int exitCode() {
        return givenUp() > 0 ? 1 : 0;
    }

    /** Returns the summary printed at the end of a run. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("sent: ").append(sent).append(" records, ").append(sentBytes);
        text.append(" bytes in ").append(requests).append(" PutRecords requests\n");
        text.append("retried: ").append(retryRequests).append(" requests resending ");
        text.append(resentRecords).append(" records\n");
        text.append("given up: ").append(givenUp()).append(" records");
        givenUpByCode.forEach((code, n) -> text.append(", ").append(code).append(' ').append(n));
        text.append('\n');
        long rejected = notSentByReason.values().stream().mapToLong(Long::longValue).sum();
        text.append("not sent, rejected by the reader: ").append(rejected).append(" rows");
        notSentByReason.forEach(
                (reason, n) -> text.append(", ").append(reason).append(' ').append(n));
        return text.append('\n').toString();
    }
}
