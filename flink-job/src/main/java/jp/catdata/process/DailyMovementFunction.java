package jp.catdata.process;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import jp.catdata.geo.HomeRange;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Computes one cat's daily movement and home range from all its fixes of a local day.
 *
 * <p>The window keeps every fix of the day in state, because the minimum convex polygon needs them
 * all; at one fix a minute that is 1,440 fixes per cat and day.
 */
public class DailyMovementFunction
        extends ProcessWindowFunction<TrackedFix, CatMovementDaily, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final String timeZone;

    public DailyMovementFunction(ZoneId timeZone) {
        this.timeZone = timeZone.getId();
    }

    @Override
    public void process(
            String key, Context ctx, Iterable<TrackedFix> fixes, Collector<CatMovementDaily> out) {
        List<TrackedFix> day = new ArrayList<>();
        fixes.forEach(day::add);
        int n = day.size();
        double[] lats = new double[n];
        double[] lons = new double[n];
        CatMovementDaily row = new CatMovementDaily();
        row.firstFixAtMs = Long.MAX_VALUE;
        row.lastFixAtMs = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            TrackedFix fix = day.get(i);
            lats[i] = fix.event.lat;
            lons[i] = fix.event.lon;
            if (fix.segmentDistanceM != null) {
                row.distanceM += fix.segmentDistanceM;
            }
            row.firstFixAtMs = Math.min(row.firstFixAtMs, fix.event.observedAtMs);
            if (fix.event.observedAtMs >= row.lastFixAtMs) {
                row.lastFixAtMs = fix.event.observedAtMs;
                row.municipalityCode = fix.event.municipalityCode;
                row.catId = fix.event.catId;
            }
        }
        row.fixes = n;
        row.windowStartMs = ctx.window().getStart();
        row.windowEndMs = ctx.window().getEnd();
        row.localDateEpochDay =
                (int)
                        Instant.ofEpochMilli(row.windowStartMs)
                                .atZone(ZoneId.of(timeZone))
                                .toLocalDate()
                                .toEpochDay();
        double[] centroid = HomeRange.centroid(lats, lons);
        row.centroidLat = centroid[0];
        row.centroidLon = centroid[1];
        row.mcpAreaM2 = HomeRange.mcpAreaM2(lats, lons);
        row.radiusOfGyrationM = HomeRange.radiusOfGyrationM(lats, lons);
        out.collect(row);
    }
}
