package jp.catdata.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.catdata.event.EventJson;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import jp.catdata.geo.Haversine;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Last stage of the preprocessor: puts each cat's fixes in event-time order, rejects fixes that
 * need an implausible speed, and attaches the segment from the previous accepted fix.
 *
 * <p>Keyed by {@link #trackKey(PositionEvent)}. A fix waits in state until the watermark passes its
 * time stamp. No earlier fix of the cat can arrive after that, because the validate stage rejects
 * such fixes as late. So fixes leave in time stamp order whatever order they arrived in. Fixes with
 * the same time stamp leave in event id order, so the result does not depend on arrival order.
 *
 * <p>Per-cat state is the buffer of waiting fixes plus the last accepted fix. The last fix is
 * cleared by a timer once the watermark is {@code idleTimeoutMs} past it; a fix after a longer gap
 * starts a new track without a segment, whether or not the timer has fired yet, so results do not
 * depend on when timers run. Anonymous sightings have no track and pass straight through.
 */
public class TrackFunction extends KeyedProcessFunction<String, PositionEvent, TrackedFix> {

    private static final long serialVersionUID = 1L;

    private final double maxSpeedMps;
    private final long idleTimeoutMs;
    private final long occupancyCapMs;
    private final WallClock clock;

    private transient MapState<Long, List<PositionEvent>> waiting;
    private transient ValueState<PositionEvent> lastAccepted;

    /**
     * Creates the function.
     *
     * @param maxSpeedMps fixes that need a higher speed from the previous accepted fix are rejected
     * @param idleTimeoutMs gap after which a cat's track ends and its state is cleared
     * @param occupancyCapMs longest segment duration credited as occupancy to one fix
     * @param clock wall clock for the rejection time
     */
    public TrackFunction(
            double maxSpeedMps, long idleTimeoutMs, long occupancyCapMs, WallClock clock) {
        this.maxSpeedMps = maxSpeedMps;
        this.idleTimeoutMs = idleTimeoutMs;
        this.occupancyCapMs = occupancyCapMs;
        this.clock = clock;
    }

    /** Returns the key of an event's track: the cat id, or a key of its own for a sighting. */
    public static String trackKey(PositionEvent event) {
        return event.catId != null ? "cat:" + event.catId : "event:" + event.eventId;
    }

    @Override
    public void open(Configuration parameters) {
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "waiting-fixes",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(PositionEvent.class))));
        lastAccepted =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-accepted-fix",
                                        TypeInformation.of(PositionEvent.class)));
    }

    @Override
    public void processElement(PositionEvent event, Context ctx, Collector<TrackedFix> out)
            throws Exception {
        if (!event.hasCat()) {
            out.collect(new TrackedFix(event));
            return;
        }
        List<PositionEvent> sameTime = waiting.get(event.observedAtMs);
        if (sameTime == null) {
            sameTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(event.observedAtMs);
        }
        sameTime.add(event);
        waiting.put(event.observedAtMs, sameTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrackedFix> out)
            throws Exception {
        List<PositionEvent> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            due.sort(Comparator.comparing(e -> e.eventId));
            for (PositionEvent event : due) {
                accept(event, ctx, out);
            }
        }
        PositionEvent last = lastAccepted.value();
        if (last != null && timestamp >= last.observedAtMs + idleTimeoutMs) {
            lastAccepted.clear();
        }
    }

    private void accept(PositionEvent event, OnTimerContext ctx, Collector<TrackedFix> out)
            throws Exception {
        TrackedFix fix = new TrackedFix(event);
        PositionEvent previous = lastAccepted.value();
        if (previous != null && event.observedAtMs - previous.observedAtMs <= idleTimeoutMs) {
            double distanceM =
                    Haversine.distanceM(previous.lat, previous.lon, event.lat, event.lon);
            long durationMs = event.observedAtMs - previous.observedAtMs;
            double speedMps =
                    durationMs > 0
                            ? distanceM / (durationMs / 1000.0)
                            : (distanceM == 0 ? 0 : Double.POSITIVE_INFINITY);
            if (speedMps > maxSpeedMps) {
                ctx.output(
                        Rejections.TAG,
                        RejectedRecord.of(
                                RejectReason.IMPLAUSIBLE_SPEED,
                                String.format(
                                        java.util.Locale.ROOT,
                                        "reaching this fix from the previous accepted fix %s"
                                                + " needs %.1f m/s (%.0f m in %.0f s),"
                                                + " above the limit of %.1f m/s",
                                        previous.eventId,
                                        speedMps,
                                        distanceM,
                                        durationMs / 1000.0,
                                        maxSpeedMps),
                                event,
                                EventJson.toJson(event),
                                clock.currentTimeMillis()));
                return;
            }
            fix.segmentDistanceM = distanceM;
            fix.segmentDurationS = durationMs / 1000.0;
            fix.speedMps = speedMps;
            fix.occupancyS = Math.min(durationMs, occupancyCapMs) / 1000.0;
        }
        if (previous != null) {
            // Keep one cleanup timer per cat, unless a waiting fix shares its time stamp.
            long previousCleanup = previous.observedAtMs + idleTimeoutMs;
            if (!waiting.contains(previousCleanup)) {
                ctx.timerService().deleteEventTimeTimer(previousCleanup);
            }
        }
        lastAccepted.update(event);
        ctx.timerService().registerEventTimeTimer(event.observedAtMs + idleTimeoutMs);
        out.collect(fix);
    }
}
