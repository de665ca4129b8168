package jp.catdata.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.event.RejectedRecord;
import jp.catdata.geo.Geohash;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.TrackedFix;
import jp.catdata.sink.Tables;

/**
 * The documents of the live features. Field names and units follow the Parquet tables of {@code
 * docs/data-dictionary.md}; the mappings are in {@link IndexTemplates} and {@code
 * docs/opensearch.md}.
 */
public final class Documents {

    /** Value of the {@code window} field of hourly movement documents. */
    public static final String HOURLY = "hourly";

    /** Value of the {@code window} field of daily movement documents. */
    public static final String LOCAL_DAY = "local_day";

    private Documents() {}

    /**
     * The latest position per cat. The id is the cat id and the external version the fix time in
     * epoch milliseconds, so an older fix written after a newer one, as a replay after a restart
     * does, leaves the newer document in place.
     */
    public static final FeatureDocument<LatestPosition> LATEST_POSITION =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(LatestPosition p, OpenSearchSettings settings) {
                    return settings.latestPositionIndex();
                }

                @Override
                public String id(LatestPosition p) {
                    return p.catId;
                }

                @Override
                public Long externalVersion(LatestPosition p) {
                    return p.observedAtMs;
                }

                @Override
                public Map<String, Object> source(LatestPosition p) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("cat_id", p.catId);
                    doc.put("event_id", p.eventId);
                    doc.put("municipality_code", p.municipalityCode);
                    doc.put("observed_at", instant(p.observedAtMs));
                    doc.put("location", point(p.lat, p.lon));
                    doc.put("speed_mps", p.speedMps);
                    doc.put(
                            "home_range_centroid",
                            point(p.homeRangeCentroidLat, p.homeRangeCentroidLon));
                    doc.put("home_range_fixes", p.homeRangeFixes);
                    return doc;
                }
            };

    /**
     * One accepted fix of a cat, as a row of the positions table, so that a map can draw a cat's
     * track. The id is the event id, which the job has already deduplicated.
     */
    public static final FeatureDocument<TrackedFix> CAT_FIX =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(TrackedFix fix, OpenSearchSettings settings) {
                    return settings.catFixIndex(fix.event.observedAtMs);
                }

                @Override
                public String id(TrackedFix fix) {
                    return fix.event.eventId;
                }

                @Override
                public Map<String, Object> source(TrackedFix fix) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("cat_id", fix.event.catId);
                    doc.put("event_id", fix.event.eventId);
                    doc.put("municipality_code", fix.event.municipalityCode);
                    doc.put("observed_at", instant(fix.event.observedAtMs));
                    doc.put("location", point(fix.event.lat, fix.event.lon));
                    doc.put("segment_distance_m", fix.segmentDistanceM);
                    doc.put("speed_mps", fix.speedMps);
                    return doc;
                }
            };

    /**
     * One rejected record, as a row of the rejected table without the raw text, so that a map can
     * count rejections by reason. The raw text stays in the Parquet table only, because it can hold
     * positions of records whose municipality is unknown. The id is a SHA-256 of origin, reason and
     * raw text: the origin alone names one input record, except that the user records of one
     * Kinesis aggregate share their origin.
     */
    public static final FeatureDocument<RejectedRecord> REJECTED =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(RejectedRecord r, OpenSearchSettings settings) {
                    return settings.rejectedIndex(r.rejectedAtMs);
                }

                @Override
                public String id(RejectedRecord r) {
                    return rejectedId(r);
                }

                @Override
                public Map<String, Object> source(RejectedRecord r) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("reason", r.reason);
                    doc.put("detail", r.detail);
                    doc.put("origin", r.origin);
                    doc.put("event_id", r.eventId);
                    doc.put("cat_id", r.catId);
                    doc.put(
                            "municipality_code",
                            r.municipalityCode != null
                                    ? r.municipalityCode
                                    : Tables.UNKNOWN_MUNICIPALITY);
                    doc.put("observed_at", r.observedAtMs != null ? instant(r.observedAtMs) : null);
                    doc.put("rejected_at", instant(r.rejectedAtMs));
                    return doc;
                }
            };

    /** Returns the id of a rejected-record document: hex SHA-256 of origin, reason and raw text. */
    static String rejectedId(RejectedRecord r) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        for (String part : new String[] {r.origin, r.reason, r.raw}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** Density of one cell in one window, with the same figures as the cell_density table. */
    public static final FeatureDocument<CellDensity> CELL_DENSITY =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(CellDensity row, OpenSearchSettings settings) {
                    return settings.cellDensityIndex(row.windowStartMs);
                }

                @Override
                public String id(CellDensity row) {
                    return row.municipalityCode
                            + ":"
                            + row.cellId
                            + ":"
                            + interval(row.windowStartMs, row.windowEndMs);
                }

                @Override
                public Map<String, Object> source(CellDensity row) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("municipality_code", row.municipalityCode);
                    doc.put("cell_id", row.cellId);
                    doc.put("geohash_precision", row.geohashPrecision);
                    doc.put("cell_centre", point(row.cellCentreLat, row.cellCentreLon));
                    doc.put("cell", cellPolygon(row.cellId));
                    doc.put("mesh_code_1km", row.meshCode1km);
                    doc.put("mesh_code_250m", row.meshCode250m);
                    doc.put("window_start", instant(row.windowStartMs));
                    doc.put("window_end", instant(row.windowEndMs));
                    doc.put("fixes", row.fixes);
                    doc.put("distinct_cats", row.distinctCats);
                    doc.put("sightings", row.sightings);
                    doc.put("occupancy_cat_minutes", row.occupancyCatMinutes);
                    return doc;
                }
            };

    /** Movement of one cat in one tumbling window, as in the cat_movement_hourly table. */
    public static final FeatureDocument<CatMovementHourly> MOVEMENT_HOURLY =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(CatMovementHourly row, OpenSearchSettings settings) {
                    return settings.catMovementIndex(row.windowStartMs);
                }

                @Override
                public String id(CatMovementHourly row) {
                    return HOURLY
                            + ":"
                            + row.catId
                            + ":"
                            + interval(row.windowStartMs, row.windowEndMs);
                }

                @Override
                public Map<String, Object> source(CatMovementHourly row) {
                    Map<String, Object> doc = movement(row.catId, row.municipalityCode, HOURLY);
                    doc.put("window_start", instant(row.windowStartMs));
                    doc.put("window_end", instant(row.windowEndMs));
                    doc.put("fixes", row.fixes);
                    doc.put("distance_m", row.distanceM);
                    doc.put("max_speed_mps", row.maxSpeedMps);
                    doc.put("centroid", point(row.centroidLat, row.centroidLon));
                    return doc;
                }
            };

    /** Movement and home range of one cat on one local day, as in cat_movement_daily. */
    public static final FeatureDocument<CatMovementDaily> MOVEMENT_DAILY =
            new FeatureDocument<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public String index(CatMovementDaily row, OpenSearchSettings settings) {
                    return settings.catMovementIndex(row.windowStartMs);
                }

                @Override
                public String id(CatMovementDaily row) {
                    return LOCAL_DAY
                            + ":"
                            + row.catId
                            + ":"
                            + LocalDate.ofEpochDay(row.localDateEpochDay);
                }

                @Override
                public Map<String, Object> source(CatMovementDaily row) {
                    Map<String, Object> doc = movement(row.catId, row.municipalityCode, LOCAL_DAY);
                    doc.put("window_start", instant(row.windowStartMs));
                    doc.put("window_end", instant(row.windowEndMs));
                    doc.put("local_date", LocalDate.ofEpochDay(row.localDateEpochDay).toString());
                    doc.put("fixes", row.fixes);
                    doc.put("distance_m", row.distanceM);
                    doc.put("centroid", point(row.centroidLat, row.centroidLon));
                    doc.put("mcp_area_m2", row.mcpAreaM2);
                    doc.put("radius_of_gyration_m", row.radiusOfGyrationM);
                    doc.put("first_fix_at", instant(row.firstFixAtMs));
                    doc.put("last_fix_at", instant(row.lastFixAtMs));
                    return doc;
                }
            };

    /**
     * Returns the cell of a geohash as a GeoJSON polygon: one ring, counter-clockwise from the
     * south-west corner, closed by repeating that corner, with positions as [lon, lat].
     */
    public static Map<String, Object> cellPolygon(String geohash) {
        double[] b = Geohash.bounds(geohash);
        double minLat = b[0];
        double minLon = b[1];
        double maxLat = b[2];
        double maxLon = b[3];
        Map<String, Object> polygon = new LinkedHashMap<>();
        polygon.put("type", "Polygon");
        polygon.put(
                "coordinates",
                List.of(
                        List.of(
                                List.of(minLon, minLat),
                                List.of(maxLon, minLat),
                                List.of(maxLon, maxLat),
                                List.of(minLon, maxLat),
                                List.of(minLon, minLat))));
        return polygon;
    }

    private static Map<String, Object> movement(String catId, String municipality, String window) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cat_id", catId);
        doc.put("municipality_code", municipality);
        doc.put("window", window);
        return doc;
    }

    private static Map<String, Object> point(double lat, double lon) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("lat", lat);
        point.put("lon", lon);
        return point;
    }

    /** Formats an epoch-millisecond UTC instant as ISO 8601, such as 2017-06-03T10:00:00Z. */
    static String instant(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** Formats a window as an ISO 8601 interval of two instants. */
    static String interval(long startMs, long endMs) {
        return instant(startMs) + "/" + instant(endMs);
    }
}
