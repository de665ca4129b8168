package jp.catdata.process;

/** Density of one grid cell in one municipality and one tumbling event-time window. */
public class CellDensity {

    public String municipalityCode;

    /** Geohash of the cell. */
    public String cellId;

    public int geohashPrecision;
    public double cellCentreLat;
    public double cellCentreLon;

    /** JIS X 0410 third-level (about 1 km) mesh code of the cell centre; null outside Japan. */
    public String meshCode1km;

    /** JIS X 0410 quarter (about 250 m) mesh code of the cell centre; null outside Japan. */
    public String meshCode250m;

    public long windowStartMs;
    public long windowEndMs;

    /** Accepted GPS collar fixes. */
    public long fixes;

    /** Distinct cat ids among all accepted events. */
    public long distinctCats;

    /** Accepted sightings and camera-trap detections. */
    public long sightings;

    /** Sum of the occupancy credited to the fixes in the cell, in minutes. */
    public double occupancyCatMinutes;

    public CellDensity() {}
}
