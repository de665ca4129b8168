package jp.catdata.event;

/**
 * Japanese local government codes (JIS X 0402): two digits of prefecture, three of municipality and
 * one check digit.
 *
 * <p>The check digit is the last digit of {@code 11 - (sum mod 11)}, where the sum weights the
 * first five digits by 6, 5, 4, 3 and 2. For example Taito City, Tokyo, is 13106 with check digit
 * 7: 6 + 15 + 4 + 0 + 12 = 37, 37 mod 11 = 4, 11 - 4 = 7.
 */
public final class MunicipalityCode {

    private static final int[] WEIGHTS = {6, 5, 4, 3, 2};

    private MunicipalityCode() {}

    /** Computes the check digit of a five-digit code. */
    public static int checkDigit(String fiveDigits) {
        if (fiveDigits == null || fiveDigits.length() != 5 || !allDigits(fiveDigits)) {
            throw new IllegalArgumentException(
                    "expected five digits for a JIS X 0402 code, got: " + fiveDigits);
        }
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return (11 - sum % 11) % 10;
    }

    /** Returns true for six digits whose last digit is the check digit of the first five. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 6 || !allDigits(code)) {
            return false;
        }
        int prefecture = Integer.parseInt(code.substring(0, 2));
        if (prefecture < 1 || prefecture > 47) {
            // Prefecture codes run from 01 (Hokkaido) to 47 (Okinawa).
            return false;
        }
        return checkDigit(code.substring(0, 5)) == code.charAt(5) - '0';
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
