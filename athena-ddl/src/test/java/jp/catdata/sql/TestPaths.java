package jp.catdata.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates this module's SQL files and the real data sets beside the repository. */
final class TestPaths {

    private TestPaths() {}

    /** Returns the athena-ddl folder, holding tables/, views/ and queries/. */
    static Path sqlDir() {
        return Paths.get(System.getProperty("catdata.sql.dir", ".")).toAbsolutePath().normalize();
    }

    static Path tables() {
        return sqlDir().resolve("tables");
    }

    static Path views() {
        return sqlDir().resolve("views");
    }

    static Path queries() {
        return sqlDir().resolve("queries");
    }

    /** Returns the real Movebank tidy export of 101 pet cats in the United Kingdom. */
    static Path catsUkCsv() {
        return sharedFile("cats_uk.csv");
    }

    /** Returns the Movebank reference data (one row per tag deployment) of the same cats. */
    static Path catsUkReferenceCsv() {
        return sharedFile("cats_uk_reference.csv");
    }

    private static Path sharedFile(String name) {
        String dir = System.getProperty("catdata.shared.dir", "../../shared");
        Path file = Paths.get(dir, "data", "pet-cats-uk", name).toAbsolutePath().normalize();
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "real data file "
                            + file
                            + " not found; the folder 'shared' must sit beside the repository"
                            + " checkout, or set -Dcatdata.shared.dir");
        }
        return file;
    }
}
