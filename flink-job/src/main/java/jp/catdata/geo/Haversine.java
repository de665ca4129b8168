package jp.catdata.geo;

/**
 * Great-circle distance on a spherical Earth by the haversine formula.
 *
 * <p>The sphere has the IUGG mean radius R1 = (2a + b) / 3 of the WGS 84 ellipsoid. Against the
 * ellipsoid, a spherical distance is off by up to about 0.5 %. Short north-south distances near the
 * equator come out about 0.56 % too long, and east-west distances at 35°N about 0.2 % too short.
 * These are estimates from the WGS 84 meridian and prime-vertical radii of curvature. Over the
 * distances a cat moves, the error is far below the accuracy of a GPS collar fix.
 */
public final class Haversine {

    /** Mean Earth radius in metres (IUGG mean radius R1 of the WGS 84 ellipsoid). */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private Haversine() {}

    /**
     * Computes the great-circle distance in metres between two WGS 84 positions given in degrees.
     */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDeltaLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h =
                sinHalfDeltaPhi * sinHalfDeltaPhi
                        + Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        // Rounding can push h a little above 1 for nearly antipodal points, where asin is
        // undefined.
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
