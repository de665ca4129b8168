package jp.catdata.sql;

import java.util.Locale;

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
     * Converts a value given on the command line to the parameter's type.
     *
     * @throws IllegalArgumentException if the value is not of the parameter's type
     */
    public Object convert(String value) {
        if (type == Type.STRING) {
            return value;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "parameter " + name + " must be a whole number (bigint), got '" + value + "'");
        }
    }
}
