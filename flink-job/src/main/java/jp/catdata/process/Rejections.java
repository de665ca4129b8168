package jp.catdata.process;

import jp.catdata.event.EventJson;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import org.apache.flink.util.OutputTag;

/** The side output that every stage of the job sends its rejected records to. */
public final class Rejections {

    /** Side output of rejected records. */
    public static final OutputTag<RejectedRecord> TAG =
            new OutputTag<RejectedRecord>("rejected") {};

    private Rejections() {}

    /** Returns the rejection of an event whose time stamp is not after the watermark. */
    public static RejectedRecord late(PositionEvent event, long watermarkMs, long rejectedAtMs) {
        return RejectedRecord.of(
                RejectReason.LATE_EVENT,
                "observed_at "
                        + EventJson.formatInstant(event.observedAtMs)
                        + " is not after the watermark "
                        + EventJson.formatInstant(watermarkMs)
                        + "; raise the allowed lateness to accept such events",
                event,
                EventJson.toJson(event),
                rejectedAtMs);
    }
}
