package jp.catdata.event;

/** Method by which a position was obtained. The JSON value is the lower-case name. */
public enum EventSource {
    GPS_COLLAR("gps_collar"),
    SIGHTING("sighting"),
    CAMERA_TRAP("camera_trap");

    private final String code;

    EventSource(String code) {
        this.code = code;
    }

    /** Returns the value used in JSON and in the Parquet tables. */
    public String code() {
        return code;
    }

    /** Returns the source for a JSON value, or null when the value names no source. */
    public static EventSource fromCode(String code) {
        for (EventSource source : values()) {
            if (source.code.equals(code)) {
                return source;
            }
        }
        return null;
    }
}
