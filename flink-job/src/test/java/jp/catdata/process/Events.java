package jp.catdata.process;

import java.time.Instant;
import jp.catdata.event.EventSource;
import jp.catdata.event.PositionEvent;

/** Builders of position events and positions for the tests of the processing stages. */
final class Events {

    /** Mean Earth radius in metres (IUGG R1), the radius the job's haversine uses. */
    static final double EARTH_RADIUS_M = 6_371_008.8;

    /** Taito City, Tokyo (JIS X 0402 code 13106, check digit 7). */
    static final String TAITO = "131067";

    /** Start of 2026-06-01 UTC, the origin of the tests' time stamps. */
    static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    /** Ueno Park, Taito City, in WGS 84 degrees. */
    static final double BASE_LAT = 35.7126;

    static final double BASE_LON = 139.7800;

    private Events() {}

    static long minutes(double minutes) {
        return Math.round(minutes * 60_000);
    }

    static long seconds(long seconds) {
        return seconds * 1_000;
    }

    /** Returns a GPS collar fix of a cat. */
    static PositionEvent fix(String eventId, String catId, long observedAtMs, double[] latLon) {
        PositionEvent event = new PositionEvent();
        event.eventId = eventId;
        event.catId = catId;
        event.municipalityCode = TAITO;
        event.observedAtMs = observedAtMs;
        event.lat = latLon[0];
        event.lon = latLon[1];
        event.source = EventSource.GPS_COLLAR;
        event.origin = "test:" + eventId;
        return event;
    }

    /** Returns a sighting of a cat whose identity the observer did not know. */
    static PositionEvent anonymousSighting(String eventId, long observedAtMs, double[] latLon) {
        PositionEvent event = fix(eventId, null, observedAtMs, latLon);
        event.source = EventSource.SIGHTING;
        return event;
    }

    static double[] base() {
        return new double[] {BASE_LAT, BASE_LON};
    }

    /**
     * Returns the position {@code northM} metres north and {@code eastM} metres east of {@code
     * from}, on a sphere of radius {@link #EARTH_RADIUS_M}. East is measured along the parallel of
     * {@code from}.
     */
    static double[] offset(double[] from, double northM, double eastM) {
        double lat = from[0] + Math.toDegrees(northM / EARTH_RADIUS_M);
        double lon =
                from[1]
                        + Math.toDegrees(
                                eastM / (EARTH_RADIUS_M * Math.cos(Math.toRadians(from[0]))));
        return new double[] {lat, lon};
    }

    /**
     * Computes the great-circle distance in metres in the atan2 form of the haversine formula, as
     * an implementation separate from the job's.
     */
    static double greatCircleM(double[] a, double[] b) {
        double phi1 = Math.toRadians(a[0]);
        double phi2 = Math.toRadians(b[0]);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(b[1] - a[1]);
        double h =
                Math.pow(Math.sin(dPhi / 2), 2)
                        + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    }

    static double[] position(PositionEvent event) {
        return new double[] {event.lat, event.lon};
    }
}
