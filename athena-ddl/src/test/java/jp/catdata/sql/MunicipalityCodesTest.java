package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.MunicipalityCode;
import org.junit.jupiter.api.Test;

class MunicipalityCodesTest {

    @Test
    void publishedCodesValid() {
        // Taito City, Tokyo (13106-7) and Sapporo (01100-2), from the JIS X 0402 list.
        assertThat(MunicipalityCodes.isValid("131067")).isTrue();
        assertThat(MunicipalityCodes.isValid("011002")).isTrue();
    }

    @Test
    void wrongCheckDigitInvalid() {
        assertThat(MunicipalityCodes.isValid("131068")).isFalse();
    }

    @Test
    void malformedInvalid() {
        assertThat(MunicipalityCodes.isValid(null)).isFalse();
        assertThat(MunicipalityCodes.isValid("13106")).isFalse();
        assertThat(MunicipalityCodes.isValid("13106a")).isFalse();
        assertThat(MunicipalityCodes.isValid("481000")).as("prefecture 48").isFalse();
        assertThat(MunicipalityCodes.isValid("unknown")).isFalse();
    }

    @Test
    void agreesWithJobEverywhere() {
        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        for (int prefix = 0; prefix < 100_000; prefix++) {
            for (int check = 0; check < 10; check++) {
                String code = String.format("%05d%d", prefix, check);
                boolean ours = MunicipalityCodes.isValid(code);
                if (ours != MunicipalityCode.isValid(code)) {
                    disagreements.add(code);
                }
                valid += ours ? 1 : 0;
            }
        }
        assertThat(disagreements).isEmpty();
        // One check digit per five-digit prefix of prefectures 01 to 47.
        assertThat(valid).isEqualTo(47 * 1000);
    }
}
