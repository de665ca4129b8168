package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs night_share on one cat and one local day in Japan (UTC+9) with a window in every local hour:
 * hour h has h + 1 fixes, so each night's fix count is the sum of its hours plus one.
 */
class NightShareTest {

    @TempDir static Path warehouse;

    private static final String PARTITION = "municipality_code=131067/dt=2024-05-01";

    @BeforeAll
    static void writeWarehouse() throws Exception {
        // 2024-05-01 00:00 in Asia/Tokyo is 2024-04-30 15:00 UTC.
        Map<String, Object> day = new HashMap<>();
        day.put("cat_id", "c1");
        day.put("window_start", "2024-04-30 15:00:00+00");
        day.put("window_end", "2024-05-01 15:00:00+00");
        SyntheticWarehouse.write(warehouse, "cat_movement_daily", PARTITION, List.of(day));

        List<Map<String, Object>> hours = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            Map<String, Object> row = new HashMap<>();
            row.put("cat_id", "c1");
            row.put("window_start", utcWindowStart(hour));
            row.put("fixes", (long) hour + 1);
            row.put("distance_m", 10.0);
            hours.add(row);
        }
        SyntheticWarehouse.write(warehouse, "cat_movement_hourly", PARTITION, hours);
    }

    /** Returns the UTC start of the window at a local hour of 2024-05-01 in Asia/Tokyo. */
    private static String utcWindowStart(int localHour) {
        int utcHour = (localHour + 15) % 24;
        String utcDay = localHour < 9 ? "2024-04-30" : "2024-05-01";
        return String.format("%s %02d:00:00+00", utcDay, utcHour);
    }

    private static long nightFixes(long start, long end) throws Exception {
        try (LocalWarehouse local = LocalWarehouse.open(warehouse, TestPaths.sqlDir())) {
            QueryResult r =
                    local.query(
                            SqlFile.read(TestPaths.queries().resolve("night_share.sql")),
                            Map.of(
                                    "municipality_code", "131067",
                                    "from_date", "2024-05-01",
                                    "to_date", "2024-05-01",
                                    "night_start_hour", String.valueOf(start),
                                    "night_end_hour", String.valueOf(end)));
            assertThat(r.rows()).hasSize(1);
            assertThat(((Number) r.rows().get(0).get(r.column("fixes"))).longValue())
                    .as("1 + 2 + ... + 24 fixes in the day")
                    .isEqualTo(300);
            return ((Number) r.rows().get(0).get(r.column("night_fixes"))).longValue();
        }
    }

    @Test
    void nightWrappingMidnight() throws Exception {
        // Hours 18 to 23 (19 + ... + 24 = 129) and 0 to 5 (1 + ... + 6 = 21).
        assertThat(nightFixes(18, 6)).isEqualTo(150);
    }

    @Test
    void nightWithinOneDay() throws Exception {
        // Hours 6 to 17: 7 + ... + 18.
        assertThat(nightFixes(6, 18)).isEqualTo(150);
        // Hours 0 to 4: 1 + ... + 5.
        assertThat(nightFixes(0, 5)).isEqualTo(15);
    }

    @Test
    void nightEndingAtMidnight() throws Exception {
        // Hours 22 and 23: 23 + 24.
        assertThat(nightFixes(22, 0)).isEqualTo(47);
    }

    @Test
    void equalHoursEmptyNight() throws Exception {
        assertThat(nightFixes(5, 5)).isZero();
    }
}
