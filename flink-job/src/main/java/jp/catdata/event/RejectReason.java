package jp.catdata.event;

/**
 * Reason for rejecting a record. The lower-case code is written to the {@code rejected} table, so
 * the codes are a public contract: add new ones, never rename.
 */
public enum RejectReason {
    /** The bytes are not valid UTF-8, not JSON, or not a JSON object. */
    INVALID_JSON("invalid_json"),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field"),
    /** A field has the wrong JSON type, for example a latitude given as a string. */
    WRONG_TYPE("wrong_type"),
    /** A field has the right type but a value outside its domain, for example an unknown source. */
    INVALID_VALUE("invalid_value"),
    /** Latitude outside [-90, 90] or longitude outside [-180, 180]. */
    COORDINATE_OUT_OF_RANGE("coordinate_out_of_range"),
    /** Latitude or longitude is NaN or infinite. */
    COORDINATE_NOT_FINITE("coordinate_not_finite"),
    /**
     * Latitude and longitude are both 0, the value many GPS devices report when they have no fix.
     */
    ZERO_COORDINATES("zero_coordinates"),
    /** Not six digits, or the sixth digit is not the JIS X 0402 check digit of the first five. */
    INVALID_MUNICIPALITY_CODE("invalid_municipality_code"),
    /** The time stamp is not an RFC 3339 date-time. */
    INVALID_TIMESTAMP("invalid_timestamp"),
    /** The time stamp is a date-time without a UTC offset, so its instant is unknown. */
    MISSING_TIME_OFFSET("missing_time_offset"),
    /** The time stamp lies further in the future than the allowed clock skew. */
    FUTURE_TIMESTAMP("future_timestamp"),
    /** The device or the study marked the fix as an outlier. */
    MARKED_OUTLIER("marked_outlier"),
    /** Another record with the same event id was accepted before. */
    DUPLICATE_EVENT("duplicate_event"),
    /** The event arrived after the watermark had passed its time stamp. */
    LATE_EVENT("late_event"),
    /** Reaching the fix from the cat's previous accepted fix needs a speed above the limit. */
    IMPLAUSIBLE_SPEED("implausible_speed"),
    /** A CSV row has the wrong column count or broken quoting, is not UTF-8, or is too long. */
    INVALID_CSV_ROW("invalid_csv_row");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    /** Returns the code written to the rejected table. */
    public String code() {
        return code;
    }
}
