package jp.catdata.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/** Reads a bucket back through Flink's {@code s3://} file system, as a job's output is read. */
final class S3Buckets {

    private S3Buckets() {}

    /**
     * Copies every object under {@code prefix/} of a bucket into a local folder, keeping the key
     * below the prefix as the relative path, and returns the keys of all objects in the bucket.
     */
    static List<String> copy(String bucket, String prefix, Path target) throws IOException {
        org.apache.flink.core.fs.Path root =
                new org.apache.flink.core.fs.Path("s3://" + bucket + "/");
        FileSystem fs = root.getFileSystem();
        List<String> keys = new ArrayList<>();
        collectKeys(fs, root, keys);
        for (String key : keys) {
            if (!key.startsWith(prefix + "/")) {
                continue;
            }
            Path file = target.resolve(key.substring(prefix.length() + 1));
            Files.createDirectories(file.getParent());
            try (InputStream in =
                    fs.open(new org.apache.flink.core.fs.Path("s3://" + bucket + "/" + key))) {
                Files.copy(in, file);
            }
        }
        return keys;
    }

    private static void collectKeys(
            FileSystem fs, org.apache.flink.core.fs.Path folder, List<String> keys)
            throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            if (status.isDir()) {
                collectKeys(fs, status.getPath(), keys);
            } else {
                keys.add(status.getPath().toUri().getPath().substring(1));
            }
        }
    }
}
