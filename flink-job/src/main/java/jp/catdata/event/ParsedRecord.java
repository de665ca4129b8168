package jp.catdata.event;

/**
 * The result of reading one input record: either an event or a rejection, never both.
 *
 * <p>Sources emit this type, so a rejection made while reading (bad JSON, a bad CSV row) travels
 * with the stream to the rejected table instead of being dropped.
 */
public class ParsedRecord {

    /** The event, or null when the record was rejected. */
    public PositionEvent event;

    /** The rejection, or null when the record was read as an event. */
    public RejectedRecord rejected;

    public ParsedRecord() {}

    public static ParsedRecord accepted(PositionEvent event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    public static ParsedRecord rejected(RejectedRecord rejected) {
        ParsedRecord r = new ParsedRecord();
        r.rejected = rejected;
        return r;
    }

    public boolean isAccepted() {
        return event != null;
    }

    /**
     * Returns the event time for watermarking: the observation time of an event, or {@link
     * Long#MIN_VALUE} for a rejection, which never moves a watermark.
     */
    public long eventTimeMs() {
        return event != null ? event.observedAtMs : Long.MIN_VALUE;
    }
}
