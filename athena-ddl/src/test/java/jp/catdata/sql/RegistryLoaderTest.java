package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLoaderTest {

    @TempDir Path warehouse;

    private Path partitionFile() {
        return warehouse.resolve("cat_registry/municipality_code=131067/cat_registry.parquet");
    }

    @Test
    void movebankReferenceLoaded() throws Exception {
        RegistryLoader.Summary summary =
                RegistryLoader.load(TestPaths.catsUkReferenceCsv(), "131067", "pet", warehouse);

        assertThat(summary.file()).isEqualTo(partitionFile());
        assertThat(summary.rows()).isEqualTo(101);
        assertThat(summary.byStatus()).containsExactly(java.util.Map.entry("pet", 101));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT count(*), count_if(neutered), count_if(NOT neutered),"
                                        + " count(DISTINCT cat_id) FROM read_parquet('"
                                        + partitionFile()
                                        + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(101);
            assertThat(rs.getLong(2)).as("Neutered 55 + Spayed 41").isEqualTo(96);
            assertThat(rs.getLong(3)).as("Not fixed").isEqualTo(2);
            assertThat(rs.getLong(4)).isEqualTo(101);
        }
    }

    @Test
    void invalidFileWritesNothing() throws Exception {
        Path csv = warehouse.resolve("bad.csv");
        Files.write(csv, List.of("cat_id,status", "c1,pet", "c2,feral"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RegistryLoader.load(csv, "131067", null, warehouse))
                .isInstanceOf(RegistryLoader.InvalidRegistryException.class)
                .hasMessageContaining("bad.csv was not loaded: 1 problem(s)")
                .hasMessageContaining(
                        "bad.csv line 3: status 'feral' is not pet, community or stray");
        assertThat(warehouse.resolve("cat_registry")).doesNotExist();
    }

    @Test
    void reloadReplacesSnapshot() throws Exception {
        Path first = warehouse.resolve("first.csv");
        Files.write(first, List.of("cat_id,status", "c1,pet", "c2,stray"), StandardCharsets.UTF_8);
        Path second = warehouse.resolve("second.csv");
        Files.write(second, List.of("cat_id,status", "c3,community"), StandardCharsets.UTF_8);
        Path stale = partitionFile().resolveSibling("old-upload.parquet");

        RegistryLoader.load(first, "131067", null, warehouse);
        Files.copy(partitionFile(), stale);
        RegistryLoader.load(second, "131067", null, warehouse);

        assertThat(stale).doesNotExist();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT string_agg(cat_id, ',') FROM read_parquet('"
                                        + partitionFile().getParent()
                                        + "/*.parquet')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("c3");
        }
    }

    @Test
    void invalidMunicipalityRejected() {
        assertThatThrownBy(
                        () ->
                                RegistryLoader.load(
                                        TestPaths.catsUkReferenceCsv(), "131068", "pet", warehouse))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("municipality code '131068' is not a valid");
    }

    @Test
    void commandReportsErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                RegistryLoader.run(
                        new String[] {
                            "--input", TestPaths.catsUkReferenceCsv().toString(),
                            "--municipality-code", "131067",
                            "--warehouse", warehouse.toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("has no status column")
                .contains("--default-status");
    }

    @Test
    void commandLoadsAndSummarises() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                RegistryLoader.run(
                        new String[] {
                            "--input",
                            TestPaths.catsUkReferenceCsv().toString(),
                            "--municipality-code",
                            "131067",
                            "--warehouse",
                            warehouse.toString(),
                            "--default-status",
                            "pet"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Loaded 101 cats into")
                .contains("intact=2, neutered=55, not recorded=3, spayed=41");
        assertThat(partitionFile()).exists();
    }

    private int runLoader(Path csv, ByteArrayOutputStream err) {
        return RegistryLoader.run(
                new String[] {
                    "--input", csv.toString(),
                    "--municipality-code", "131067",
                    "--warehouse", warehouse.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shiftJisExitsTwo() throws Exception {
        Path csv = warehouse.resolve("sjis.csv");
        Files.write(
                csv,
                "cat_id,name,status\nc1,タマ,pet\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-31j")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(runLoader(csv, err)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("not UTF-8")
                .contains("CSV UTF-8")
                .doesNotContain("cannot write");
        assertThat(warehouse.resolve("cat_registry")).doesNotExist();
    }

    @Test
    void unterminatedQuoteExitsTwo() throws Exception {
        Path csv = warehouse.resolve("quote.csv");
        Files.write(csv, List.of("cat_id,status", "\"c1,pet"), StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(runLoader(csv, err)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("quote.csv line 2");
        assertThat(warehouse.resolve("cat_registry")).doesNotExist();
    }
}
