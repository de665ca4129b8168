package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTablesTest {

    private static final String PARTITION = "municipality_code=131067/dt=2017-06-24";

    @TempDir Path dir;

    /** Writes a file under the output folder, creating its parent folders. */
    private Path write(String relativePath) throws Exception {
        Path file = dir.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "bytes");
        return file;
    }

    private String outputUri() {
        return dir.toUri().toString();
    }

    @Test
    void emptyOutputAccepted() {
        OutputTables.prepare(outputUri(), false);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void foreignFileInTableKept() throws Exception {
        Path notes = write("positions/field-survey-2026.txt");
        Path part = write("rejected/municipality_code=unknown/dt=2017-06-24/part-a1-0-0.parquet");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("positions").toString())
                .hasMessageContaining("contains field-survey-2026.txt,")
                .hasMessageContaining("move that out of the folder");
        assertThat(notes).hasContent("bytes");
        // Tables are checked before any is deleted, so the valid table survives too.
        assertThat(part).exists();
    }

    @Test
    void foreignFileInPartitionNamed() throws Exception {
        write("cell_density/" + PARTITION + "/part-a1-0-0.parquet");
        Path notes = write("cell_density/" + PARTITION + "/notes.txt");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains " + PARTITION + "/notes.txt,");
        assertThat(notes).exists();
    }

    @Test
    void partitionWithoutMunicipalityRejected() throws Exception {
        Path part = write("positions/dt=2017-06-24/part-a1-0-0.parquet");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains dt=2017-06-24,");
        assertThat(part).exists();
    }

    @Test
    void folderInPartitionRejected() throws Exception {
        Path nested = write("positions/" + PARTITION + "/backup/part-a1-0-0.parquet");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains " + PARTITION + "/backup,");
        assertThat(nested).exists();
    }

    @Test
    void tableThatIsFileRejected() throws Exception {
        Path file = write("positions");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains positions,");
        assertThat(file).hasContent("bytes");
    }

    @Test
    void firstForeignEntryInNameOrder() throws Exception {
        write("positions/zz-notes.txt");
        write("positions/aa-notes.txt");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains aa-notes.txt,");
    }

    @Test
    void sinkFilesDeleted() throws Exception {
        // Names as Flink's FileSink writes them: committed, local in-progress, S3 pending part.
        write("positions/" + PARTITION + "/part-5f0c-0-3.parquet");
        write("positions/" + PARTITION + "/.part-5f0c-1-4.parquet.inprogress.9a8b7c6d");
        write("positions/" + PARTITION + "/_part-5f0c-0-5.parquet_tmp_1e2f3a4b");
        Files.createDirectories(dir.resolve("cat_movement_daily/municipality_code=131067"));
        Files.createDirectories(dir.resolve("cat_movement_hourly"));
        Path other = write("exports/notes.txt");

        OutputTables.prepare(outputUri(), true);

        assertThat(dir.resolve("positions")).doesNotExist();
        assertThat(dir.resolve("cat_movement_daily")).doesNotExist();
        assertThat(dir.resolve("cat_movement_hourly")).doesNotExist();
        assertThat(other).hasContent("bytes");
    }

    @Test
    void earlierTablesNeedOverwrite() throws Exception {
        Path part = write("cat_movement_hourly/" + PARTITION + "/part-5f0c-0-3.parquet");

        assertThatThrownBy(() -> OutputTables.prepare(outputUri(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already contains table 'cat_movement_hourly'")
                .hasMessageContaining("pass --overwrite");
        assertThat(part).exists();
    }

    @Test
    void rootRejected() {
        assertThatThrownBy(() -> OutputTables.prepare("file:///", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("output / is the root of its file system");
    }

    @Test
    void describeGivesLocalPath() {
        assertThat(OutputTables.describe("file:///data/warehouse")).isEqualTo("/data/warehouse");
        assertThat(OutputTables.describe("file:///")).isEqualTo("/");
        assertThat(OutputTables.describe("s3://cat-data-v21/curated"))
                .isEqualTo("s3://cat-data-v21/curated");
    }
}
