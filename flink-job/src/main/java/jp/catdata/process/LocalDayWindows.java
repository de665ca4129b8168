package jp.catdata.process;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows of one local calendar day in a time zone.
 *
 * <p>A day runs from local midnight to the next local midnight, so in zones with daylight saving
 * time a window lasts 23 or 25 hours on the change-over days. Flink's {@code
 * TumblingEventTimeWindows} with an offset cannot express that.
 */
public class LocalDayWindows extends WindowAssigner<Object, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final String timeZone;
    private transient ZoneId zone;

    private LocalDayWindows(ZoneId timeZone) {
        this.timeZone = timeZone.getId();
    }

    public static LocalDayWindows of(ZoneId timeZone) {
        return new LocalDayWindows(timeZone);
    }

    /** Returns the local day window that contains an instant. */
    public static TimeWindow windowOf(long epochMs, ZoneId zone) {
        LocalDate date = Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
        long start = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new TimeWindow(start, end);
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        if (zone == null) {
            zone = ZoneId.of(timeZone);
        }
        return Collections.singletonList(windowOf(timestamp, zone));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger(StreamExecutionEnvironment env) {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "LocalDayWindows(" + timeZone + ")";
    }
}
