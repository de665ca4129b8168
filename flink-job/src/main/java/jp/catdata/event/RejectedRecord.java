package jp.catdata.event;

/**
 * A record that did not become an accepted position, with the reason and as much of the input as
 * could be read. Every input record ends either in the positions table or here.
 */
public class RejectedRecord {

    /** Maximum number of characters of the raw record kept in the rejected table. */
    public static final int MAX_RAW_CHARS = 4096;

    /** Reason code, one of {@link RejectReason#code()}. */
    public String reason;

    /** Human-readable explanation naming the field and the value at fault. */
    public String detail;

    /** The raw record as text, cut to {@link #MAX_RAW_CHARS}. */
    public String raw;

    /** Whether {@link #raw} was cut. */
    public boolean rawTruncated;

    /** Place the record was read from, for example {@code cats_uk.csv:42}. */
    public String origin;

    /** Event id, when it could be read. */
    public String eventId;

    /** Cat id, when it could be read. */
    public String catId;

    /** Municipality code, when it was read and valid. */
    public String municipalityCode;

    /** Observation time in epoch milliseconds, when it could be read; otherwise null. */
    public Long observedAtMs;

    /** Wall-clock time of the rejection in epoch milliseconds. */
    public long rejectedAtMs;

    public RejectedRecord() {}

    /** Creates a rejection of raw text that could not be read as an event. */
    public static RejectedRecord of(
            RejectReason reason, String detail, String raw, String origin, long rejectedAtMs) {
        RejectedRecord r = new RejectedRecord();
        r.reason = reason.code();
        r.detail = detail;
        r.setRaw(raw);
        r.origin = origin;
        r.rejectedAtMs = rejectedAtMs;
        return r;
    }

    /** Creates a rejection of an event that was read but failed a later check. */
    public static RejectedRecord of(
            RejectReason reason, String detail, PositionEvent event, String raw, long rejectedAt) {
        RejectedRecord r = of(reason, detail, raw, event.origin, rejectedAt);
        r.eventId = event.eventId;
        r.catId = event.catId;
        r.municipalityCode = event.municipalityCode;
        r.observedAtMs = event.observedAtMs;
        return r;
    }

    /**
     * Stores the raw text, cut to {@link #MAX_RAW_CHARS}. A cut that would split a surrogate pair
     * is made one character earlier, so the stored text stays valid UTF-16.
     */
    public void setRaw(String text) {
        if (text != null && text.length() > MAX_RAW_CHARS) {
            int end = MAX_RAW_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            raw = text.substring(0, end);
            rawTruncated = true;
        } else {
            raw = text;
            rawTruncated = false;
        }
    }

    @Override
    public String toString() {
        return "RejectedRecord{reason="
                + reason
                + ", detail="
                + detail
                + ", origin="
                + origin
                + ", eventId="
                + eventId
                + "}";
    }
}
