package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCsvTest {

    @TempDir Path tempDir;

    @Test
    void movebankReferenceReadsAllCats() throws IOException {
        // Independent count: the condition column of each data line, split by hand.
        List<String> lines = Files.readAllLines(TestPaths.catsUkReferenceCsv());
        Map<String, Integer> conditions = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String condition = line.split(",")[7].replace("\"", "");
            conditions.merge(condition, 1, Integer::sum);
        }

        RegistryCsv.Result result = RegistryCsv.read(TestPaths.catsUkReferenceCsv(), "pet");

        assertThat(result.errors()).isEmpty();
        assertThat(result.layout()).isEqualTo(RegistryCsv.Layout.MOVEBANK_REFERENCE);
        assertThat(result.entries()).hasSize(lines.size() - 1);
        Map<String, Integer> neutered = new TreeMap<>();
        for (RegistryEntry e : result.entries()) {
            neutered.merge(String.valueOf(e.neutered()), 1, Integer::sum);
        }
        assertThat(neutered.get("true"))
                .isEqualTo(conditions.get("Neutered") + conditions.get("Spayed"));
        assertThat(neutered.get("false")).isEqualTo(conditions.get("Not fixed"));
        assertThat(neutered.get("null")).isEqualTo(conditions.get("NA"));
        assertThat(result.ignoredColumns())
                .containsExactly(
                        "animal_taxon", "food_dry", "food_wet", "food_other", "study_site");
    }

    @Test
    void movebankFirstRowMapped() throws IOException {
        // Line 2: "Tommy-Tag","Tommy","Felis catus",2017-06-03 01:02:09,2017-06-10 02:10:52,
        // TRUE,12.5,"Neutered","m",12.5,2,TRUE,TRUE,FALSE,"UK",11
        RegistryEntry tommy =
                RegistryCsv.read(TestPaths.catsUkReferenceCsv(), "pet").entries().get(0);
        assertThat(tommy.catId()).isEqualTo("Tommy-Tag");
        assertThat(tommy.name()).isEqualTo("Tommy");
        assertThat(tommy.sex()).isEqualTo("male");
        assertThat(tommy.reproductiveCondition()).isEqualTo("neutered");
        assertThat(tommy.neutered()).isTrue();
        assertThat(tommy.earTipped()).isNull();
        assertThat(tommy.ageYears()).isEqualTo(11);
        assertThat(tommy.birthYear()).isEqualTo(2006);
        assertThat(tommy.status()).isEqualTo("pet");
        assertThat(tommy.hrsIndoors()).isEqualTo(12.5);
        assertThat(tommy.nCats()).isEqualTo(2);
        assertThat(tommy.hunts()).isTrue();
        assertThat(tommy.preyPerMonth()).isEqualTo(12.5);
        assertThat(tommy.deploymentStart()).isEqualTo(Instant.parse("2017-06-03T01:02:09Z"));
        assertThat(tommy.deploymentEnd()).isEqualTo(Instant.parse("2017-06-10T02:10:52Z"));
        assertThat(tommy.origin()).isEqualTo("cats_uk_reference.csv:2");
    }

    @Test
    void registryLayoutRead() throws IOException {
        Path csv =
                write(
                        "cat_id,name,sex,reproductive_condition,ear_tipped,birth_year,status",
                        "c1,Tama,female,Spayed,TRUE,2020,community",
                        "c2,,m,NA,,,stray");
        RegistryCsv.Result result = RegistryCsv.read(csv, null);
        assertThat(result.errors()).isEmpty();
        assertThat(result.layout()).isEqualTo(RegistryCsv.Layout.REGISTRY);
        RegistryEntry c1 = result.entries().get(0);
        RegistryEntry c2 = result.entries().get(1);
        assertThat(c1.neutered()).isTrue();
        assertThat(c1.earTipped()).isTrue();
        assertThat(c1.birthYear()).isEqualTo(2020);
        assertThat(c1.status()).isEqualTo("community");
        assertThat(c2.name()).isNull();
        assertThat(c2.sex()).isEqualTo("male");
        assertThat(c2.neutered()).isNull();
        assertThat(c2.origin()).isEqualTo("registry.csv:3");
    }

    @Test
    void invalidValuesListed() throws IOException {
        Path csv =
                write(
                        "cat_id,sex,reproductive_condition,age_years,status,deployment_start,deployment_end",
                        "c1,x,Neutered,3,pet,,",
                        "c2,f,Fixed,3,pet,,",
                        "c3,f,Spayed,-1,pet,,",
                        "c4,f,Spayed,3,feral,,",
                        "c5,f,Spayed,3,pet,2017-06-03 01:00:00,2017-06-02 01:00:00",
                        ",f,Spayed,3,pet,,",
                        "c1,f,Spayed,3,pet,,");
        RegistryCsv.Result result = RegistryCsv.read(csv, null);
        assertThat(result.entries()).isEmpty();
        assertThat(result.errors())
                .containsExactly(
                        "registry.csv line 2: sex 'x' is not m, f, male, female or NA",
                        "registry.csv line 3: reproductive_condition 'Fixed' is not Neutered,"
                                + " Castrated, Spayed, Not fixed, Intact, Entire or NA",
                        "registry.csv line 4: age_years '-1' is not a whole number from 0 to 40",
                        "registry.csv line 5: status 'feral' is not pet, community or stray",
                        "registry.csv line 6: deployment_end 2017-06-02T01:00:00Z is before"
                                + " deployment_start 2017-06-03T01:00:00Z",
                        "registry.csv line 7: cat_id is missing",
                        "registry.csv line 8: cat_id 'c1' repeats line 2; each cat has one row");
    }

    @Test
    void unknownColumnRejected() throws IOException {
        Path csv = write("cat_id,neutered,status", "c1,TRUE,pet");
        RegistryCsv.Result result = RegistryCsv.read(csv, null);
        assertThat(result.entries()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0))
                .startsWith("registry.csv: unknown column 'neutered'")
                .endsWith("(neutered is derived from reproductive_condition)");
    }

    @Test
    void missingStatusColumnRejected() throws IOException {
        RegistryCsv.Result result = RegistryCsv.read(TestPaths.catsUkReferenceCsv(), null);
        assertThat(result.entries()).isEmpty();
        assertThat(result.errors())
                .containsExactly(
                        "cats_uk_reference.csv: has no status column; add one (pet, community or"
                                + " stray) or pass --default-status");
    }

    @Test
    void shortRowRejected() throws IOException {
        Path csv = write("cat_id,status", "c1");
        RegistryCsv.Result result = RegistryCsv.read(csv, null);
        assertThat(result.errors())
                .containsExactly("registry.csv line 2: has 1 fields, the header has 2");
    }

    @Test
    void otherTaxonRejected() throws IOException {
        Path csv =
                write("tag_id,animal_taxon,animal_reproductive_condition", "t1,Vulpes vulpes,NA");
        RegistryCsv.Result result = RegistryCsv.read(csv, "pet");
        assertThat(result.errors())
                .containsExactly(
                        "registry.csv line 2: animal_taxon 'Vulpes vulpes' is not Felis catus");
    }

    @Test
    void unknownHeaderRejected() throws IOException {
        Path csv = write("id,sex", "1,m");
        assertThatThrownBy(() -> RegistryCsv.read(csv, "pet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has neither a cat_id column");
    }

    private Path write(String... lines) throws IOException {
        Path file = tempDir.resolve("registry.csv");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void byteOrderMarkStripped() throws IOException {
        Path csv = tempDir.resolve("excel.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "cat_id,name,status\nc1,タマ,community\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        Files.write(csv, bytes);

        RegistryCsv.Result result = RegistryCsv.read(csv, null);

        assertThat(result.errors()).isEmpty();
        assertThat(result.layout()).isEqualTo(RegistryCsv.Layout.REGISTRY);
        assertThat(result.entries()).hasSize(1);
        assertThat(result.entries().get(0).catId()).isEqualTo("c1");
        assertThat(result.entries().get(0).name()).isEqualTo("タマ");
    }

    @Test
    void shiftJisRejected() throws IOException {
        Path csv = tempDir.resolve("sjis.csv");
        Files.write(
                csv,
                "cat_id,name,status\nc1,Tama,pet\nc2,タマ,community\n"
                        .getBytes(java.nio.charset.Charset.forName("Shift_JIS")));
        assertThatThrownBy(() -> RegistryCsv.read(csv, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sjis.csv line 3")
                .hasMessageContaining("not UTF-8")
                .hasMessageContaining("CSV UTF-8");
    }

    @Test
    void unterminatedQuoteNamesLine() throws IOException {
        Path csv = tempDir.resolve("quote.csv");
        Files.write(
                csv,
                List.of("cat_id,name,status", "c1,Tama,pet", "c2,\"Mike,pet", "c3,Kuro,pet"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RegistryCsv.read(csv, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote.csv line 3")
                .hasMessageContaining("quote");
    }
}
