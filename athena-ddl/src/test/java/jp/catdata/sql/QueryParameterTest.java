package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParameterTest {

    private static final QueryParameter TO_DATE =
            new QueryParameter(
                    3, "to_date", QueryParameter.Type.STRING, "last local date, 'yyyy-MM-dd'");
    private static final QueryParameter START_HOUR =
            new QueryParameter(
                    7, "night_start_hour", QueryParameter.Type.BIGINT, "first hour of the night");

    @Test
    void dateAccepted() {
        assertThat(TO_DATE.convert("2017-07-31")).isEqualTo("2017-07-31");
        assertThat(TO_DATE.convert("2016-02-29")).isEqualTo("2016-02-29");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2017-7-31",
                "2017-07-1",
                "17-07-31",
                "2017/07/31",
                "2017-11-31",
                "2017-13-01",
                "2017-02-29",
                "2017-07-31T00:00",
                ""
            })
    void invalidDateRejected(String value) {
        assertThatThrownBy(() -> TO_DATE.convert(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter to_date")
                .hasMessageContaining("got '" + value + "'")
                .hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void dateDeclaredByDescription() {
        QueryParameter day =
                new QueryParameter(1, "day", QueryParameter.Type.STRING, "local day, 'yyyy-MM-dd'");
        assertThat(day.isDate()).isTrue();
        assertThatThrownBy(() -> day.convert("2017-7-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherStringUnchecked() {
        QueryParameter code =
                new QueryParameter(1, "municipality_code", QueryParameter.Type.STRING, "code");
        assertThat(code.isDate()).isFalse();
        assertThat(code.convert("2017-7-31")).isEqualTo("2017-7-31");
    }

    @Test
    void hourInRangeAccepted() {
        assertThat(START_HOUR.convert("0")).isEqualTo(0L);
        assertThat(START_HOUR.convert("23")).isEqualTo(23L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "24", "25"})
    void hourOutOfRangeRejected(String value) {
        assertThatThrownBy(() -> START_HOUR.convert(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("night_start_hour")
                .hasMessageContaining("0 to 23")
                .hasMessageContaining("'" + value + "'");
    }
}
