package jp.catdata.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HomeRangeTest {

    private static final double R = Haversine.EARTH_RADIUS_M;

    /** Degrees of latitude spanned by {@code metres} along a meridian. */
    private static double northDegrees(double metres) {
        return Math.toDegrees(metres / R);
    }

    /** Degrees of longitude spanned by {@code metres} along the parallel at {@code lat}. */
    private static double eastDegrees(double metres, double lat) {
        return Math.toDegrees(metres / (R * Math.cos(Math.toRadians(lat))));
    }

    /** Corners of a square of side {@code side} metres centred on (lat, lon), sides N-S and E-W. */
    private static double[][] square(double lat, double lon, double side) {
        double dLat = northDegrees(side / 2);
        double dLon = eastDegrees(side / 2, lat);
        return new double[][] {
            {lat - dLat, lat - dLat, lat + dLat, lat + dLat},
            {lon - dLon, lon + dLon, lon + dLon, lon - dLon}
        };
    }

    /** Area on the sphere of the box between two parallels and two meridians. */
    private static double sphericalBoxAreaM2(double south, double north, double west, double east) {
        return R
                * R
                * Math.toRadians(east - west)
                * (Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south)));
    }

    @Test
    void mcpSquareNearEquator() {
        double[][] sq = square(0.5, 30.0, 1_000.0);
        assertThat(HomeRange.mcpAreaM2(sq[0], sq[1])).isCloseTo(1_000_000.0, within(1e-3));
    }

    @Test
    void mcpSquareAt35North() {
        double[][] sq = square(35.0, 139.7, 1_000.0);
        assertThat(HomeRange.mcpAreaM2(sq[0], sq[1])).isCloseTo(1_000_000.0, within(1e-3));
    }

    @Test
    void mcpMatchesSphericalBoxArea() {
        // A 3 km box at 35°N. Its area on the sphere, R²·Δλ·(sin φN − sin φS), differs from the
        // local projection by a factor of about 1 − Δφ²/24 (1e-8 here), so 1e-6 relative is ample.
        double[][] sq = square(35.0, 139.7, 3_000.0);
        double expected = sphericalBoxAreaM2(sq[0][0], sq[0][2], sq[1][0], sq[1][1]);
        assertThat(HomeRange.mcpAreaM2(sq[0], sq[1])).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void mcpRightTriangle() {
        // Legs of 300 m north and 400 m east from (35, 139.7): area 300 * 400 / 2 = 60 000 m².
        // The projection uses the cosine at the centroid, 100 m north of the east leg, so that leg
        // shrinks by about tan(35°) * 100 m / R = 1.1e-5. A tolerance of 5e-5 allows for that.
        double lat0 = 35.0;
        double lon0 = 139.7;
        double[] lats = {lat0, lat0 + northDegrees(300.0), lat0};
        double[] lons = {lon0, lon0, lon0 + eastDegrees(400.0, lat0)};
        assertThat(HomeRange.mcpAreaM2(lats, lons)).isCloseTo(60_000.0, within(60_000.0 * 5e-5));
    }

    @Test
    void mcpInteriorPointsIgnored() {
        // Interior points placed symmetrically keep the centroid, and so the projection, unchanged.
        double lat = 35.0;
        double lon = 139.7;
        double[][] sq = square(lat, lon, 1_000.0);
        double q = northDegrees(250.0);
        double e = eastDegrees(250.0, lat);
        double[] lats = {
            sq[0][0], sq[0][1], sq[0][2], sq[0][3], lat, lat + q, lat - q, lat, lat, lat + q,
            lat - q
        };
        double[] lons = {
            sq[1][0], sq[1][1], sq[1][2], sq[1][3], lon, lon, lon, lon + e, lon - e, lon + e,
            lon - e
        };

        double withInterior = HomeRange.mcpAreaM2(lats, lons);

        assertThat(withInterior).isCloseTo(HomeRange.mcpAreaM2(sq[0], sq[1]), within(1e-6));
        assertThat(withInterior).isCloseTo(1_000_000.0, within(1e-3));
    }

    @Test
    void mcpPointOrderIrrelevant() {
        double[][] sq = square(35.0, 139.7, 1_000.0);
        double[] lats = {sq[0][2], sq[0][0], sq[0][3], sq[0][1]};
        double[] lons = {sq[1][2], sq[1][0], sq[1][3], sq[1][1]};
        assertThat(HomeRange.mcpAreaM2(lats, lons)).isCloseTo(1_000_000.0, within(1e-3));
    }

    @Test
    void mcpCollinearAlongMeridianIsZero() {
        double[] lats = {35.0, 35.001, 35.002, 35.0035};
        double[] lons = {139.7, 139.7, 139.7, 139.7};
        assertThat(HomeRange.mcpAreaM2(lats, lons)).isEqualTo(0.0);
    }

    @Test
    void mcpCollinearDiagonalIsZero() {
        // Equal steps in latitude and longitude stay on one line in the projection; rounding may
        // leave a sliver of far less than 1 mm².
        double[] lats = {35.0, 35.001, 35.002, 35.003};
        double[] lons = {139.7, 139.701, 139.702, 139.703};
        assertThat(HomeRange.mcpAreaM2(lats, lons)).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void mcpFewerThanThreeDistinctIsZero() {
        assertThat(HomeRange.mcpAreaM2(new double[] {35.0}, new double[] {139.7})).isEqualTo(0.0);
        assertThat(HomeRange.mcpAreaM2(new double[] {35.0, 35.001}, new double[] {139.7, 139.7}))
                .isEqualTo(0.0);
        assertThat(
                        HomeRange.mcpAreaM2(
                                new double[] {35.0, 35.0, 35.0, 35.001, 35.001},
                                new double[] {139.7, 139.7, 139.7, 139.702, 139.702}))
                .isEqualTo(0.0);
    }

    @Test
    void centroidIsMeanOfDegrees() {
        double[] c =
                HomeRange.centroid(
                        new double[] {35.0, 36.0, 35.3}, new double[] {139.0, 140.0, 139.3});
        assertThat(c).hasSize(2);
        assertThat(c[0]).isCloseTo((35.0 + 36.0 + 35.3) / 3, within(1e-12));
        assertThat(c[1]).isCloseTo((139.0 + 140.0 + 139.3) / 3, within(1e-12));
    }

    @Test
    void radiusOfGyrationFourSymmetricPoints() {
        // Points 200 m north, south, east and west of the centre are each 200 m from the centroid.
        double lat = 35.0;
        double lon = 139.7;
        double n = northDegrees(200.0);
        double e = eastDegrees(200.0, lat);
        double[] lats = {lat + n, lat - n, lat, lat};
        double[] lons = {lon, lon, lon + e, lon - e};
        assertThat(HomeRange.radiusOfGyrationM(lats, lons)).isCloseTo(200.0, within(1e-3));
    }

    @Test
    void radiusOfGyrationTwoPointsOnMeridian() {
        // Two points 2 * 150 m apart: the centroid lies midway, each is 150 m from it.
        double lat = 35.0;
        double n = northDegrees(150.0);
        double[] lats = {lat - n, lat + n};
        double[] lons = {139.7, 139.7};
        assertThat(HomeRange.radiusOfGyrationM(lats, lons)).isCloseTo(150.0, within(1e-6));
    }

    @Test
    void radiusOfGyrationIsRootMeanSquare() {
        // Distances 100 m (twice, north and south) and 0 m (twice, at the centre): RMS is
        // sqrt((100² + 100² + 0 + 0) / 4) = 70.71 m, whereas the mean distance would be 50 m.
        double lat = 35.0;
        double n = northDegrees(100.0);
        double[] lats = {lat + n, lat - n, lat, lat};
        double[] lons = {139.7, 139.7, 139.7, 139.7};
        assertThat(HomeRange.radiusOfGyrationM(lats, lons))
                .isCloseTo(Math.sqrt(20_000.0 / 4), within(1e-6));
    }

    @Test
    void radiusOfGyrationSinglePointIsZero() {
        assertThat(HomeRange.radiusOfGyrationM(new double[] {35.0}, new double[] {139.7}))
                .isEqualTo(0.0);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(
                        () -> HomeRange.centroid(new double[] {35.0, 35.1}, new double[] {139.7}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lats has 2 values but lons has 1");
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> HomeRange.mcpAreaM2(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fixes");
        assertThatThrownBy(() -> HomeRange.radiusOfGyrationM(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> HomeRange.centroid(null, new double[] {139.7}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonFinite() {
        assertThatThrownBy(
                        () ->
                                HomeRange.mcpAreaM2(
                                        new double[] {35.0, Double.NaN, 35.1},
                                        new double[] {139.7, 139.7, 139.8}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fix 1");
    }
}
