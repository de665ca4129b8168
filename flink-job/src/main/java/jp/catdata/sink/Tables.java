package jp.catdata.sink;

import jp.catdata.event.RejectedRecord;
import jp.catdata.geo.Geohash;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.TrackedFix;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The five curated tables. Column names and types are documented in {@code
 * docs/data-dictionary.md}; change both together.
 */
public final class Tables {

    /** Partition value for rejected records without a valid municipality code. */
    public static final String UNKNOWN_MUNICIPALITY = "unknown";

    private Tables() {}

    /** Accepted fixes and sightings, one row per event. */
    public static CuratedTable<TrackedFix> positions(int geohashPrecision) {
        return new Positions(geohashPrecision);
    }

    public static CuratedTable<CellDensity> cellDensity() {
        return new CellDensityTable();
    }

    public static CuratedTable<CatMovementHourly> catMovementHourly() {
        return new HourlyTable();
    }

    public static CuratedTable<CatMovementDaily> catMovementDaily() {
        return new DailyTable();
    }

    public static CuratedTable<RejectedRecord> rejected() {
        return new RejectedTable();
    }

    private static final class Positions implements CuratedTable<TrackedFix> {
        private static final long serialVersionUID = 1L;
        private final int geohashPrecision;

        Positions(int geohashPrecision) {
            this.geohashPrecision = geohashPrecision;
        }

        @Override
        public String name() {
            return "positions";
        }

        @Override
        public Schema schema() {
            return AvroFields.record("Position")
                    .requiredString("event_id")
                    .optionalString("cat_id")
                    .name("observed_at")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .requiredDouble("lat")
                    .requiredDouble("lon")
                    .requiredString("source")
                    .optionalDouble("accuracy_m")
                    .optionalBoolean("ear_tip")
                    .optionalString("coat")
                    .optionalInt("kittens")
                    .requiredString("cell_id")
                    .optionalDouble("segment_distance_m")
                    .optionalDouble("segment_duration_s")
                    .optionalDouble("speed_mps")
                    .requiredDouble("occupancy_s")
                    .requiredString("origin")
                    .endRecord();
        }

        @Override
        public GenericRecord toRecord(TrackedFix fix, Schema schema) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("event_id", fix.event.eventId);
            r.put("cat_id", fix.event.catId);
            r.put("observed_at", fix.event.observedAtMs);
            r.put("lat", fix.event.lat);
            r.put("lon", fix.event.lon);
            r.put("source", fix.event.source.code());
            r.put("accuracy_m", fix.event.accuracyM);
            r.put("ear_tip", fix.event.earTipped);
            r.put("coat", fix.event.coat);
            r.put("kittens", fix.event.kittens);
            r.put("cell_id", Geohash.encode(fix.event.lat, fix.event.lon, geohashPrecision));
            r.put("segment_distance_m", fix.segmentDistanceM);
            r.put("segment_duration_s", fix.segmentDurationS);
            r.put("speed_mps", fix.speedMps);
            r.put("occupancy_s", fix.occupancyS);
            r.put("origin", fix.event.origin == null ? "" : fix.event.origin);
            return r;
        }

        @Override
        public String municipalityCode(TrackedFix fix) {
            return fix.event.municipalityCode;
        }

        @Override
        public long partitionInstantMs(TrackedFix fix) {
            return fix.event.observedAtMs;
        }
    }

    private static final class CellDensityTable implements CuratedTable<CellDensity> {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "cell_density";
        }

        @Override
        public Schema schema() {
            return AvroFields.record("CellDensity")
                    .requiredString("cell_id")
                    .requiredInt("geohash_precision")
                    .requiredDouble("cell_centre_lat")
                    .requiredDouble("cell_centre_lon")
                    .optionalString("mesh_code_1km")
                    .optionalString("mesh_code_250m")
                    .name("window_start")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .name("window_end")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .requiredLong("fixes")
                    .requiredLong("distinct_cats")
                    .requiredLong("sightings")
                    .requiredDouble("occupancy_cat_minutes")
                    .endRecord();
        }

        @Override
        public GenericRecord toRecord(CellDensity row, Schema schema) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("cell_id", row.cellId);
            r.put("geohash_precision", row.geohashPrecision);
            r.put("cell_centre_lat", row.cellCentreLat);
            r.put("cell_centre_lon", row.cellCentreLon);
            r.put("mesh_code_1km", row.meshCode1km);
            r.put("mesh_code_250m", row.meshCode250m);
            r.put("window_start", row.windowStartMs);
            r.put("window_end", row.windowEndMs);
            r.put("fixes", row.fixes);
            r.put("distinct_cats", row.distinctCats);
            r.put("sightings", row.sightings);
            r.put("occupancy_cat_minutes", row.occupancyCatMinutes);
            return r;
        }

        @Override
        public String municipalityCode(CellDensity row) {
            return row.municipalityCode;
        }

        @Override
        public long partitionInstantMs(CellDensity row) {
            return row.windowStartMs;
        }
    }

    private static final class HourlyTable implements CuratedTable<CatMovementHourly> {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "cat_movement_hourly";
        }

        @Override
        public Schema schema() {
            return AvroFields.record("CatMovementHourly")
                    .requiredString("cat_id")
                    .name("window_start")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .name("window_end")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .requiredLong("fixes")
                    .requiredDouble("distance_m")
                    .optionalDouble("max_speed_mps")
                    .requiredDouble("centroid_lat")
                    .requiredDouble("centroid_lon")
                    .endRecord();
        }

        @Override
        public GenericRecord toRecord(CatMovementHourly row, Schema schema) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("cat_id", row.catId);
            r.put("window_start", row.windowStartMs);
            r.put("window_end", row.windowEndMs);
            r.put("fixes", row.fixes);
            r.put("distance_m", row.distanceM);
            r.put("max_speed_mps", row.maxSpeedMps);
            r.put("centroid_lat", row.centroidLat);
            r.put("centroid_lon", row.centroidLon);
            return r;
        }

        @Override
        public String municipalityCode(CatMovementHourly row) {
            return row.municipalityCode;
        }

        @Override
        public long partitionInstantMs(CatMovementHourly row) {
            return row.windowStartMs;
        }
    }

    private static final class DailyTable implements CuratedTable<CatMovementDaily> {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "cat_movement_daily";
        }

        @Override
        public Schema schema() {
            return AvroFields.record("CatMovementDaily")
                    .requiredString("cat_id")
                    .name("local_date")
                    .type(AvroFields.date())
                    .noDefault()
                    .name("window_start")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .name("window_end")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .requiredLong("fixes")
                    .requiredDouble("distance_m")
                    .requiredDouble("mcp_area_m2")
                    .requiredDouble("radius_of_gyration_m")
                    .requiredDouble("centroid_lat")
                    .requiredDouble("centroid_lon")
                    .name("first_fix_at")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .name("last_fix_at")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .endRecord();
        }

        @Override
        public GenericRecord toRecord(CatMovementDaily row, Schema schema) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("cat_id", row.catId);
            r.put("local_date", row.localDateEpochDay);
            r.put("window_start", row.windowStartMs);
            r.put("window_end", row.windowEndMs);
            r.put("fixes", row.fixes);
            r.put("distance_m", row.distanceM);
            r.put("mcp_area_m2", row.mcpAreaM2);
            r.put("radius_of_gyration_m", row.radiusOfGyrationM);
            r.put("centroid_lat", row.centroidLat);
            r.put("centroid_lon", row.centroidLon);
            r.put("first_fix_at", row.firstFixAtMs);
            r.put("last_fix_at", row.lastFixAtMs);
            return r;
        }

        @Override
        public String municipalityCode(CatMovementDaily row) {
            return row.municipalityCode;
        }

        @Override
        public long partitionInstantMs(CatMovementDaily row) {
            return row.windowStartMs;
        }
    }

    private static final class RejectedTable implements CuratedTable<RejectedRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "rejected";
        }

        @Override
        public Schema schema() {
            return AvroFields.record("Rejected")
                    .requiredString("reason")
                    .requiredString("detail")
                    .optionalString("raw")
                    .requiredBoolean("raw_truncated")
                    .optionalString("origin")
                    .optionalString("event_id")
                    .optionalString("cat_id")
                    .name("observed_at")
                    .type(AvroFields.nullable(AvroFields.timestampMillis()))
                    .withDefault(null)
                    .name("rejected_at")
                    .type(AvroFields.timestampMillis())
                    .noDefault()
                    .endRecord();
        }

        @Override
        public GenericRecord toRecord(RejectedRecord row, Schema schema) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("reason", row.reason);
            r.put("detail", row.detail == null ? "" : row.detail);
            r.put("raw", row.raw);
            r.put("raw_truncated", row.rawTruncated);
            r.put("origin", row.origin);
            r.put("event_id", row.eventId);
            r.put("cat_id", row.catId);
            r.put("observed_at", row.observedAtMs);
            r.put("rejected_at", row.rejectedAtMs);
            return r;
        }

        @Override
        public String municipalityCode(RejectedRecord row) {
            return row.municipalityCode != null ? row.municipalityCode : UNKNOWN_MUNICIPALITY;
        }

        @Override
        public long partitionInstantMs(RejectedRecord row) {
            return row.observedAtMs != null ? row.observedAtMs : row.rejectedAtMs;
        }
    }
}
