package jp.catdata.sink;

import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each row into the folder {@code municipality_code=<code>/dt=<yyyy-MM-dd>}, where {@code dt}
 * is the local date of the row's partition instant in the configured time zone.
 */
public class HivePartitionAssigner<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;

    private final CuratedTable<T> table;
    private final String timeZone;
    private transient ZoneId zone;

    public HivePartitionAssigner(CuratedTable<T> table, ZoneId timeZone) {
        this.table = table;
        this.timeZone = timeZone.getId();
    }

    /** Returns the partition folder of a municipality and an instant. */
    public static String partition(String municipalityCode, long epochMs, ZoneId zone) {
        return "municipality_code="
                + municipalityCode
                + "/dt="
                + Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }

    @Override
    public String getBucketId(T row, BucketAssigner.Context context) {
        if (zone == null) {
            zone = ZoneId.of(timeZone);
        }
        return partition(table.municipalityCode(row), table.partitionInstantMs(row), zone);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "HivePartitionAssigner(" + table.name() + ", " + timeZone + ")";
    }
}
