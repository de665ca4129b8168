package jp.catdata.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expected results for a Movebank tidy CSV, computed from the file with plain code that shares
 * nothing with the job: its own CSV split, haversine and geohash. The rules it applies are the
 * documented ones: study outliers are rejected, a fix needing more than the speed limit from the
 * cat's previous accepted fix is rejected, and a segment longer than the track idle timeout is no
 * segment.
 */
final class ReferenceCats {

    static final double EARTH_RADIUS_M = 6_371_008.8;

    /** One accepted fix. */
    static final class Fix {
        String eventId;
        String catId;
        long timeMs;
        double lat;
        double lon;
        Double segmentM;
    }

    final int dataRows;
    final int outlierRows;
    int speedRejections;
    final List<Fix> accepted = new ArrayList<>();

    private ReferenceCats(int dataRows, int outlierRows) {
        this.dataRows = dataRows;
        this.outlierRows = outlierRows;
    }

    /** Reads the file and applies the rules. */
    static ReferenceCats compute(Path csv, double maxSpeedMps, long idleTimeoutMs)
            throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).replace("\"", "").split(",");
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i], i);
        }
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        Map<String, List<Fix>> byCat = new TreeMap<>();
        int outliers = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",", -1);
            boolean outlier =
                    f[col.get("visible")].equals("FALSE")
                            || f[col.get("algorithm_marked_outlier")].equals("TRUE")
                            || f[col.get("manually_marked_outlier")].equals("TRUE");
            if (outlier) {
                outliers++;
                continue;
            }
            Fix fix = new Fix();
            fix.eventId = f[col.get("event_id")];
            fix.catId = f[col.get("tag_id")];
            fix.timeMs =
                    LocalDateTime.parse(f[col.get("timestamp")], format)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
            fix.lat = Double.parseDouble(f[col.get("location_lat")]);
            fix.lon = Double.parseDouble(f[col.get("location_long")]);
            byCat.computeIfAbsent(fix.catId, c -> new ArrayList<>()).add(fix);
        }
        ReferenceCats ref = new ReferenceCats(lines.size() - 1, outliers);
        for (List<Fix> track : byCat.values()) {
            track.sort(Comparator.<Fix>comparingLong(x -> x.timeMs).thenComparing(x -> x.eventId));
            Fix previous = null;
            for (Fix fix : track) {
                if (previous != null && fix.timeMs - previous.timeMs <= idleTimeoutMs) {
                    double d = haversine(previous.lat, previous.lon, fix.lat, fix.lon);
                    double seconds = (fix.timeMs - previous.timeMs) / 1000.0;
                    double speed = seconds > 0 ? d / seconds : (d == 0 ? 0 : Double.MAX_VALUE);
                    if (speed > maxSpeedMps) {
                        ref.speedRejections++;
                        continue;
                    }
                    fix.segmentM = d;
                }
                ref.accepted.add(fix);
                previous = fix;
            }
        }
        return ref;
    }

    /** Fixes per cat and local date. */
    Map<String, Long> dailyFixes(ZoneId zone) {
        Map<String, Long> counts = new TreeMap<>();
        for (Fix fix : accepted) {
            counts.merge(fix.catId + "/" + localDate(fix.timeMs, zone), 1L, Long::sum);
        }
        return counts;
    }

    /** Distance in metres per cat and local date; a segment counts on the day of its later fix. */
    Map<String, Double> dailyDistance(ZoneId zone) {
        Map<String, Double> distance = new TreeMap<>();
        for (Fix fix : accepted) {
            distance.merge(
                    fix.catId + "/" + localDate(fix.timeMs, zone),
                    fix.segmentM == null ? 0.0 : fix.segmentM,
                    Double::sum);
        }
        return distance;
    }

    /** Distinct cats per geohash cell and tumbling window, keyed "cell/windowStartMs". */
    Map<String, Integer> distinctCatsPerCell(int precision, long windowMs) {
        Map<String, Set<String>> cats = new TreeMap<>();
        for (Fix fix : accepted) {
            long windowStart = Math.floorDiv(fix.timeMs, windowMs) * windowMs;
            String key = geohash(fix.lat, fix.lon, precision) + "/" + windowStart;
            cats.computeIfAbsent(key, k -> new HashSet<>()).add(fix.catId);
        }
        Map<String, Integer> counts = new TreeMap<>();
        cats.forEach((key, set) -> counts.put(key, set.size()));
        return counts;
    }

    static LocalDate localDate(long epochMs, ZoneId zone) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }

    static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2)
                        + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Plain geohash: alternate longitude and latitude bisections, five bits per character. */
    static String geohash(double lat, double lon, int precision) {
        String alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        double[] latRange = {-90, 90};
        double[] lonRange = {-180, 180};
        StringBuilder hash = new StringBuilder();
        boolean lonTurn = true;
        int bits = 0;
        int value = 0;
        while (hash.length() < precision) {
            double[] range = lonTurn ? lonRange : latRange;
            double x = lonTurn ? lon : lat;
            double mid = (range[0] + range[1]) / 2;
            value <<= 1;
            if (x >= mid) {
                value |= 1;
                range[0] = mid;
            } else {
                range[1] = mid;
            }
            lonTurn = !lonTurn;
            if (++bits == 5) {
                hash.append(alphabet.charAt(value));
                bits = 0;
                value = 0;
            }
        }
        return hash.toString();
    }
}
