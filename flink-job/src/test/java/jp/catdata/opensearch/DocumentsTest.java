package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.RejectedRecord;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.TrackedFix;
import org.junit.jupiter.api.Test;

class DocumentsTest {

    private static final OpenSearchSettings SETTINGS = new OpenSearchSettings();

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static LatestPosition latest() {
        LatestPosition p = new LatestPosition();
        p.catId = "Ares";
        p.eventId = "3395610554";
        p.municipalityCode = "131067";
        p.observedAtMs = ms("2017-06-24T03:01:26Z");
        p.lat = 50.169827;
        p.lon = -5.113774;
        p.speedMps = 0.25;
        p.homeRangeCentroidLat = 50.17;
        p.homeRangeCentroidLon = -5.1138;
        p.homeRangeFixes = 4;
        return p;
    }

    private static TrackedFix fix() {
        PositionEvent event = new PositionEvent();
        event.catId = "Ares";
        event.eventId = "3395610554";
        event.municipalityCode = "131067";
        event.observedAtMs = ms("2017-06-30T23:59:59Z");
        event.lat = 50.169827;
        event.lon = -5.113774;
        TrackedFix fix = new TrackedFix(event);
        fix.segmentDistanceM = 12.5;
        fix.speedMps = 0.25;
        return fix;
    }

    private static RejectedRecord rejected(String origin, String raw) {
        RejectedRecord r = new RejectedRecord();
        r.reason = "invalid_json";
        r.detail = "not JSON";
        r.raw = raw;
        r.origin = origin;
        r.rejectedAtMs = ms("2026-12-01T00:00:00Z");
        return r;
    }

    @Test
    void rejectedIdIsSha256() throws Exception {
        RejectedRecord r = rejected("kinesis:s/shardId-1/7", "x");
        // SHA-256 of "kinesis:s/shardId-1/7\0invalid_json\0x\0", computed here by hand steps.
        byte[] input =
                "kinesis:s/shardId-1/7\u0000invalid_json\u0000x\u0000"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String expected =
                java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("SHA-256").digest(input));

        assertThat(Documents.REJECTED.id(r)).isEqualTo(expected);
        assertThat(Documents.REJECTED.index(r, SETTINGS)).isEqualTo("cat-data-rejected-2026.12");
    }

    @Test
    void rejectedIdsDifferByRaw() {
        // User records of one Kinesis aggregate share the origin but not the raw text.
        String first = Documents.REJECTED.id(rejected("kinesis:s/shardId-1/7", "a"));
        String second = Documents.REJECTED.id(rejected("kinesis:s/shardId-1/7", "b"));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectedSourceLeavesRawOut() {
        RejectedRecord r = rejected("cats_uk.csv:42", "1,2,3");
        r.observedAtMs = ms("2017-06-24T03:01:26Z");
        Map<String, Object> doc = Documents.REJECTED.source(r);

        assertThat(doc).doesNotContainKey("raw");
        assertThat(doc.get("reason")).isEqualTo("invalid_json");
        assertThat(doc.get("origin")).isEqualTo("cats_uk.csv:42");
        assertThat(doc.get("municipality_code")).isEqualTo("unknown");
        assertThat(doc.get("observed_at")).isEqualTo("2017-06-24T03:01:26Z");
        assertThat(doc.get("rejected_at")).isEqualTo("2026-12-01T00:00:00Z");
    }

    private static CellDensity density() {
        CellDensity row = new CellDensity();
        row.municipalityCode = "131067";
        row.cellId = "xn77h2g";
        row.geohashPrecision = 7;
        row.cellCentreLat = 35.71;
        row.cellCentreLon = 139.79;
        row.meshCode1km = "53394640";
        row.meshCode250m = "5339464023";
        row.windowStartMs = ms("2026-06-01T00:00:00Z");
        row.windowEndMs = ms("2026-06-01T01:00:00Z");
        row.fixes = 12;
        row.distinctCats = 3;
        row.sightings = 1;
        row.occupancyCatMinutes = 42.5;
        return row;
    }

    @Test
    void latestPositionIdIsCatId() {
        assertThat(Documents.LATEST_POSITION.id(latest())).isEqualTo("Ares");
        assertThat(Documents.LATEST_POSITION.index(latest(), SETTINGS))
                .isEqualTo("cat-data-cat-latest");
    }

    @Test
    void latestPositionVersionIsFixTime() {
        assertThat(Documents.LATEST_POSITION.externalVersion(latest()))
                .isEqualTo(1_498_273_286_000L);
    }

    @Test
    void latestPositionSource() {
        Map<String, Object> doc = Documents.LATEST_POSITION.source(latest());
        assertThat(doc.get("cat_id")).isEqualTo("Ares");
        assertThat(doc.get("event_id")).isEqualTo("3395610554");
        assertThat(doc.get("municipality_code")).isEqualTo("131067");
        assertThat(doc.get("observed_at")).isEqualTo("2017-06-24T03:01:26Z");
        assertThat(doc.get("location")).isEqualTo(Map.of("lat", 50.169827, "lon", -5.113774));
        assertThat(doc.get("speed_mps")).isEqualTo(0.25);
        assertThat(doc.get("home_range_centroid")).isEqualTo(Map.of("lat", 50.17, "lon", -5.1138));
        assertThat(doc.get("home_range_fixes")).isEqualTo(4L);
    }

    @Test
    void catFixIdIsEventId() {
        TrackedFix fix = fix();
        assertThat(Documents.CAT_FIX.id(fix)).isEqualTo("3395610554");
        assertThat(Documents.CAT_FIX.index(fix, SETTINGS)).isEqualTo("cat-data-cat-fix-2017.06");
    }

    @Test
    void catFixSource() {
        Map<String, Object> doc = Documents.CAT_FIX.source(fix());
        assertThat(doc.get("cat_id")).isEqualTo("Ares");
        assertThat(doc.get("event_id")).isEqualTo("3395610554");
        assertThat(doc.get("municipality_code")).isEqualTo("131067");
        assertThat(doc.get("observed_at")).isEqualTo("2017-06-30T23:59:59Z");
        assertThat(doc.get("location")).isEqualTo(Map.of("lat", 50.169827, "lon", -5.113774));
        assertThat(doc.get("segment_distance_m")).isEqualTo(12.5);
        assertThat(doc.get("speed_mps")).isEqualTo(0.25);
    }

    @Test
    void densityIdNamesCellAndWindow() {
        assertThat(Documents.CELL_DENSITY.id(density()))
                .isEqualTo("131067:xn77h2g:2026-06-01T00:00:00Z/2026-06-01T01:00:00Z");
        assertThat(Documents.CELL_DENSITY.index(density(), SETTINGS))
                .isEqualTo("cat-data-cell-density-2026.06");
        assertThat(Documents.CELL_DENSITY.externalVersion(density())).isNull();
    }

    @Test
    void densitySourceCopiesRow() {
        Map<String, Object> doc = Documents.CELL_DENSITY.source(density());
        assertThat(doc.get("cell_id")).isEqualTo("xn77h2g");
        assertThat(doc.get("geohash_precision")).isEqualTo(7);
        assertThat(doc.get("cell_centre")).isEqualTo(Map.of("lat", 35.71, "lon", 139.79));
        assertThat(doc.get("mesh_code_1km")).isEqualTo("53394640");
        assertThat(doc.get("mesh_code_250m")).isEqualTo("5339464023");
        assertThat(doc.get("window_start")).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(doc.get("window_end")).isEqualTo("2026-06-01T01:00:00Z");
        assertThat(doc.get("fixes")).isEqualTo(12L);
        assertThat(doc.get("distinct_cats")).isEqualTo(3L);
        assertThat(doc.get("sightings")).isEqualTo(1L);
        assertThat(doc.get("occupancy_cat_minutes")).isEqualTo(42.5);
    }

    @Test
    void cellPolygonOfPublishedGeohash() {
        // ezs42, the example of geohash.org, spans latitude 42.5830078125 to 42.626953125 and
        // longitude -5.625 to -5.5810546875.
        Map<String, Object> polygon = Documents.cellPolygon("ezs42");
        assertThat(polygon.get("type")).isEqualTo("Polygon");
        assertThat(polygon.get("coordinates"))
                .isEqualTo(
                        List.of(
                                List.of(
                                        List.of(-5.625, 42.5830078125),
                                        List.of(-5.5810546875, 42.5830078125),
                                        List.of(-5.5810546875, 42.626953125),
                                        List.of(-5.625, 42.626953125),
                                        List.of(-5.625, 42.5830078125))));
    }

    @Test
    void hourlyMovementIdAndSource() {
        CatMovementHourly row = new CatMovementHourly();
        row.catId = "Ares";
        row.municipalityCode = "131067";
        row.windowStartMs = ms("2017-06-24T03:00:00Z");
        row.windowEndMs = ms("2017-06-24T04:00:00Z");
        row.fixes = 2;
        row.distanceM = 120.5;
        row.maxSpeedMps = null;
        row.centroidLat = 50.1;
        row.centroidLon = -5.1;
        assertThat(Documents.MOVEMENT_HOURLY.id(row))
                .isEqualTo("hourly:Ares:2017-06-24T03:00:00Z/2017-06-24T04:00:00Z");
        assertThat(Documents.MOVEMENT_HOURLY.index(row, SETTINGS))
                .isEqualTo("cat-data-cat-movement-2017.06");
        Map<String, Object> doc = Documents.MOVEMENT_HOURLY.source(row);
        assertThat(doc.get("window")).isEqualTo("hourly");
        assertThat(doc.get("fixes")).isEqualTo(2L);
        assertThat(doc.get("distance_m")).isEqualTo(120.5);
        assertThat(doc).containsEntry("max_speed_mps", null);
        assertThat(doc.get("centroid")).isEqualTo(Map.of("lat", 50.1, "lon", -5.1));
    }

    @Test
    void dailyMovementIdIsLocalDate() {
        CatMovementDaily row = new CatMovementDaily();
        row.catId = "Ares";
        row.municipalityCode = "131067";
        row.localDateEpochDay = (int) LocalDate.parse("2026-06-01").toEpochDay();
        // Local midnight in Tokyo is 15:00 UTC of the previous day, so the index is May's.
        row.windowStartMs = ms("2026-05-31T15:00:00Z");
        row.windowEndMs = ms("2026-06-01T15:00:00Z");
        row.firstFixAtMs = ms("2026-05-31T15:05:00Z");
        row.lastFixAtMs = ms("2026-06-01T14:55:00Z");
        row.mcpAreaM2 = 1500;
        row.radiusOfGyrationM = 30;
        assertThat(Documents.MOVEMENT_DAILY.id(row)).isEqualTo("local_day:Ares:2026-06-01");
        assertThat(Documents.MOVEMENT_DAILY.index(row, SETTINGS))
                .isEqualTo("cat-data-cat-movement-2026.05");
        Map<String, Object> doc = Documents.MOVEMENT_DAILY.source(row);
        assertThat(doc.get("window")).isEqualTo("local_day");
        assertThat(doc.get("local_date")).isEqualTo("2026-06-01");
        assertThat(doc.get("first_fix_at")).isEqualTo("2026-05-31T15:05:00Z");
        assertThat(doc.get("last_fix_at")).isEqualTo("2026-06-01T14:55:00Z");
        assertThat(doc.get("mcp_area_m2")).isEqualTo(1500.0);
        assertThat(doc.get("radius_of_gyration_m")).isEqualTo(30.0);
    }

    @Test
    void idsStableAcrossCalls() {
        assertThat(Documents.CELL_DENSITY.id(density()))
                .isEqualTo(Documents.CELL_DENSITY.id(density()));
        assertThat(Documents.LATEST_POSITION.id(latest()))
                .isEqualTo(Documents.LATEST_POSITION.id(latest()));
    }
}
