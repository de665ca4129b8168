package jp.catdata.process;

/** Movement of one cat in one tumbling event-time window (one hour by default). */
public class CatMovementHourly {

    public String catId;

    /** Municipality code of the cat's last fix in the window. */
    public String municipalityCode;

    public long windowStartMs;
    public long windowEndMs;
    public long fixes;

    /** Sum of the segments whose later fix lies in the window, in metres. */
    public double distanceM;

    /** Highest segment speed in the window in metres per second, or null without segments. */
    public Double maxSpeedMps;

    public double centroidLat;
    public double centroidLon;

    public CatMovementHourly() {}
}
