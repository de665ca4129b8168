package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the local SQL command on a warehouse that holds only the registry of the real cats. */
class SqlCommandTest {

    @TempDir static Path warehouse;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void loadRegistry() throws Exception {
        RegistryLoader.load(TestPaths.catsUkReferenceCsv(), "131067", "pet", warehouse);
    }

    private int run(String... args) {
        return SqlCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void adHocSqlPrintsTable() {
        int code =
                run(
                        "--warehouse",
                        warehouse.toString(),
                        "--sql",
                        "SELECT sex, count(*) AS cats FROM cat_registry GROUP BY sex ORDER BY sex");
        assertThat(code).isZero();
        // 44 "f" and 57 "m" rows in the reference file's animal_sex column.
        assertThat(out().lines().toList())
                .containsExactly(
                        "sex    | cats",
                        "------ | ----",
                        "female |   44",
                        "male   |   57",
                        "(2 rows)");
    }

    @Test
    void namedQueryWritesCsv() throws Exception {
        Path csv = warehouse.resolve("hotspots.csv");
        int code =
                run(
                        "top_hotspots",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067",
                        "--param",
                        "from_date=2017-06-01",
                        "--param",
                        "to_date=2017-11-30",
                        "--param",
                        "top_n=5",
                        "--csv",
                        csv.toString());
        assertThat(code).as(err()).isZero();
        // No positions in this warehouse: the table reads as empty, with a note.
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        "hotspot_rank,cell_id,distinct_cats,fixes,days_with_cats,centroid_lat,"
                                + "centroid_lon,first_fix_at,last_fix_at");
        assertThat(err()).contains("table positions reads as empty");
    }

    @Test
    void csvToStandardOutput() {
        int code =
                run(
                        "--warehouse", warehouse.toString(),
                        "--sql", "SELECT count(*) AS cats FROM cat_registry",
                        "--csv", "-");
        assertThat(code).as(err()).isZero();
        assertThat(out().lines().toList()).containsExactly("cats", "101");
        assertThat(err()).isEmpty();
    }

    @Test
    void missingParameterNamed() {
        int code =
                run(
                        "top_hotspots",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("missing parameter from_date for top_hotspots");
    }

    @Test
    void unknownParameterRejected() {
        int code = run("top_hotspots", "--warehouse", warehouse.toString(), "--param", "town=x");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("unknown parameter town for top_hotspots");
    }

    @Test
    void unknownQueryListsNames() {
        int code = run("hotspots", "--warehouse", warehouse.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("query 'hotspots' not found").contains("top_hotspots");
    }

    @Test
    void missingWarehouseExplained() {
        int code = run("--warehouse", warehouse.resolve("none").toString(), "--sql", "SELECT 1");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("warehouse folder").contains("run-local.sh");
    }

    @Test
    void sqlErrorExitsOne() {
        int code =
                run("--warehouse", warehouse.toString(), "--sql", "SELECT nope FROM cat_registry");
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("error: query failed:");
    }

    @Test
    void listShowsQuestionsAndParameters() {
        int code = run("--list");
        assertThat(code).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).contains("  tnr_priority", "  rejected_daily");
        assertThat(out()).contains("--param top_n=...  (bigint)");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(run("--max-rows", "-1", "x")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("a", "b")).isEqualTo(2);
        assertThat(run("--param", "novalue", "x")).isEqualTo(2);
        assertThat(err()).contains("--param expects NAME=VALUE");
    }

    @Test
    void unpaddedDateRejected() {
        int code =
                run(
                        "top_hotspots",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067",
                        "--param",
                        "from_date=2017-07-01",
                        "--param",
                        "to_date=2017-7-31",
                        "--param",
                        "top_n=5");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("parameter to_date").contains("'2017-7-31'");
        assertThat(err()).contains("yyyy-MM-dd");
    }

    @Test
    void fromDateAfterToDateRejected() {
        int code =
                run(
                        "top_hotspots",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067",
                        "--param",
                        "from_date=2017-12-01",
                        "--param",
                        "to_date=2017-06-01",
                        "--param",
                        "top_n=5");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("from_date 2017-12-01 is after to_date 2017-06-01");
        assertThat(out()).isEmpty();
    }

    @Test
    void impossibleDateRejected() {
        int code =
                run(
                        "top_hotspots",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067",
                        "--param",
                        "from_date=2017-11-31",
                        "--param",
                        "to_date=2017-12-01",
                        "--param",
                        "top_n=5");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("parameter from_date").contains("'2017-11-31'");
    }

    @Test
    void nightHourOutOfRangeRejected() {
        int code =
                run(
                        "night_share",
                        "--warehouse",
                        warehouse.toString(),
                        "--param",
                        "municipality_code=131067",
                        "--param",
                        "from_date=2017-07-01",
                        "--param",
                        "to_date=2017-07-31",
                        "--param",
                        "night_start_hour=24",
                        "--param",
                        "night_end_hour=6");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("night_start_hour").contains("0 to 23");
    }

    @Test
    void headerShortOfMarksRejected() throws Exception {
        Path file = warehouse.resolve("short_header.sql");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "-- Question: How many cats of a sex?",
                        "--   1. sex  string  male or female",
                        "SELECT count(*) AS cats FROM cat_registry",
                        "WHERE sex = ? AND status = ?"));
        int code = run(file.toString(), "--warehouse", warehouse.toString(), "--param", "sex=male");
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("has 2 ? marks").contains("declares 1 parameters");
        assertThat(err()).contains("one parameter per ?");
        assertThat(out()).isEmpty();
    }

    @Test
    void missingHeaderRejected() throws Exception {
        Path file = warehouse.resolve("no_header.sql");
        Files.writeString(file, "SELECT count(*) AS cats FROM cat_registry WHERE sex = ?\n");
        int code = run(file.toString(), "--warehouse", warehouse.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("has 1 ? marks but no header comment");
        assertThat(err()).contains("a header comment listing the parameters is needed");
    }

    @Test
    void csvToMissingFolderExplained() {
        Path csv = warehouse.resolve("no-such-folder").resolve("cats.csv");
        int code =
                run(
                        "--warehouse", warehouse.toString(),
                        "--sql", "SELECT count(*) AS cats FROM cat_registry",
                        "--csv", csv.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("cannot write " + csv).contains("no such directory");
    }
}
