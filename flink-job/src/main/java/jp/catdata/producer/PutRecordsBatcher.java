package jp.catdata.producer;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups records into {@code PutRecords} requests within the Kinesis Data Streams limits: at most
 * 500 records and 5 MiB per request, data plus partition keys counted.
 *
 * <p>{@link #add} returns the full request that the new record did not fit into, so records keep
 * their input order across requests. Records over 1 MiB are not checked here; see {@link
 * #MAX_RECORD_BYTES}.
 */
public final class PutRecordsBatcher {
    public static final int MAX_RECORDS_PER_REQUEST = 500;
    public static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;

    /** Largest record Kinesis accepts, data plus partition key; callers reject larger ones. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final int maxRecords;
    private final long maxBytes;
    private List<OutgoingRecord> pending = new ArrayList<>();
    private long pendingBytes;

    public PutRecordsBatcher() {
        this(MAX_RECORDS_PER_REQUEST, MAX_REQUEST_BYTES);
    }

    PutRecordsBatcher(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a record and returns the request it closed, or null when the record fit in the pending
     * one.
     */
    public List<OutgoingRecord> add(OutgoingRecord record) {
        List<OutgoingRecord> closed = null;
        if (!pending.isEmpty()
                && (pending.size() == maxRecords || pendingBytes + record.sizeBytes() > maxBytes)) {
            closed = flush();
        }
        pending.add(record);
        pendingBytes += record.sizeBytes();
        return closed;
    }

    /** Returns the pending request, possibly empty, and starts a new one. */
    public List<OutgoingRecord> flush() {
        List<OutgoingRecord> closed = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        return closed;
    }
}
