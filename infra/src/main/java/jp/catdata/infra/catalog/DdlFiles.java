package jp.catdata.infra.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the table DDL files, {@code <table>.sql} with one CREATE EXTERNAL TABLE statement each. */
public final class DdlFiles {

    private DdlFiles() {}

    /**
     * Parses every {@code .sql} file in {@code dir}, in file name order.
     *
     * @return the tables
     * @throws IllegalArgumentException when {@code dir} is not a folder or contains no {@code .sql}
     *     file, because a catalog without tables would deploy silently. Also when a file contains
     *     no statement, several statements, or a table whose name differs from the file name
     */
    public static List<TableDefinition> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "DDL folder "
                            + dir.toAbsolutePath()
                            + " does not exist; set the context value athenaDdlDir to the"
                            + " athena-ddl/tables folder of the repository");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files =
                    listing.filter(path -> path.getFileName().toString().endsWith(".sql"))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list DDL folder " + dir, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "DDL folder "
                            + dir.toAbsolutePath()
                            + " holds no .sql file; set the context value athenaDdlDir to the"
                            + " athena-ddl/tables folder of the repository");
        }
        List<TableDefinition> tables = new ArrayList<>();
        for (Path file : files) {
            tables.add(loadFile(file));
        }
        return tables;
    }

    static TableDefinition loadFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DDL file " + file, e);
        }
        String fileName = file.getFileName().toString();
        List<TableDefinition> tables = AthenaDdlParser.parse(text, fileName);
        if (tables.size() != 1) {
            throw new IllegalArgumentException(
                    fileName
                            + " holds "
                            + tables.size()
                            + " CREATE EXTERNAL TABLE statements; put each table in its own file");
        }
        TableDefinition table = tables.get(0);
        String expected = fileName.substring(0, fileName.length() - ".sql".length());
        if (!table.name().equals(expected)) {
            throw new IllegalArgumentException(
                    fileName
                            + " creates table '"
                            + table.name()
                            + "'; rename the file to "
                            + table.name()
                            + ".sql or the table to "
                            + expected);
        }
        return table;
    }
}
