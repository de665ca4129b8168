package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlFileTest {

    private static final String QUERY =
            String.join(
                    "\n",
                    "-- Question: Which cells had cats",
                    "--   in a period?",
                    "-- Parameters: Athena execution parameters, in order:",
                    "--   1. municipality_code  string  six-digit code, for example '131067'",
                    "--   2. from_date          string  first local date",
                    "--   3. municipality_code  string  the same code again",
                    "--   4. top_n              bigint  number of cells",
                    "SELECT 1",
                    "FROM t;",
                    "");

    @Test
    void questionJoinsContinuationLines() {
        SqlFile file = SqlFile.parse(Path.of("queries/cells.sql"), QUERY);
        assertThat(file.question()).isEqualTo("Which cells had cats in a period?");
    }

    @Test
    void parametersInOrder() {
        SqlFile file = SqlFile.parse(Path.of("queries/cells.sql"), QUERY);
        List<QueryParameter> parameters = file.parameters();
        assertThat(parameters)
                .extracting(QueryParameter::name)
                .containsExactly("municipality_code", "from_date", "municipality_code", "top_n");
        assertThat(parameters).extracting(QueryParameter::position).containsExactly(1, 2, 3, 4);
        assertThat(parameters.get(3).type()).isEqualTo(QueryParameter.Type.BIGINT);
        assertThat(parameters.get(0).description())
                .isEqualTo("six-digit code, for example '131067'");
    }

    @Test
    void namesAreDistinct() {
        SqlFile file = SqlFile.parse(Path.of("queries/cells.sql"), QUERY);
        assertThat(file.parameterNames())
                .containsExactly("municipality_code", "from_date", "top_n");
    }

    @Test
    void statementDropsSemicolon() {
        SqlFile file = SqlFile.parse(Path.of("queries/cells.sql"), QUERY);
        assertThat(file.statement()).endsWith("FROM t").startsWith("-- Question:");
        assertThat(file.name()).isEqualTo("cells");
    }

    @Test
    void gapInNumberingRejected() {
        String text = "--   1. a  string  first\n--   3. b  string  third\nSELECT 1";
        assertThatThrownBy(() -> SqlFile.parse(Path.of("q.sql"), text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 3, expected 2");
    }

    @Test
    void bigintConversionRejectsText() {
        QueryParameter top = new QueryParameter(1, "top_n", QueryParameter.Type.BIGINT, "cells");
        assertThat(top.convert(" 10 ")).isEqualTo(10L);
        assertThatThrownBy(() -> top.convert("ten"))
                .hasMessageContaining("top_n must be a whole number");
    }

    @Test
    void adHocSqlHasNoParameters() {
        SqlFile file = SqlFile.parse(null, "SELECT count(*) FROM positions");
        assertThat(file.parameters()).isEmpty();
        assertThat(file.name()).isEqualTo("ad-hoc");
    }

    @Test
    void marksCounted() {
        SqlFile file = SqlFile.parse(Path.of("q.sql"), "SELECT * FROM t WHERE a = ? AND b < ?;");
        assertThat(file.markCount()).isEqualTo(2);
    }

    @Test
    void marksInLiteralsAndCommentsIgnored() {
        String text =
                String.join(
                        "\n",
                        "-- Is this ? a mark",
                        "SELECT 'it''s ?' AS \"a?\" /* no ? here */",
                        "FROM t -- nor ? here",
                        "WHERE a = ?");
        SqlFile file = SqlFile.parse(Path.of("q.sql"), text);
        assertThat(file.markCount()).isEqualTo(1);
    }

    @Test
    void headerDetected() {
        assertThat(SqlFile.parse(Path.of("q.sql"), QUERY).hasHeader()).isTrue();
        assertThat(SqlFile.parse(Path.of("q.sql"), "SELECT 1").hasHeader()).isFalse();
    }
}
