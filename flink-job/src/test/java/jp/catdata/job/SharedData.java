package jp.catdata.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the real data sets that live beside the repository, outside version control. */
final class SharedData {

    private SharedData() {}

    /** Returns the real Movebank tidy export of 101 pet cats in the United Kingdom. */
    static Path catsUkCsv() {
        String dir = System.getProperty("catdata.shared.dir", "../../shared");
        Path file =
                Paths.get(dir, "data", "pet-cats-uk", "cats_uk.csv").toAbsolutePath().normalize();
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
