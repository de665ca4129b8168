package jp.catdata.geo;

import java.util.Locale;

/**
 * Geohash cells, the public-domain grid that G. Niemeyer published with geohash.org in 2008.
 *
 * <p>A geohash interleaves longitude and latitude bits, longitude first, and writes each group of
 * five bits as one character of the alphabet {@code 0123456789bcdefghjkmnpqrstuvwxyz}. Each bit
 * halves the current interval, starting from [-180, 180] for longitude and [-90, 90] for latitude,
 * and a 1 bit selects the upper half. A cell includes its south and west edges, so a point on an
 * edge belongs to the cell to its north or east. At precision 7 a cell is about 153 m by 153 m at
 * the equator and about 125 m east-west at 35°N.
 */
public final class Geohash {

    /** Smallest supported number of characters. */
    public static final int MIN_PRECISION = 1;

    /** Largest supported number of characters: 60 bits, cells of a few centimetres. */
    public static final int MAX_PRECISION = 12;

    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    private Geohash() {}

    /**
     * Encodes a WGS 84 position in degrees as a geohash of {@code precision} characters.
     *
     * @throws IllegalArgumentException if the precision is outside 1..12 or a coordinate is not a
     *     finite number in range
     */
    public static String encode(double lat, double lon, int precision) {
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "invalid geohash precision "
                            + precision
                            + ": expected "
                            + MIN_PRECISION
                            + " to "
                            + MAX_PRECISION
                            + " characters");
        }
        checkCoordinate("latitude", lat, 90.0);
        checkCoordinate("longitude", lon, 180.0);

        double minLat = -90.0;
        double maxLat = 90.0;
        double minLon = -180.0;
        double maxLon = 180.0;
        boolean lonBit = true;
        StringBuilder hash = new StringBuilder(precision);
        for (int i = 0; i < precision; i++) {
            int index = 0;
            for (int bit = 0; bit < 5; bit++) {
                index <<= 1;
                if (lonBit) {
                    double mid = (minLon + maxLon) / 2;
                    if (lon >= mid) {
                        index |= 1;
                        minLon = mid;
                    } else {
                        maxLon = mid;
                    }
                } else {
                    double mid = (minLat + maxLat) / 2;
                    if (lat >= mid) {
                        index |= 1;
                        minLat = mid;
                    } else {
                        maxLat = mid;
                    }
                }
                lonBit = !lonBit;
            }
            hash.append(ALPHABET.charAt(index));
        }
        return hash.toString();
    }

    /**
     * Decodes a geohash to the bounds of its cell, {@code {minLat, minLon, maxLat, maxLon}} in
     * degrees. Upper-case letters are read as lower-case.
     *
     * @throws IllegalArgumentException if the geohash is null, empty, longer than 12 characters or
     *     contains a character outside the geohash alphabet
     */
    public static double[] bounds(String geohash) {
        if (geohash == null || geohash.isEmpty() || geohash.length() > MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "invalid geohash '"
                            + geohash
                            + "': expected 1 to "
                            + MAX_PRECISION
                            + " characters of "
                            + ALPHABET);
        }
        String hash = geohash.toLowerCase(Locale.ROOT);
        double minLat = -90.0;
        double maxLat = 90.0;
        double minLon = -180.0;
        double maxLon = 180.0;
        boolean lonBit = true;
        for (int i = 0; i < hash.length(); i++) {
            int index = ALPHABET.indexOf(hash.charAt(i));
            if (index < 0) {
                throw new IllegalArgumentException(
                        "invalid geohash '"
                                + geohash
                                + "': character '"
                                + geohash.charAt(i)
                                + "' at index "
                                + i
                                + " is not in the geohash alphabet "
                                + ALPHABET
                                + " (a, i, l and o are never used)");
            }
            for (int bit = 4; bit >= 0; bit--) {
                boolean upperHalf = ((index >> bit) & 1) == 1;
                if (lonBit) {
                    double mid = (minLon + maxLon) / 2;
                    if (upperHalf) {
                        minLon = mid;
                    } else {
                        maxLon = mid;
                    }
                } else {
                    double mid = (minLat + maxLat) / 2;
                    if (upperHalf) {
                        minLat = mid;
                    } else {
                        maxLat = mid;
                    }
                }
                lonBit = !lonBit;
            }
        }
        return new double[] {minLat, minLon, maxLat, maxLon};
    }

    /**
     * Decodes a geohash to the centre of its cell, {@code {lat, lon}} in degrees.
     *
     * @throws IllegalArgumentException as {@link #bounds(String)} does
     */
    public static double[] centre(String geohash) {
        double[] b = bounds(geohash);
        return new double[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2};
    }

    private static void checkCoordinate(String name, double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new IllegalArgumentException(
                    "invalid "
                            + name
                            + " "
                            + value
                            + ": expected WGS 84 degrees in [-"
                            + limit
                            + ", "
                            + limit
                            + "]");
        }
    }
}
