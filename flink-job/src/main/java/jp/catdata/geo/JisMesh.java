package jp.catdata.geo;

/**
 * Standard regional mesh codes of Japan (JIS X 0410), the grid of the national statistics.
 *
 * <p>A first-level mesh is 40' of latitude by 1° of longitude. Its four digits are floor(1.5 × lat)
 * and floor(lon) − 100. It is split 8 × 8 into second-level meshes (5' by 7'30"), and each of those
 * 10 × 10 into third-level meshes (30" by 45", about 1 km). Both levels add a digit for the row,
 * counted from the south, and then a digit for the column, counted from the west. A half mesh (15"
 * by 22.5", about 500 m) and a quarter mesh (7.5" by 11.25", about 250 m) each add one digit for
 * their part of the mesh above: 1 = south-west, 2 = south-east, 3 = north-west, 4 = north-east.
 * Tokyo Station, at about 35.6812°N 139.7671°E, lies in third-level mesh 53394611.
 *
 * <p>Since 2002 the codes refer to Japan's ITRF-based geodetic datum (JGD2000, now JGD2011), which
 * agrees with WGS 84 to within about a metre, far less than a quarter mesh. WGS 84 fixes are
 * therefore used as they are.
 *
 * <p>A mesh includes its south and west edges, so a point on an edge belongs to the mesh to its
 * north or east. The code is computed in whole quarter arc-seconds, a unit that divides every mesh
 * edge. A coordinate scaled to that unit is snapped to the nearest whole unit when it lies within
 * {@value #EDGE_TOLERANCE_UNITS} units of it (about 8 µm), so that a decimal such as 35.675
 * (35°40'30", not exact in binary, and 513719.99999999994 quarter arc-seconds when multiplied
 * naively) lands in the mesh that starts there.
 */
public final class JisMesh {

    /** South edge, in degrees, of the area where mesh codes are computed. */
    public static final double MIN_LAT = 20.0;

    /** North edge, in degrees and exclusive, of the area where mesh codes are computed. */
    public static final double MAX_LAT = 46.0;

    /** West edge, in degrees, of the area where mesh codes are computed. */
    public static final double MIN_LON = 122.0;

    /** East edge, in degrees and exclusive, of the area where mesh codes are computed. */
    public static final double MAX_LON = 154.0;

    /** Quarter arc-seconds per degree. */
    private static final long UNITS_PER_DEGREE = 4 * 3600;

    private static final long FIRST_LAT = 40 * 60 * 4;
    private static final long FIRST_LON = 60 * 60 * 4;
    private static final long SECOND_LAT = FIRST_LAT / 8;
    private static final long SECOND_LON = FIRST_LON / 8;
    private static final long THIRD_LAT = SECOND_LAT / 10;
    private static final long THIRD_LON = SECOND_LON / 10;
    private static final long HALF_LAT = THIRD_LAT / 2;
    private static final long HALF_LON = THIRD_LON / 2;
    private static final long QUARTER_LAT = HALF_LAT / 2;
    private static final long QUARTER_LON = HALF_LON / 2;

    /**
     * Distance from a whole unit, in quarter arc-seconds, within which a scaled coordinate counts
     * as on that unit. The double nearest a decimal degree value below 154 is off by at most
     * 1.5e-14 degrees (2.1e-10 units). The multiplication adds at most 2.4e-10 units. A tolerance
     * of 1e-6 covers both many times over and is still far below any real position error.
     */
    static final double EDGE_TOLERANCE_UNITS = 1e-6;

    private JisMesh() {}

    /**
     * Returns true when the position lies in the area where this class computes mesh codes:
     * latitude in [20, 46) and longitude in [122, 154) degrees.
     *
     * <p>This box is the approximate extent of Japan's first-level meshes, from Okinotorishima
     * (20°25'N) to Etorofu (45°33'N) and from Yonaguni (122°56'E) to Minamitorishima (153°59'E). It
     * also contains sea and parts of neighbouring countries, where a code can be computed but is
     * not used by the Japanese statistics.
     */
    public static boolean inMeshArea(double lat, double lon) {
        if (!Double.isFinite(lat) || !Double.isFinite(lon)) {
            return false;
        }
        long latUnits = toUnits(lat);
        long lonUnits = toUnits(lon);
        return latUnits >= toUnits(MIN_LAT)
                && latUnits < toUnits(MAX_LAT)
                && lonUnits >= toUnits(MIN_LON)
                && lonUnits < toUnits(MAX_LON);
    }

    /**
     * Returns the 8-digit third-level (about 1 km) mesh code of a position in degrees, or null
     * outside {@link #inMeshArea(double, double)}.
     */
    public static String thirdLevel(double lat, double lon) {
        if (!inMeshArea(lat, lon)) {
            return null;
        }
        return thirdLevelOfUnits(toUnits(lat), toUnits(lon));
    }

    /**
     * Returns the 10-digit quarter mesh (about 250 m) code of a position in degrees, or null
     * outside {@link #inMeshArea(double, double)}: the third-level code, the half-mesh digit and
     * the quarter-mesh digit, each digit 1 = SW, 2 = SE, 3 = NW, 4 = NE.
     */
    public static String quarter(double lat, double lon) {
        if (!inMeshArea(lat, lon)) {
            return null;
        }
        long latUnits = toUnits(lat);
        long lonUnits = toUnits(lon);
        long latInThird = latUnits % THIRD_LAT;
        long lonInThird = lonUnits % THIRD_LON;
        int half = partDigit(latInThird / HALF_LAT, lonInThird / HALF_LON);
        int quarter =
                partDigit(
                        (latInThird % HALF_LAT) / QUARTER_LAT,
                        (lonInThird % HALF_LON) / QUARTER_LON);
        return thirdLevelOfUnits(latUnits, lonUnits) + half + quarter;
    }

    private static String thirdLevelOfUnits(long latUnits, long lonUnits) {
        long p = latUnits / FIRST_LAT;
        long u = lonUnits / FIRST_LON - 100;
        long q = (latUnits % FIRST_LAT) / SECOND_LAT;
        long v = (lonUnits % FIRST_LON) / SECOND_LON;
        long r = (latUnits % SECOND_LAT) / THIRD_LAT;
        long w = (lonUnits % SECOND_LON) / THIRD_LON;
        return String.format("%02d%02d%d%d%d%d", p, u, q, v, r, w);
    }

    /** Numbers the four parts of a mesh: 1 = SW, 2 = SE, 3 = NW, 4 = NE. */
    private static int partDigit(long northRow, long eastColumn) {
        return (int) (1 + eastColumn + 2 * northRow);
    }

    /**
     * Converts degrees to whole quarter arc-seconds, snapping values within tolerance of a whole
     * unit to that unit.
     */
    private static long toUnits(double degrees) {
        double units = degrees * UNITS_PER_DEGREE;
        double nearest = Math.rint(units);
        if (Math.abs(units - nearest) < EDGE_TOLERANCE_UNITS) {
            return (long) nearest;
        }
        return (long) Math.floor(units);
    }
}
