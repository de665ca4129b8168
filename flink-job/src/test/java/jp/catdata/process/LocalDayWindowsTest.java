package jp.catdata.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class LocalDayWindowsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static long hours(TimeWindow window) {
        return Duration.ofMillis(window.getEnd() - window.getStart()).toHours();
    }

    @Test
    void londonAutumnDayLasts25Hours() {
        // 2017-10-29: BST (UTC+1) ends at 02:00 local, so the day starts 2017-10-28T23:00Z and
        // ends at midnight GMT, 2017-10-30T00:00Z.
        TimeWindow window = LocalDayWindows.windowOf(ms("2017-10-29T12:00:00Z"), LONDON);
        assertThat(window.getStart()).isEqualTo(ms("2017-10-28T23:00:00Z"));
        assertThat(window.getEnd()).isEqualTo(ms("2017-10-30T00:00:00Z"));
        assertThat(hours(window)).isEqualTo(25);
    }

    @Test
    void londonSpringDayLasts23Hours() {
        // 2017-03-26: BST starts at 01:00 GMT, so the day runs from 00:00Z to 23:00Z.
        TimeWindow window = LocalDayWindows.windowOf(ms("2017-03-26T12:00:00Z"), LONDON);
        assertThat(window.getStart()).isEqualTo(ms("2017-03-26T00:00:00Z"));
        assertThat(window.getEnd()).isEqualTo(ms("2017-03-26T23:00:00Z"));
        assertThat(hours(window)).isEqualTo(23);
    }

    @Test
    void londonHourAfterChangeInSameDay() {
        // 00:30Z on 2017-10-29 is 01:30 BST, the first of the two local 01:30s: still that day.
        TimeWindow window = LocalDayWindows.windowOf(ms("2017-10-29T00:30:00Z"), LONDON);
        assertThat(window.getStart()).isEqualTo(ms("2017-10-28T23:00:00Z"));
        // 23:30Z on 2017-10-29 is 23:30 GMT, the day's last half hour.
        TimeWindow late = LocalDayWindows.windowOf(ms("2017-10-29T23:30:00Z"), LONDON);
        assertThat(late.getStart()).isEqualTo(ms("2017-10-28T23:00:00Z"));
    }

    @Test
    void daySkippingMidnightStartsAtOne() {
        // Brazil started daylight saving time on 2018-11-04 at 00:00 (UTC-3 to UTC-2), so that
        // day began at 01:00 local, 03:00Z, and ended at midnight UTC-2, 2018-11-05T02:00Z.
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        TimeWindow window = LocalDayWindows.windowOf(ms("2018-11-04T12:00:00Z"), saoPaulo);
        assertThat(window.getStart()).isEqualTo(ms("2018-11-04T03:00:00Z"));
        assertThat(window.getEnd()).isEqualTo(ms("2018-11-05T02:00:00Z"));
        assertThat(hours(window)).isEqualTo(23);
        TimeWindow dayBefore = LocalDayWindows.windowOf(ms("2018-11-04T02:59:59.999Z"), saoPaulo);
        assertThat(dayBefore.getEnd()).isEqualTo(window.getStart());
    }

    @Test
    void tokyoDayStartsPreviousDay15Utc() {
        // Japan keeps UTC+9 all year: 2026-06-01 local runs from 2026-05-31T15:00Z.
        TimeWindow window = LocalDayWindows.windowOf(ms("2026-05-31T20:00:00Z"), TOKYO);
        assertThat(window.getStart()).isEqualTo(ms("2026-05-31T15:00:00Z"));
        assertThat(window.getEnd()).isEqualTo(ms("2026-06-01T15:00:00Z"));
        assertThat(hours(window)).isEqualTo(24);
    }

    @Test
    void instantAtLocalMidnightStartsDay() {
        long midnight = ms("2026-05-31T15:00:00Z");
        TimeWindow window = LocalDayWindows.windowOf(midnight, TOKYO);
        assertThat(window.getStart()).isEqualTo(midnight);
        assertThat(window.getEnd()).isEqualTo(ms("2026-06-01T15:00:00Z"));

        TimeWindow before = LocalDayWindows.windowOf(midnight - 1, TOKYO);
        assertThat(before.getStart()).isEqualTo(ms("2026-05-30T15:00:00Z"));
        assertThat(before.getEnd()).isEqualTo(midnight);
        // The last millisecond of the earlier day is the window's max timestamp.
        assertThat(before.maxTimestamp()).isEqualTo(midnight - 1);
    }

    @Test
    void assignerUsesZoneAndEventTime() {
        LocalDayWindows assigner = LocalDayWindows.of(LONDON);
        Collection<TimeWindow> windows =
                assigner.assignWindows("fix", ms("2017-10-29T12:00:00Z"), null);
        assertThat(windows)
                .containsExactly(
                        new TimeWindow(ms("2017-10-28T23:00:00Z"), ms("2017-10-30T00:00:00Z")));
        assertThat(assigner.isEventTime()).isTrue();
        assertThat(assigner.getDefaultTrigger(StreamExecutionEnvironment.getExecutionEnvironment()))
                .isInstanceOf(EventTimeTrigger.class);
        assertThat(assigner).hasToString("LocalDayWindows(Europe/London)");
    }

    @Test
    void assignerWorksAfterSerialization() throws Exception {
        // The zone is transient: a deserialized copy must rebuild it from the zone id.
        LocalDayWindows copy =
                InstantiationUtil.clone(
                        LocalDayWindows.of(TOKYO), LocalDayWindowsTest.class.getClassLoader());
        assertThat(copy.assignWindows("fix", ms("2026-05-31T20:00:00Z"), null))
                .containsExactly(
                        new TimeWindow(ms("2026-05-31T15:00:00Z"), ms("2026-06-01T15:00:00Z")));
    }
}
