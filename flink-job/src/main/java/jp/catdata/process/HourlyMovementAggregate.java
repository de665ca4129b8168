package jp.catdata.process;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Sums one cat's fixes, distance and top speed over a tumbling window. */
public class HourlyMovementAggregate
        implements AggregateFunction<
                TrackedFix,
                HourlyMovementAggregate.Accumulator,
                HourlyMovementAggregate.Accumulator> {

    private static final long serialVersionUID = 1L;

    /** Running totals of one cat and window. */
    public static class Accumulator {
        public String catId;
        public long fixes;
        public double distanceM;
        public Double maxSpeedMps;
        public double latSum;
        public double lonSum;
        public long lastFixAtMs = Long.MIN_VALUE;
        public String lastMunicipalityCode;

        public Accumulator() {}
    }

    @Override
    public Accumulator createAccumulator() {
        return new Accumulator();
    }

    @Override
    public Accumulator add(TrackedFix fix, Accumulator acc) {
        acc.catId = fix.event.catId;
        acc.fixes++;
        acc.latSum += fix.event.lat;
        acc.lonSum += fix.event.lon;
        if (fix.segmentDistanceM != null) {
            acc.distanceM += fix.segmentDistanceM;
        }
        if (fix.speedMps != null && (acc.maxSpeedMps == null || fix.speedMps > acc.maxSpeedMps)) {
            acc.maxSpeedMps = fix.speedMps;
        }
        if (fix.event.observedAtMs >= acc.lastFixAtMs) {
            acc.lastFixAtMs = fix.event.observedAtMs;
            acc.lastMunicipalityCode = fix.event.municipalityCode;
        }
        return acc;
    }

    @Override
    public Accumulator getResult(Accumulator acc) {
        return acc;
    }

    @Override
    public Accumulator merge(Accumulator a, Accumulator b) {
        a.fixes += b.fixes;
        a.distanceM += b.distanceM;
        a.latSum += b.latSum;
        a.lonSum += b.lonSum;
        if (b.maxSpeedMps != null && (a.maxSpeedMps == null || b.maxSpeedMps > a.maxSpeedMps)) {
            a.maxSpeedMps = b.maxSpeedMps;
        }
        if (b.lastFixAtMs >= a.lastFixAtMs) {
            a.lastFixAtMs = b.lastFixAtMs;
            a.lastMunicipalityCode = b.lastMunicipalityCode;
            a.catId = b.catId;
        }
        return a;
    }

    /** Turns the totals of a window into a {@link CatMovementHourly} row. */
    public static class ToRow
            extends ProcessWindowFunction<Accumulator, CatMovementHourly, String, TimeWindow> {

        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String key,
                Context ctx,
                Iterable<Accumulator> totals,
                Collector<CatMovementHourly> out) {
            Accumulator acc = totals.iterator().next();
            CatMovementHourly row = new CatMovementHourly();
            row.catId = acc.catId;
            row.municipalityCode = acc.lastMunicipalityCode;
            row.windowStartMs = ctx.window().getStart();
            row.windowEndMs = ctx.window().getEnd();
            row.fixes = acc.fixes;
            row.distanceM = acc.distanceM;
            row.maxSpeedMps = acc.maxSpeedMps;
            row.centroidLat = acc.latSum / acc.fixes;
            row.centroidLon = acc.lonSum / acc.fixes;
            out.collect(row);
        }
    }
}
