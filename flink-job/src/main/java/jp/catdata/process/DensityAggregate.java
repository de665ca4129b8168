package jp.catdata.process;

import java.util.HashSet;
import java.util.Set;
import jp.catdata.event.EventSource;
import jp.catdata.geo.Geohash;
import jp.catdata.geo.JisMesh;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Counts fixes, sightings, distinct cats and occupancy of one cell in one window. */
public class DensityAggregate
        implements AggregateFunction<
                TrackedFix, DensityAggregate.Accumulator, DensityAggregate.Accumulator> {

    private static final long serialVersionUID = 1L;

    /** Key separator between municipality code and geohash; neither contains it. */
    private static final char KEY_SEPARATOR = '|';

    /** Running totals of one cell and window. */
    public static class Accumulator {
        public long fixes;
        public long sightings;
        public Set<String> catIds = new HashSet<>();
        public double occupancyS;

        public Accumulator() {}
    }

    /** Returns the density key of a fix: its municipality code and the geohash of its cell. */
    public static String cellKey(TrackedFix fix, int geohashPrecision) {
        return fix.event.municipalityCode
                + KEY_SEPARATOR
                + Geohash.encode(fix.event.lat, fix.event.lon, geohashPrecision);
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    @Override
    public Accumulator add(TrackedFix fix, Accumulator acc) {
        if (fix.event.source == EventSource.GPS_COLLAR) {
            acc.fixes++;
        } else {
            acc.sightings++;
        }
        if (fix.event.catId != null) {
            acc.catIds.add(fix.event.catId);
        }
        acc.occupancyS += fix.occupancyS;
        return acc;
    }

    @Override
    public Accumulator getResult(Accumulator acc) {
        return acc;
    }

    @Override
    public Accumulator merge(Accumulator a, Accumulator b) {
        a.fixes += b.fixes;
        a.sightings += b.sightings;
        a.catIds.addAll(b.catIds);
        a.occupancyS += b.occupancyS;
        return a;
    }

    /** Turns the totals of a window into a {@link CellDensity} row. */
    public static class ToRow
            extends ProcessWindowFunction<Accumulator, CellDensity, String, TimeWindow> {

        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String key, Context ctx, Iterable<Accumulator> totals, Collector<CellDensity> out) {
            Accumulator acc = totals.iterator().next();
            int separator = key.indexOf(KEY_SEPARATOR);
            CellDensity row = new CellDensity();
            row.municipalityCode = key.substring(0, separator);
            row.cellId = key.substring(separator + 1);
            row.geohashPrecision = row.cellId.length();
            double[] centre = Geohash.centre(row.cellId);
            row.cellCentreLat = centre[0];
            row.cellCentreLon = centre[1];
            row.meshCode1km = JisMesh.thirdLevel(centre[0], centre[1]);
            row.meshCode250m = JisMesh.quarter(centre[0], centre[1]);
            row.windowStartMs = ctx.window().getStart();
            row.windowEndMs = ctx.window().getEnd();
            row.fixes = acc.fixes;
            row.sightings = acc.sightings;
            row.distinctCats = acc.catIds.size();
            row.occupancyCatMinutes = acc.occupancyS / 60.0;
            out.collect(row);
        }
    }
}
