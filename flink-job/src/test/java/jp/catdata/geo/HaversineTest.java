package jp.catdata.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HaversineTest {

    private static final double R = Haversine.EARTH_RADIUS_M;

    @Test
    void oneDegreeOfLatitude() {
        // Along a meridian the great-circle distance is R times the latitude difference in radians.
        assertThat(Haversine.distanceM(35.0, 139.0, 36.0, 139.0))
                .isCloseTo(R * Math.PI / 180, within(1e-6));
    }

    @Test
    void oneDegreeOfLongitudeOnEquator() {
        assertThat(Haversine.distanceM(0.0, 139.0, 0.0, 140.0))
                .isCloseTo(R * Math.PI / 180, within(1e-6));
    }

    @Test
    void equatorToPole() {
        assertThat(Haversine.distanceM(0.0, 10.0, 90.0, 10.0))
                .isCloseTo(R * Math.PI / 2, within(1e-6));
    }

    @Test
    void antipodesHalfCircumference() {
        // Rounding can put the haversine of antipodes a little above 1, where asin returns NaN.
        assertThat(Haversine.distanceM(0.0, 0.0, 0.0, 180.0)).isCloseTo(R * Math.PI, within(1e-6));
        assertThat(Haversine.distanceM(35.6812, 139.7671, -35.6812, -40.2329))
                .isCloseTo(R * Math.PI, within(1e-3));
    }

    @Test
    void nashvilleToLosAngeles() {
        // Rosetta Code "Haversine formula": BNA (36.12, -86.67) to LAX (33.94, -118.40) is
        // 2886.44444283798 km on a sphere of radius 6371.0 km. The distance is proportional to the
        // radius, so scale it to ours. Both sides are exact formulas evaluated in double, so 1 mm
        // on 2886 km leaves room for rounding (about 1e-12 relative) and nothing else.
        double expectedM = 2_886_444.44283798 * (R / 6_371_000.0);
        assertThat(Haversine.distanceM(36.12, -86.67, 33.94, -118.40))
                .isCloseTo(expectedM, within(1e-3));
    }

    @Test
    void symmetric() {
        double ab = Haversine.distanceM(35.6812, 139.7671, 34.7025, 135.4959);
        double ba = Haversine.distanceM(34.7025, 135.4959, 35.6812, 139.7671);
        assertThat(ab).isCloseTo(ba, within(1e-9));
        assertThat(ab).isGreaterThan(0.0);
    }

    @Test
    void samePointIsZero() {
        assertThat(Haversine.distanceM(35.6812, 139.7671, 35.6812, 139.7671)).isEqualTo(0.0);
    }

    @Test
    void shortDistanceAcrossAntimeridian() {
        // 0.002 degrees of longitude on the equator, not 359.998.
        assertThat(Haversine.distanceM(0.0, 179.999, 0.0, -179.999))
                .isCloseTo(R * Math.toRadians(0.002), within(1e-6));
    }
}
