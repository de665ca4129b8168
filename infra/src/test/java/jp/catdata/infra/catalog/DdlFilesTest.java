package jp.catdata.infra.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdlFilesTest {

    @TempDir Path dir;

    @Test
    void loadSortedByFileName() throws IOException {
        write("b_table.sql", ddl("b_table"));
        write("a_table.sql", ddl("a_table"));
        write("notes.txt", "not DDL");

        assertThat(DdlFiles.load(dir))
                .extracting(TableDefinition::name)
                .containsExactly("a_table", "b_table");
    }

    @Test
    void loadMissingFolder() {
        assertThatThrownBy(() -> DdlFiles.load(dir.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("athenaDdlDir");
    }

    @Test
    void loadFolderWithoutDdl() throws IOException {
        write("notes.txt", "not DDL");
        assertThatThrownBy(() -> DdlFiles.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no .sql file");
    }

    @Test
    void rejectNameMismatch() throws IOException {
        write("positions.sql", ddl("other"));

        assertThatThrownBy(() -> DdlFiles.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positions.sql creates table 'other'");
    }

    @Test
    void rejectTwoTablesInOneFile() throws IOException {
        write("two.sql", ddl("two") + ";\n" + ddl("three"));

        assertThatThrownBy(() -> DdlFiles.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two.sql holds 2");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static String ddl(String table) {
        return "CREATE EXTERNAL TABLE "
                + table
                + " (a string) STORED AS PARQUET LOCATION 's3://cat-data-v21/curated/"
                + table
                + "/'";
    }
}
