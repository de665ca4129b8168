package jp.catdata.opensearch;

/** The newest accepted fix of one cat, with the centroid of the cat's fixes so far. */
public class LatestPosition {

    public String catId;
    public String eventId;
    public String municipalityCode;

    /** Time of the fix as a UTC instant in epoch milliseconds. */
    public long observedAtMs;

    public double lat;
    public double lon;

    /** Speed of the segment that ends at this fix, in metres per second, or null. */
    public Double speedMps;

    /** Mean latitude of the cat's accepted fixes, this one included. */
    public double homeRangeCentroidLat;

    /** Mean longitude of the cat's accepted fixes, this one included. */
    public double homeRangeCentroidLon;

    /** Number of fixes behind the centroid. */
    public long homeRangeFixes;

    public LatestPosition() {}
}
