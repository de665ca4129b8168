package jp.catdata.sql;

/**
 * Validates Japanese local government codes (JIS X 0402): two digits of prefecture (01 to 47),
 * three of municipality and a check digit, the last digit of {@code 11 - (sum mod 11)} where the
 * sum weights the first five digits by 6, 5, 4, 3 and 2.
 *
 * <p>The job validates codes with the same rule ({@code jp.catdata.event.MunicipalityCode}); this
 * module does not depend on the job's jar at run time, so it carries its own copy, and a test
 * compares the two on every five-digit prefix.
 */
public final class MunicipalityCodes {

    private static final int[] WEIGHTS = {6, 5, 4, 3, 2};

    private MunicipalityCodes() {}

    /** Returns true for six digits with a valid prefecture and check digit. */
    public static boolean isValid(String code) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        int prefecture = Integer.parseInt(code.substring(0, 2));
        if (prefecture < 1 || prefecture > 47) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (code.charAt(i) - '0') * WEIGHTS[i];
        }
        return (11 - sum % 11) % 10 == code.charAt(5) - '0';
    }
}
