package jp.catdata.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeohashTest {

    /** Bits of the worked example "ezs42" in the Wikipedia article on geohash. */
    private static final String EZS42_LAT_BITS = "101111001001";

    private static final String EZS42_LON_BITS = "0111110000000";

    @Test
    void encodeWikipediaShortExample() {
        // Wikipedia, "Geohash": 42.6, -5.6 is ezs42.
        assertThat(Geohash.encode(42.6, -5.6, 5)).isEqualTo("ezs42");
    }

    @Test
    void encodeWikipediaLongExample() {
        // Wikipedia, "Geohash": 57.64911, 10.40744 (tip of Jutland) is u4pruydqqvj.
        assertThat(Geohash.encode(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
    }

    @Test
    void boundsFromPublishedBits() {
        // Each bit string is an index of one of 2^n equal intervals of [-90, 90] or [-180, 180].
        int latIndex = Integer.parseInt(EZS42_LAT_BITS, 2);
        int lonIndex = Integer.parseInt(EZS42_LON_BITS, 2);
        double latCell = 180.0 / (1 << EZS42_LAT_BITS.length());
        double lonCell = 360.0 / (1 << EZS42_LON_BITS.length());

        double[] b = Geohash.bounds("ezs42");

        assertThat(b).hasSize(4);
        assertThat(b[0]).isCloseTo(-90.0 + latIndex * latCell, within(1e-12));
        assertThat(b[1]).isCloseTo(-180.0 + lonIndex * lonCell, within(1e-12));
        assertThat(b[2]).isCloseTo(-90.0 + (latIndex + 1) * latCell, within(1e-12));
        assertThat(b[3]).isCloseTo(-180.0 + (lonIndex + 1) * lonCell, within(1e-12));
    }

    @Test
    void centreDcodeExample() {
        // dCode, "Geohash": dc0de decodes to +6.08642578125, -55.39306640625.
        double[] c = Geohash.centre("dc0de");
        assertThat(c).hasSize(2);
        assertThat(c[0]).isCloseTo(6.08642578125, within(1e-12));
        assertThat(c[1]).isCloseTo(-55.39306640625, within(1e-12));
    }

    @Test
    void centreIsMiddleOfBounds() {
        double[] b = Geohash.bounds("xn76urx");
        double[] c = Geohash.centre("xn76urx");
        assertThat(c[0]).isEqualTo((b[0] + b[2]) / 2);
        assertThat(c[1]).isEqualTo((b[1] + b[3]) / 2);
    }

    @ParameterizedTest
    @CsvSource({
        "42.6, -5.6",
        "57.64911, 10.40744",
        "35.6812, 139.7671",
        "-33.8568, 151.2153",
        "0.0, 0.0",
        "90.0, 180.0",
        "-90.0, -180.0",
        "51.5007, -0.1246"
    })
    void boundsContainPoint(double lat, double lon) {
        for (int precision = 1; precision <= 12; precision++) {
            double[] b = Geohash.bounds(Geohash.encode(lat, lon, precision));
            assertThat(lat).as("latitude at precision %d", precision).isBetween(b[0], b[2]);
            assertThat(lon).as("longitude at precision %d", precision).isBetween(b[1], b[3]);
        }
    }

    @Test
    void twoMoreCharactersShrinkSides32Fold() {
        // Two characters add ten bits, five for each axis, so each side is halved five times.
        double[] b5 = Geohash.bounds("xn76u");
        double[] b7 = Geohash.bounds("xn76urx");
        assertThat((b5[2] - b5[0]) / (b7[2] - b7[0])).isCloseTo(32.0, within(1e-9));
        assertThat((b5[3] - b5[1]) / (b7[3] - b7[1])).isCloseTo(32.0, within(1e-9));
    }

    @Test
    void longerHashExtendsShorter() {
        String full = Geohash.encode(35.6812, 139.7671, 12);
        for (int precision = 1; precision < 12; precision++) {
            assertThat(full).startsWith(Geohash.encode(35.6812, 139.7671, precision));
        }
    }

    @Test
    void eastNeighbourDiffers() {
        double[] b = Geohash.bounds("ezs42");
        double midLat = (b[0] + b[2]) / 2;

        String east = Geohash.encode(midLat, b[3], 5);

        assertThat(east).isNotEqualTo("ezs42");
        assertThat(Geohash.bounds(east)[1]).isEqualTo(b[3]);
        assertThat(Geohash.bounds(east)[0]).isEqualTo(b[0]);
    }

    @Test
    void northNeighbourDiffers() {
        double[] b = Geohash.bounds("ezs42");
        double midLon = (b[1] + b[3]) / 2;

        String north = Geohash.encode(b[2], midLon, 5);

        assertThat(north).isNotEqualTo("ezs42");
        assertThat(Geohash.bounds(north)[0]).isEqualTo(b[2]);
        assertThat(Geohash.bounds(north)[1]).isEqualTo(b[1]);
    }

    @Test
    void southWestCornerBelongsToCell() {
        double[] b = Geohash.bounds("ezs42");
        assertThat(Geohash.encode(b[0], b[1], 5)).isEqualTo("ezs42");
    }

    @Test
    void upperCaseDecodesAsLowerCase() {
        assertThat(Geohash.bounds("EZS42")).containsExactly(Geohash.bounds("ezs42"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 13})
    void encodeRejectsPrecision(int precision) {
        assertThatThrownBy(() -> Geohash.encode(35.0, 139.0, precision))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("precision " + precision);
    }

    @ParameterizedTest
    @CsvSource({
        "90.5, 0.0",
        "-91.0, 0.0",
        "0.0, 180.5",
        "0.0, -181.0",
        "NaN, 0.0",
        "0.0, Infinity"
    })
    void encodeRejectsCoordinate(double lat, double lon) {
        assertThatThrownBy(() -> Geohash.encode(lat, lon, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected WGS 84 degrees");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezs4a", "ezi42", "l", "ezo42", "ez-42", "ezs 4"})
    void boundsRejectsCharacter(String geohash) {
        assertThatThrownBy(() -> Geohash.bounds(geohash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + geohash + "'")
                .hasMessageContaining("not in the geohash alphabet");
    }

    @Test
    void boundsNamesBadCharacterAndIndex() {
        assertThatThrownBy(() -> Geohash.bounds("ezs4a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 'a' at index 4");
    }

    @Test
    void boundsRejectsEmptyNullAndLong() {
        assertThatThrownBy(() -> Geohash.bounds("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geohash.bounds(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Geohash.bounds("0123456789bcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 12 characters");
    }
}
