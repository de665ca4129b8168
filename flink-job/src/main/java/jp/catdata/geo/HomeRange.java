package jp.catdata.geo;

import java.util.Arrays;

/**
 * Home-range measures of one cat's fixes: centroid, radius of gyration and the area of the minimum
 * convex polygon (MCP, the convex hull of the fixes, also called MCP100).
 *
 * <p>Positions are WGS 84 degrees in two parallel arrays, {@code lats[i]} and {@code lons[i]} being
 * one fix. The methods assume that the fixes do not straddle the antimeridian (±180°), as is the
 * case in Japan and in the study areas of this product. Across it the centroid and the area are
 * wrong.
 */
public final class HomeRange {

    private HomeRange() {}

    /**
     * Computes the centroid {@code {lat, lon}} in degrees as the arithmetic mean of the latitudes
     * and of the longitudes.
     *
     * <p>For the few square kilometres that a cat uses, the mean of the degrees differs from the
     * centroid on the sphere by far less than GPS error. It is not meant for spreads of hundreds of
     * kilometres or for fixes near a pole.
     *
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths, or a
     *     coordinate is not finite
     */
    public static double[] centroid(double[] lats, double[] lons) {
        checkFixes(lats, lons);
        double sumLat = 0;
        double sumLon = 0;
        for (int i = 0; i < lats.length; i++) {
            sumLat += lats[i];
            sumLon += lons[i];
        }
        return new double[] {sumLat / lats.length, sumLon / lats.length};
    }

    /**
     * Computes the radius of gyration in metres: the root mean square of the haversine distances of
     * the fixes from their {@link #centroid(double[], double[]) centroid}.
     *
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths, or a
     *     coordinate is not finite
     */
    public static double radiusOfGyrationM(double[] lats, double[] lons) {
        double[] centre = centroid(lats, lons);
        double sumSquares = 0;
        for (int i = 0; i < lats.length; i++) {
            double d = Haversine.distanceM(centre[0], centre[1], lats[i], lons[i]);
            sumSquares += d * d;
        }
        return Math.sqrt(sumSquares / lats.length);
    }

    /**
     * Computes the area in square metres of the minimum convex polygon of the fixes.
     *
     * <p>The fixes are projected onto a local plane, equirectangular about the centroid (latitude
     * φ0): {@code x = R·Δλ·cos φ0}, {@code y = R·Δφ} with {@code R = }{@link
     * Haversine#EARTH_RADIUS_M} and the differences in radians. The convex hull is found with
     * Andrew's monotone chain and its area with the shoelace formula. Fewer than three distinct
     * fixes give 0, and fixes that all lie on one line give 0 up to rounding (far below 1 m²).
     *
     * <p>Error estimate: the projection keeps north-south scale exactly and east-west scale at φ0.
     * East-west lengths at a fix's latitude φ therefore come out too long by a factor of about
     * {@code 1 + tan φ0 · (φ - φ0)}. For a home range 5 km across at 35°N that is at most about
     * 0.03 % at its north and south edges, and the area is off by no more than that. Against the
     * WGS 84 ellipsoid, the spherical Earth model makes areas about 0.45 % too large at the equator
     * and 0.25 % too small at 46°N, with under 0.01 % near 35°N. These figures come from the
     * product of the ellipsoid's meridian and prime-vertical radii of curvature.
     *
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths, or a
     *     coordinate is not finite
     */
    public static double mcpAreaM2(double[] lats, double[] lons) {
        double[] centre = centroid(lats, lons);
        int n = lats.length;
        if (n < 3) {
            return 0.0;
        }
        double cosLat0 = Math.cos(Math.toRadians(centre[0]));
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = Haversine.EARTH_RADIUS_M * Math.toRadians(lons[i] - centre[1]) * cosLat0;
            double y = Haversine.EARTH_RADIUS_M * Math.toRadians(lats[i] - centre[0]);
            points[i] = new double[] {x, y};
        }
        double[][] hull = convexHull(points);
        return shoelaceArea(hull);
    }

    /**
     * Returns the vertices of the convex hull in counter-clockwise order, without collinear points
     * (Andrew's monotone chain). Fewer than three vertices mean the points span no area.
     */
    private static double[][] convexHull(double[][] points) {
        double[][] sorted = points.clone();
        Arrays.sort(
                sorted,
                (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int n = sorted.length;
        double[][] hull = new double[2 * n][];
        int k = 0;
        // Lower hull, left to right: drop the last vertex while it does not make a left turn.
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        // Upper hull, right to left, on top of the lower hull.
        int lowerSize = k + 1;
        for (int i = n - 2; i >= 0; i--) {
            while (k >= lowerSize && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                k--;
            }
            hull[k++] = sorted[i];
        }
        // The last vertex repeats the first.
        return Arrays.copyOf(hull, Math.max(k - 1, 0));
    }

    /** Returns the z component of (a→b) × (a→c): positive for a left turn at b. */
    private static double cross(double[] a, double[] b, double[] c) {
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    }

    private static double shoelaceArea(double[][] polygon) {
        if (polygon.length < 3) {
            return 0.0;
        }
        double twiceArea = 0;
        for (int i = 0; i < polygon.length; i++) {
            double[] p = polygon[i];
            double[] q = polygon[(i + 1) % polygon.length];
            twiceArea += p[0] * q[1] - q[0] * p[1];
        }
        return Math.abs(twiceArea) / 2;
    }

    private static void checkFixes(double[] lats, double[] lons) {
        if (lats == null || lons == null) {
            throw new IllegalArgumentException("lats and lons must not be null");
        }
        if (lats.length != lons.length) {
            throw new IllegalArgumentException(
                    "lats has "
                            + lats.length
                            + " values but lons has "
                            + lons.length
                            + ": pass one latitude and one longitude per fix");
        }
        if (lats.length == 0) {
            throw new IllegalArgumentException("no fixes: a home range needs at least one fix");
        }
        for (int i = 0; i < lats.length; i++) {
            if (!Double.isFinite(lats[i]) || !Double.isFinite(lons[i])) {
                throw new IllegalArgumentException(
                        "fix "
                                + i
                                + " is ("
                                + lats[i]
                                + ", "
                                + lons[i]
                                + "): expected finite degrees");
            }
        }
    }
}
