package jp.catdata.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Checks the table folders of a local run's output location before the job starts, and deletes them
 * for {@code --overwrite}. It goes through Flink's {@link FileSystem}, so a local folder and an
 * {@code s3://} prefix follow the same rule.
 *
 * <p>{@code --overwrite} deletes a table folder only if everything in it has a name that the
 * Parquet sinks write: partition folders {@code municipality_code=<code>/dt=<yyyy-MM-dd>}, and in
 * them committed part files and the in-progress files of Flink's {@code FileSink}. Any other entry
 * stops the run before anything is deleted, because it may be someone's data.
 */
final class OutputTables {

    private static final Pattern MUNICIPALITY_FOLDER = Pattern.compile("municipality_code=[^/]+");

    private static final Pattern DATE_FOLDER = Pattern.compile("dt=\\d{4}-\\d{2}-\\d{2}");

    /**
     * Names of the files that the sinks write into a partition folder, as flink-core and
     * flink-s3-fs-hadoop 1.19 name them: committed part files, the hidden in-progress files of the
     * local file system ({@code .<part>.inprogress.<uuid>}) and the objects of S3 parts persisted
     * at a checkpoint but not yet committed ({@code _<part>_tmp_<uuid>}).
     */
    private static final Pattern SINK_FILE =
            Pattern.compile(
                    "part-[^/]+\\.parquet"
                            + "|\\.part-[^/]+\\.parquet\\.inprogress\\.[^/]+"
                            + "|_part-[^/]+\\.parquet_tmp_[^/]+");

    private OutputTables() {}

    /**
     * Rejects an output location that is the root of its file system, or that contains tables of an
     * earlier run while {@code overwrite} is false. With {@code overwrite}, deletes those tables
     * once {@link #findForeignEntry} finds nothing foreign in any of them. Every rejection is an
     * {@link IllegalArgumentException} whose message names the entry at fault and what to do next.
     *
     * @param outputUri absolute URI of the output location, such as {@code file:///data/warehouse}
     *     or {@code s3://bucket/curated}
     */
    static void prepare(String outputUri, boolean overwrite) {
        Path output = new Path(outputUri);
        if (output.getParent() == null) {
            throw new IllegalArgumentException(
                    "output "
                            + describe(outputUri)
                            + " is the root of its file system; choose a folder for the tables,"
                            + " for example --output warehouse");
        }
        try {
            FileSystem fs = output.getFileSystem();
            List<Path> existing = new ArrayList<>();
            for (String table : JobRunner.TABLES) {
                Path folder = new Path(output, table);
                if (fs.exists(folder)) {
                    existing.add(folder);
                }
            }
            if (existing.isEmpty()) {
                return;
            }
            if (!overwrite) {
                throw new IllegalArgumentException(
                        "output "
                                + describe(outputUri)
                                + " already contains table '"
                                + existing.get(0).getName()
                                + "' from an earlier run; pass --overwrite to replace the"
                                + " tables, or choose another --output");
            }
            // All tables are checked before the first is deleted, so a rejection deletes nothing.
            for (Path folder : existing) {
                String foreign = findForeignEntry(fs, folder);
                if (foreign != null) {
                    throw new IllegalArgumentException(
                            "--overwrite did not delete table folder "
                                    + describe(folder.toString())
                                    + " because it contains "
                                    + foreign
                                    + ", which the job does not write; move that out of the"
                                    + " folder, or choose another --output");
                }
            }
            for (Path folder : existing) {
                if (!fs.delete(folder, true)) {
                    throw new IllegalArgumentException(
                            "deleting table folder "
                                    + describe(folder.toString())
                                    + " failed; check its permissions, or choose another"
                                    + " --output");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "checking output "
                            + describe(outputUri)
                            + " failed: "
                            + e.getMessage()
                            + "; check that it is reachable and readable",
                    e);
        }
    }

    /**
     * Returns the path, relative to the table folder, of the first entry (in name order) that the
     * Parquet sinks do not write, or null if there is none. A table folder that is a file is itself
     * foreign, reported as its own name.
     */
    static String findForeignEntry(FileSystem fs, Path tableFolder) throws IOException {
        if (!fs.getFileStatus(tableFolder).isDir()) {
            return tableFolder.getName();
        }
        for (FileStatus municipality : sortedListing(fs, tableFolder)) {
            String name = municipality.getPath().getName();
            if (!municipality.isDir() || !MUNICIPALITY_FOLDER.matcher(name).matches()) {
                return name;
            }
            for (FileStatus date : sortedListing(fs, municipality.getPath())) {
                String dateName = name + "/" + date.getPath().getName();
                if (!date.isDir() || !DATE_FOLDER.matcher(date.getPath().getName()).matches()) {
                    return dateName;
                }
                for (FileStatus file : sortedListing(fs, date.getPath())) {
                    String fileName = file.getPath().getName();
                    if (file.isDir() || !SINK_FILE.matcher(fileName).matches()) {
                        return dateName + "/" + fileName;
                    }
                }
            }
        }
        return null;
    }

    private static FileStatus[] sortedListing(FileSystem fs, Path folder) throws IOException {
        FileStatus[] listing = fs.listStatus(folder);
        if (listing == null) {
            return new FileStatus[0];
        }
        Arrays.sort(listing, Comparator.comparing(status -> status.getPath().getName()));
        return listing;
    }

    /**
     * Returns a local output as its absolute path, such as {@code /data/warehouse}, and any other
     * output as its URI.
     */
    static String describe(String outputUri) {
        Path path = new Path(outputUri);
        String scheme = path.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return path.toUri().getPath();
        }
        return outputUri;
    }
}
