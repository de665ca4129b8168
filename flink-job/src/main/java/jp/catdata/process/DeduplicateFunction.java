package jp.catdata.process;

import jp.catdata.event.EventJson;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rejects late events and the second and later copies of an event id. Keyed by event id.
 *
 * <p>This is the first keyed stage, so its watermark is the one every later stage receives: the
 * minimum over the source subtasks that are not idle. An event can pass the validate stage, which
 * compares with its own source subtask's watermark, and still be behind this one, when its subtask
 * was idle while others advanced. Windows would drop such an event without a trace, so it is
 * rejected here as late. An event that passes here is never late for a later stage: each one
 * receives it before any watermark that this stage emits afterwards.
 *
 * <p>The state for an id is cleared when the watermark passes the event's time stamp plus the
 * retention. A copy arriving after that has a time stamp behind the watermark, so it is rejected as
 * late. So every duplicate whose copies share the time stamp is rejected, while the state stays
 * bounded by the retention.
 */
public class DeduplicateFunction
        extends KeyedProcessFunction<String, PositionEvent, PositionEvent> {

    private static final long serialVersionUID = 1L;

    private final long retentionMs;
    private final WallClock clock;
    private transient ValueState<Long> firstSeenTimestamp;

    public DeduplicateFunction(long retentionMs, WallClock clock) {
        this.retentionMs = retentionMs;
        this.clock = clock;
    }

    @Override
    public void open(Configuration parameters) {
        firstSeenTimestamp =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("first-seen-timestamp", Types.LONG));
    }

    @Override
    public void processElement(PositionEvent event, Context ctx, Collector<PositionEvent> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (event.observedAtMs <= watermark) {
            ctx.output(
                    Rejections.TAG, Rejections.late(event, watermark, clock.currentTimeMillis()));
            return;
        }
        Long seen = firstSeenTimestamp.value();
        if (seen != null) {
            ctx.output(
                    Rejections.TAG,
                    RejectedRecord.of(
                            RejectReason.DUPLICATE_EVENT,
                            "event_id '" + event.eventId + "' was accepted before",
                            event,
                            EventJson.toJson(event),
                            clock.currentTimeMillis()));
            return;
        }
        firstSeenTimestamp.update(event.observedAtMs);
        ctx.timerService().registerEventTimeTimer(event.observedAtMs + retentionMs);
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PositionEvent> out) {
        firstSeenTimestamp.clear();
    }
}
