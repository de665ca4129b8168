package jp.catdata.sql;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code ?} execution parameter of a named query, as its header comment declares it.
 *
 * @param position 1-based position of the {@code ?} in the query text
 * @param name name under which a caller supplies the value; the same name may fill several
 *     positions
 * @param type SQL type of the value
 * @param description what the value means, with an example
 */
public record QueryParameter(int position, String name, Type type, String description) {

    private static final Pattern ZERO_PADDED_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** SQL types a parameter can have. */
    public enum Type {
        STRING,
        BIGINT;

        static Type fromSql(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Returns whether the value is a local date: the name ends in {@code _date} or the description
     * gives the form {@code 'yyyy-MM-dd'}. Such a value is compared as text with {@code dt} folder
     * names, so only the zero-padded form selects the right partitions.
     */
    public boolean isDate() {
        return type == Type.STRING
                && (name.endsWith("_date") || description.contains("'yyyy-MM-dd'"));
    }

    /**
     * Returns whether the value is an hour of the day: a bigint whose name ends in {@code _hour}.
     */
    public boolean isHour() {
        return type == Type.BIGINT && name.endsWith("_hour");
    }

    /**
     * Converts a value given on the command line to the parameter's type.
     *
     * @throws IllegalArgumentException if the value is not of the parameter's type, or not a
     *     zero-padded existing {@code yyyy-MM-dd} date for a date, or not 0 to 23 for an hour
     */
    public Object convert(String value) {
        if (type == Type.STRING) {
            return isDate() ? date(value) : value;
        }
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be a whole number (bigint), got '" + value + "'");
        }
        if (isHour() && (number < 0 || number > 23)) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be an hour from 0 to 23, got '" + value + "'");
        }
        return number;
    }

    private String date(String value) {
        String date = value.strip();
        if (ZERO_PADDED_DATE.matcher(date).matches()) {
            try {
                LocalDate.parse(date);
                return date;
            } catch (DateTimeParseException e) {
                // Reported below: a month or day that does not exist, such as 2017-11-31.
            }
        }
        throw new IllegalArgumentException(
                "parameter "
                        + name
                        + " must be a date in the form yyyy-MM-dd with zero-padded month and day,"
                        + " for example 2017-07-31; got '"
                        + value
                        + "'");
    }
}
