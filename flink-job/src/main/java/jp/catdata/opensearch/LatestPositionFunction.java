package jp.catdata.opensearch;

import jp.catdata.process.TrackedFix;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.Configuration;

/**
 * Turns each accepted fix of a cat into that cat's latest position, with the running home-range
 * centroid.
 *
 * <p>Keyed by cat id. The fixes arrive in event-time order per cat, because the order-and-clean
 * stage emits them so, which makes the running sums the same on every run. The centroid is the
 * arithmetic mean of latitude and longitude, which is close to the geodesic centroid for a home
 * range of a few kilometres away from the antimeridian.
 *
 * <p>NOTE: the sums cover every fix since the job first saw the cat and are never cleared, so the
 * centroid follows a cat that moves home only slowly, and the state grows with the number of cats.
 */
public class LatestPositionFunction extends RichMapFunction<TrackedFix, LatestPosition> {

    private static final long serialVersionUID = 1L;

    /** {fixes, sum of latitudes, sum of longitudes}. */
    private transient ValueState<double[]> sums;

    @Override
    public void open(Configuration parameters) {
        sums =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "home-range-sums",
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public LatestPosition map(TrackedFix fix) throws Exception {
        double[] totals = sums.value();
        if (totals == null) {
            totals = new double[3];
        }
        totals[0] += 1;
        totals[1] += fix.event.lat;
        totals[2] += fix.event.lon;
        sums.update(totals);

        LatestPosition latest = new LatestPosition();
        latest.catId = fix.event.catId;
        latest.eventId = fix.event.eventId;
        latest.municipalityCode = fix.event.municipalityCode;
        latest.observedAtMs = fix.event.observedAtMs;
        latest.lat = fix.event.lat;
        latest.lon = fix.event.lon;
        latest.speedMps = fix.speedMps;
        latest.homeRangeFixes = (long) totals[0];
        latest.homeRangeCentroidLat = totals[1] / totals[0];
        latest.homeRangeCentroidLon = totals[2] / totals[0];
        return latest;
    }
}
