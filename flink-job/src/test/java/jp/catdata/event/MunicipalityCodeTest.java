package jp.catdata.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MunicipalityCodeTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // Six-digit codes as published in the national list of local government codes.
        "131016, Chiyoda",
        "131041, Shinjuku",
        "131067, Taito",
        "131130, Shibuya",
        "011002, Sapporo",
        "271004, Osaka",
        "472018, Naha"
    })
    void realCodesValid(String code, String name) {
        assertThat(MunicipalityCode.isValid(code)).isTrue();
        assertThat(MunicipalityCode.checkDigit(code.substring(0, 5)))
                .isEqualTo(code.charAt(5) - '0');
    }

    @Test
    void checkDigitWhenRemainderIsZero() {
        // Shinjuku 13104: 6 + 15 + 4 + 0 + 8 = 33 = 3 * 11, so 11 - 0 = 11 and the digit is 1.
        assertThat(MunicipalityCode.checkDigit("13104")).isEqualTo(1);
    }

    @Test
    void checkDigitWhenRemainderIsOne() {
        // Shibuya 13113: 6 + 15 + 4 + 3 + 6 = 34 = 3 * 11 + 1, so 11 - 1 = 10 and the digit is 0.
        assertThat(MunicipalityCode.checkDigit("13113")).isEqualTo(0);
    }

    @Test
    void everyWrongCheckDigitRejected() {
        for (char digit = '0'; digit <= '9'; digit++) {
            String code = "13101" + digit;
            assertThat(MunicipalityCode.isValid(code)).as(code).isEqualTo(digit == '6');
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"13101", "1310160", "0110020", "1"})
    void wrongLengthRejected(String code) {
        assertThat(MunicipalityCode.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13101a", "1310 6", "-13101", "+31016", "１３１０１６", "13101６"})
    void nonDigitsRejected(String code) {
        assertThat(MunicipalityCode.isValid(code)).isFalse();
    }

    @Test
    void prefectureZeroRejected() {
        // 00100: 0 + 0 + 4 + 0 + 0 = 4, check digit 11 - 4 = 7, so only the prefecture is wrong.
        assertThat(MunicipalityCode.checkDigit("00100")).isEqualTo(7);
        assertThat(MunicipalityCode.isValid("001007")).isFalse();
    }

    @Test
    void prefecture48Rejected() {
        // 48100: 24 + 40 + 4 + 0 + 0 = 68 = 6 * 11 + 2, check digit 9; prefectures end at 47.
        assertThat(MunicipalityCode.checkDigit("48100")).isEqualTo(9);
        assertThat(MunicipalityCode.isValid("481009")).isFalse();
    }

    @Test
    void prefectureCodeAlone() {
        // Tokyo as a prefecture is 13000: 6 + 15 = 21 = 11 + 10, so 11 - 10 = 1.
        assertThat(MunicipalityCode.isValid("130001")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1310", "131016", "1310a"})
    void checkDigitRejectsBadInput(String fiveDigits) {
        assertThatThrownBy(() -> MunicipalityCode.checkDigit(fiveDigits))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected five digits");
    }
}
