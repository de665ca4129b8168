package jp.catdata.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JisMeshTest {

    /** South-west corner of mesh 53394611 (Tokyo Station): 35°40'30"N 139°45'45"E. */
    private static final double MESH_53394611_SOUTH = 35.0 + 40.0 / 60 + 30.0 / 3600;

    private static final double MESH_53394611_WEST = 139.0 + 45.0 / 60 + 45.0 / 3600;

    @Test
    void tokyoStation() {
        // 53394611 is the mesh of Tokyo Station at 35.6812, 139.7671. By hand: 35.6812 * 1.5 =
        // 53.52 (p = 53, from 35°20'), 20.87' / 5' gives q = 4, 0.87' = 52" / 30" gives r = 1;
        // 139.7671 gives u = 39, 46.03' / 7.5' gives v = 6, 1.03' = 62" / 45" gives w = 1.
        assertThat(JisMesh.thirdLevel(35.6812, 139.7671)).isEqualTo("53394611");
    }

    @Test
    void tokyoTowerPublished() {
        // Test data of the jismesh Python package: Tokyo Tower, 35.658581, 139.745433.
        assertThat(JisMesh.thirdLevel(35.658581, 139.745433)).isEqualTo("53393599");
        assertThat(JisMesh.quarter(35.658581, 139.745433)).isEqualTo("5339359921");
    }

    @Test
    void kyotoTowerPublished() {
        // Test data of the jismesh Python package: Kyoto Tower, 34.987574, 135.759363.
        assertThat(JisMesh.thirdLevel(34.987574, 135.759363)).isEqualTo("52353680");
        assertThat(JisMesh.quarter(34.987574, 135.759363)).isEqualTo("5235368041");
    }

    @Test
    void cornerOnInexactDecimalEdge() {
        // 35.675 and 139.7625 are the exact edges 35°40'30" and 139°45'45", but neither is exact
        // in binary, and naive scaling lands just below the edge (in mesh 53394600).
        assertThat(JisMesh.thirdLevel(35.675, 139.7625)).isEqualTo("53394611");
        assertThat(JisMesh.quarter(35.675, 139.7625)).isEqualTo("5339461111");
        assertThat(JisMesh.thirdLevel(MESH_53394611_SOUTH, MESH_53394611_WEST))
                .isEqualTo("53394611");
    }

    @Test
    void justSouthWestOfCorner() {
        // 1e-6 degrees is about 0.1 m, far beyond the edge tolerance.
        assertThat(JisMesh.thirdLevel(35.675 - 1e-6, 139.7625 - 1e-6)).isEqualTo("53394600");
    }

    @Test
    void firstLevelEdge() {
        // 36°N is 54 * 40', the south edge of first-level row 54; 140°E starts column 40.
        assertThat(JisMesh.thirdLevel(36.0, 140.0)).isEqualTo("54400000");
        // Just south: p = 53, q = 7 (35°55'), r = 9 (35°59'30").
        assertThat(JisMesh.thirdLevel(35.999999, 140.0)).isEqualTo("53407090");
    }

    @Test
    void everyThirdLevelEdgeInFirstLevelMesh5339() {
        // Each edge is the nearest double to its exact value, as a decimal input would be. A point
        // on an edge belongs to the mesh to its north (or east).
        double midLon = 139.0 + 20.0 / 3600;
        double midLat = 35.0 + 20.0 / 60 + 10.0 / 3600;
        for (int row = 0; row < 80; row++) {
            double lat = (53 * 2400 + row * 30) / 3600.0;
            String expected = "5339" + row / 10 + "0" + row % 10 + "0";
            assertThat(JisMesh.thirdLevel(lat, midLon)).as("row %d", row).isEqualTo(expected);
        }
        for (int column = 0; column < 80; column++) {
            double lon = (139 * 3600 + column * 45) / 3600.0;
            String expected = "53390" + column / 10 + "0" + column % 10;
            assertThat(JisMesh.thirdLevel(midLat, lon)).as("column %d", column).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({
        // Offsets in arc-seconds from the south-west corner of 53394611 (30" by 45"). The half
        // mesh is 15" by 22.5" and the quarter 7.5" by 11.25"; digits 1 SW, 2 SE, 3 NW, 4 NE.
        "3.75, 5.625, 5339461111",
        "3.75, 16.875, 5339461112",
        "11.25, 5.625, 5339461113",
        "11.25, 16.875, 5339461114",
        "11.25, 28.125, 5339461123",
        "18.75, 5.625, 5339461131",
        "26.25, 39.375, 5339461144",
        // The centre of the third-level mesh is the south-west corner of its north-east half.
        "15.0, 22.5, 5339461141",
        // Quarter edge inside the south-west half.
        "7.5, 11.25, 5339461114"
    })
    void quarterDigits(double northSeconds, double eastSeconds, String expected) {
        double lat = MESH_53394611_SOUTH + northSeconds / 3600;
        double lon = MESH_53394611_WEST + eastSeconds / 3600;
        assertThat(JisMesh.quarter(lat, lon)).isEqualTo(expected);
        assertThat(JisMesh.thirdLevel(lat, lon)).isEqualTo("53394611");
    }

    @Test
    void meshAreaSouthWestCorner() {
        // 20 * 1.5 = 30 and 122 - 100 = 22.
        assertThat(JisMesh.inMeshArea(20.0, 122.0)).isTrue();
        assertThat(JisMesh.thirdLevel(20.0, 122.0)).isEqualTo("30220000");
        assertThat(JisMesh.quarter(20.0, 122.0)).isEqualTo("3022000011");
    }

    @Test
    void meshAreaNorthEastCorner() {
        // Just inside: 45.99999 * 1.5 = 68.99998 gives p = 68, then q = 7 and r = 9 (45°59'30");
        // 153.99999 gives u = 53, then v = 7 and w = 9 (153°59'15").
        assertThat(JisMesh.inMeshArea(45.99999, 153.99999)).isTrue();
        assertThat(JisMesh.thirdLevel(45.99999, 153.99999)).isEqualTo("68537799");
    }

    @ParameterizedTest
    @CsvSource({
        "46.0, 140.0",
        "19.99999, 140.0",
        "35.0, 154.0",
        "35.0, 121.99999",
        // London, Honolulu, Sydney.
        "51.5007, -0.1246",
        "21.3069, -157.8583",
        "-33.8568, 151.2153",
        "NaN, 139.0",
        "35.0, Infinity"
    })
    void outsideMeshAreaIsNull(double lat, double lon) {
        assertThat(JisMesh.inMeshArea(lat, lon)).isFalse();
        assertThat(JisMesh.thirdLevel(lat, lon)).isNull();
        assertThat(JisMesh.quarter(lat, lon)).isNull();
    }

    @Test
    void tokyoInMeshArea() {
        assertThat(JisMesh.inMeshArea(35.6812, 139.7671)).isTrue();
    }

    @Test
    void quarterExtendsThirdLevel() {
        String quarter = JisMesh.quarter(26.2123, 127.6792);
        assertThat(quarter).hasSize(10);
        assertThat(quarter).startsWith(JisMesh.thirdLevel(26.2123, 127.6792));
    }
}
