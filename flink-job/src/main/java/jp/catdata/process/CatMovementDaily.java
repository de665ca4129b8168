package jp.catdata.process;

/** Movement and home range of one cat on one local day of the configured time zone. */
public class CatMovementDaily {

    public String catId;

    /** Municipality code of the cat's last fix of the day. */
    public String municipalityCode;

    /** The local date, as days since 1970-01-01. */
    public int localDateEpochDay;

    /** Start of the local day as a UTC instant in epoch milliseconds. */
    public long windowStartMs;

    /** End of the local day (start of the next) as a UTC instant in epoch milliseconds. */
    public long windowEndMs;

    public long fixes;

    /** Sum of the segments whose later fix lies on this day, in metres. */
    public double distanceM;

    /** Area of the minimum convex polygon of the day's fixes, in square metres. */
    public double mcpAreaM2;

    /** Root mean square distance of the day's fixes from their centroid, in metres. */
    public double radiusOfGyrationM;

    public double centroidLat;
    public double centroidLon;
    public long firstFixAtMs;
    public long lastFixAtMs;

    public CatMovementDaily() {}
}
