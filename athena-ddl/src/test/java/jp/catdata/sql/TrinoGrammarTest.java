package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.ComparisonExpression;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses every query and view with Trino's SQL grammar (trino-parser, the grammar of Athena engine
 * version 3) and checks the rules Athena adds: {@code ?} parameters only in WHERE clauses, and a
 * static municipality_code filter on every table of the database, which the injected partition
 * projection requires.
 */
class TrinoGrammarTest {

    private static final SqlParser PARSER = new SqlParser();

    static Stream<SqlFile> queries() {
        return SqlFile.list(TestPaths.queries()).stream();
    }

    static Stream<SqlFile> views() {
        return SqlFile.list(TestPaths.views()).stream();
    }

    @Test
    void everyQuestionHasQueries() {
        assertThat(queries().map(SqlFile::name))
                .containsExactlyInAnyOrder(
                        "cat_daily_activity",
                        "cat_weekly_trend",
                        "density_heat_map",
                        "fixes_per_cat_day",
                        "night_share",
                        "rejected_per_reason_day",
                        "tnr_priority",
                        "top_hotspots");
        assertThat(views().map(SqlFile::name))
                .containsExactlyInAnyOrder(
                        "cat_activity_daily", "fixes_per_cat_day", "rejected_daily");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void queryParses(SqlFile file) {
        Statement statement = PARSER.createStatement(file.statement());
        assertThat(statement).isInstanceOf(Query.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void viewParses(SqlFile file) {
        Statement statement = PARSER.createStatement(file.statement());
        assertThat(statement).isInstanceOf(CreateView.class);
        CreateView view = (CreateView) statement;
        assertThat(view.getName().toString()).isEqualTo("cat_data_v21." + file.name());
        assertThat(view.isReplace()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void headerDeclaresEveryParameter(SqlFile file) {
        List<Parameter> marks = new ArrayList<>();
        collect(PARSER.createStatement(file.statement()), Parameter.class, marks);
        assertThat(file.question()).as("question of %s", file.name()).isNotBlank();
        assertThat(file.parameters()).as("parameters of %s", file.name()).isNotEmpty();
        assertThat(marks).as("? marks of %s", file.name()).hasSameSizeAs(file.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void viewHasQuestionNoParameters(SqlFile file) {
        List<Parameter> marks = new ArrayList<>();
        collect(PARSER.createStatement(file.statement()), Parameter.class, marks);
        assertThat(file.question()).as("question of %s", file.name()).isNotBlank();
        assertThat(marks).as("? marks of %s", file.name()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void parametersOnlyInWhere(SqlFile file) {
        List<Boolean> inWhere = new ArrayList<>();
        parameterContexts(PARSER.createStatement(file.statement()), false, inWhere);
        assertThat(inWhere).as("? marks of %s", file.name()).isNotEmpty().containsOnly(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void everyTableFilteredByMunicipality(SqlFile file) {
        List<QuerySpecification> specifications = new ArrayList<>();
        collect(PARSER.createStatement(file.statement()), QuerySpecification.class, specifications);
        int tables = 0;
        for (QuerySpecification spec : specifications) {
            List<String> qualifiers = new ArrayList<>();
            spec.getFrom().ifPresent(from -> databaseRelations(from, qualifiers));
            List<Expression> conjuncts = new ArrayList<>();
            spec.getWhere().ifPresent(where -> conjuncts(where, conjuncts));
            for (String qualifier : qualifiers) {
                tables++;
                boolean single = qualifiers.size() == 1;
                assertThat(
                                conjuncts.stream()
                                        .anyMatch(c -> isMunicipalityFilter(c, qualifier, single)))
                        .as(
                                "%s: relation %s needs WHERE %s.municipality_code = ? (static value)",
                                file.name(), qualifier, qualifier)
                        .isTrue();
            }
        }
        assertThat(tables).as("tables of %s", file.name()).isPositive();
    }

    @Test
    void missingFilterIsDetected() {
        QuerySpecification spec =
                specification(
                        "SELECT p.cell_id FROM cat_data_v21.positions p"
                                + " JOIN cat_data_v21.cat_registry r ON r.cat_id = p.cat_id"
                                + " WHERE p.municipality_code = ?");
        List<String> qualifiers = new ArrayList<>();
        databaseRelations(spec.getFrom().orElseThrow(), qualifiers);
        List<Expression> conjuncts = new ArrayList<>();
        conjuncts(spec.getWhere().orElseThrow(), conjuncts);
        assertThat(qualifiers).containsExactly("p", "r");
        assertThat(conjuncts.stream().anyMatch(c -> isMunicipalityFilter(c, "p", false))).isTrue();
        assertThat(conjuncts.stream().anyMatch(c -> isMunicipalityFilter(c, "r", false))).isFalse();
    }

    @Test
    void parameterInSelectIsDetected() {
        List<Boolean> inWhere = new ArrayList<>();
        parameterContexts(
                PARSER.createStatement(
                        "SELECT hour(observed_at) + ? FROM cat_data_v21.positions"
                                + " WHERE municipality_code = ?"),
                false,
                inWhere);
        assertThat(inWhere).containsExactly(false, true);
    }

    private static QuerySpecification specification(String sql) {
        List<QuerySpecification> specifications = new ArrayList<>();
        collect(PARSER.createStatement(sql), QuerySpecification.class, specifications);
        return specifications.get(0);
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
        if (type.isInstance(node)) {
            found.add(type.cast(node));
        }
        for (Node child : node.getChildren()) {
            collect(child, type, found);
        }
    }

    /** Records, for each {@code ?} in tree order, whether it lies in a WHERE clause. */
    private static void parameterContexts(Node node, boolean inWhere, List<Boolean> found) {
        if (node instanceof Parameter) {
            found.add(inWhere);
        }
        Optional<Expression> where =
                node instanceof QuerySpecification spec ? spec.getWhere() : Optional.empty();
        for (Node child : node.getChildren()) {
            boolean isWhere = where.isPresent() && child == where.get();
            parameterContexts(child, inWhere || isWhere, found);
        }
    }

    /**
     * Adds the qualifier (alias, else table name) of each table or view of the cat_data_v21
     * database in a FROM clause. Subqueries and CTEs are checked where they are defined.
     */
    private static void databaseRelations(Relation relation, List<String> qualifiers) {
        if (relation instanceof AliasedRelation aliased
                && aliased.getRelation() instanceof Table table) {
            if (isDatabaseTable(table)) {
                qualifiers.add(aliased.getAlias().getValue());
            }
        } else if (relation instanceof Table table) {
            if (isDatabaseTable(table)) {
                qualifiers.add(table.getName().getSuffix());
            }
        } else if (relation instanceof Join join) {
            databaseRelations(join.getLeft(), qualifiers);
            databaseRelations(join.getRight(), qualifiers);
        }
    }

    private static boolean isDatabaseTable(Table table) {
        return table.getName().toString().startsWith("cat_data_v21.");
    }

    private static void conjuncts(Expression expression, List<Expression> found) {
        if (expression instanceof LogicalExpression logical
                && logical.getOperator() == LogicalExpression.Operator.AND) {
            for (Expression term : logical.getTerms()) {
                conjuncts(term, found);
            }
        } else {
            found.add(expression);
        }
    }

    /**
     * Returns whether a conjunct is {@code qualifier.municipality_code = <? or literal>} or {@code
     * ... IN (<? or literals>)}; the qualifier may be left out when the FROM has one relation.
     */
    private static boolean isMunicipalityFilter(Expression c, String qualifier, boolean single) {
        if (c instanceof ComparisonExpression comparison
                && comparison.getOperator() == ComparisonExpression.Operator.EQUAL) {
            return (isColumn(comparison.getLeft(), qualifier, single)
                            && isStatic(comparison.getRight()))
                    || (isColumn(comparison.getRight(), qualifier, single)
                            && isStatic(comparison.getLeft()));
        }
        if (c instanceof InPredicate in && in.getValueList() instanceof InListExpression list) {
            return isColumn(in.getValue(), qualifier, single)
                    && list.getValues().stream().allMatch(TrinoGrammarTest::isStatic);
        }
        return false;
    }

    private static boolean isColumn(Expression e, String qualifier, boolean single) {
        if (e instanceof Identifier id) {
            return single && id.getValue().equals("municipality_code");
        }
        if (e instanceof DereferenceExpression d
                && d.getBase() instanceof Identifier base
                && d.getField().isPresent()) {
            return base.getValue().equals(qualifier)
                    && d.getField().get().getValue().equals("municipality_code");
        }
        return false;
    }

    private static boolean isStatic(Expression e) {
        return e instanceof Parameter || e instanceof StringLiteral;
    }
}
