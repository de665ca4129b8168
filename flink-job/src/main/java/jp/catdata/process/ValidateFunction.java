package jp.catdata.process;

import jp.catdata.event.EventJson;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * First stage of the preprocessor: routes records rejected while reading to the side output and
 * rejects events that arrive after the watermark has passed their time stamp.
 *
 * <p>It runs chained to the source at the source's parallelism, so the watermark it compares with
 * is the source subtask's own watermark. Operators further down see a watermark that is never ahead
 * of it, so an event that passes here is never late for a window downstream.
 */
public class ValidateFunction extends ProcessFunction<ParsedRecord, PositionEvent> {

    private static final long serialVersionUID = 1L;

    /** Accumulator with the number of records read from the source. */
    public static final String RECORDS_READ = "records-read";

    private final WallClock clock;
    private transient LongCounter recordsRead;

    public ValidateFunction(WallClock clock) {
        this.clock = clock;
    }

    @Override
    public void open(Configuration parameters) {
        recordsRead = getRuntimeContext().getLongCounter(RECORDS_READ);
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<PositionEvent> out) {
        recordsRead.add(1);
        if (!record.isAccepted()) {
            ctx.output(Rejections.TAG, record.rejected);
            return;
        }
        PositionEvent event = record.event;
        long watermark = ctx.timerService().currentWatermark();
        if (event.observedAtMs <= watermark) {
            ctx.output(
                    Rejections.TAG,
                    RejectedRecord.of(
                            RejectReason.LATE_EVENT,
                            "observed_at "
                                    + EventJson.formatInstant(event.observedAtMs)
                                    + " is not after the watermark "
                                    + EventJson.formatInstant(watermark)
                                    + "; raise the allowed lateness to accept such events",
                            event,
                            EventJson.toJson(event),
                            clock.currentTimeMillis()));
            return;
        }
        out.collect(event);
    }
}
