package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultWriterTest {

    private static final QueryResult RESULT =
            new QueryResult(
                    List.of("cell_id", "cats", "share", "first_fix_at"),
                    List.of("VARCHAR", "BIGINT", "DOUBLE", "TIMESTAMP WITH TIME ZONE"),
                    List.of(
                            Arrays.asList(
                                    "gbumk3x",
                                    6L,
                                    0.125,
                                    OffsetDateTime.parse("2017-07-22T01:28:49+01:00")),
                            Arrays.asList("a,b", 12L, 1.0E7, null)));

    @Test
    void tableAlignsNumbersRight() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultWriter.printTable(RESULT, 0, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "cell_id | cats | share    | first_fix_at",
                        "------- | ---- | -------- | -----------------------",
                        "gbumk3x |    6 |    0.125 | 2017-07-22 00:28:49.000",
                        "a,b     |   12 | 10000000 | NULL",
                        "(2 rows)");
    }

    @Test
    void tableStopsAtMaxRows() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultWriter.printTable(RESULT, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("gbumk3x")
                .doesNotContain("a,b")
                .contains("(2 rows, first 1 shown;");
    }

    @Test
    void csvQuotesAndLeavesNullEmpty() throws Exception {
        StringWriter csv = new StringWriter();
        ResultWriter.writeCsv(RESULT, csv);
        assertThat(csv.toString().lines().toList())
                .containsExactly(
                        "cell_id,cats,share,first_fix_at",
                        "gbumk3x,6,0.125,2017-07-22 00:28:49.000",
                        "\"a,b\",12,10000000,");
    }
}
