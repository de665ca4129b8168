package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobRunnerS3Test {

    private static JobConfig config(String... settings) {
        Properties output = new Properties();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            output.setProperty(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return JobConfig.fromPropertyGroups(Map.of(JobConfig.OUTPUT_GROUP, output));
    }

    @Test
    void s3PathsRecognized() {
        assertThat(JobRunner.isS3("s3://cat-data-v21/curated")).isTrue();
        assertThat(JobRunner.isS3("S3://cat-data-v21/curated")).isTrue();
        assertThat(JobRunner.isS3("file:///tmp/warehouse")).isFalse();
        assertThat(JobRunner.isS3("s3a://cat-data-v21/curated")).isFalse();
        assertThat(JobRunner.isS3("warehouse")).isFalse();
    }

    @Test
    void fileSystemKeysSet() {
        Configuration conf =
                JobRunner.s3FileSystemConfiguration(
                        config(
                                "s3.endpoint=http://127.0.0.1:18081",
                                "s3.path-style-access=true",
                                "s3.access-key=local-test-access-key",
                                "s3.secret-key=local-test-secret-key"));
        // Keys of flink-s3-fs-hadoop, which maps s3.* to the fs.s3a.* keys of Hadoop S3A.
        assertThat(conf.toMap())
                .isEqualTo(
                        Map.of(
                                "s3.endpoint", "http://127.0.0.1:18081",
                                "s3.path.style.access", "true",
                                "s3.access-key", "local-test-access-key",
                                "s3.secret-key", "local-test-secret-key"));
    }

    @Test
    void fileSystemDefaultsLeftOut() {
        Configuration conf = JobRunner.s3FileSystemConfiguration(config());
        assertThat(conf.toMap()).isEqualTo(Map.of("s3.path.style.access", "false"));
    }

    @Test
    void descriptionHidesKeys() {
        String text =
                JobRunner.describeS3(
                        config("s3.access-key=key-id-1234", "s3.secret-key=secret-5678"));
        assertThat(text).doesNotContain("key-id-1234");
        assertThat(text).doesNotContain("secret-5678");
        assertThat(text).contains("access key and secret key set");
        assertThat(text).contains("endpoint (AWS default)");
    }

    @Test
    void descriptionNamesDefaultChain() {
        String text = JobRunner.describeS3(config("s3.endpoint=http://127.0.0.1:18081"));
        assertThat(text).contains("endpoint http://127.0.0.1:18081");
        assertThat(text).contains("default AWS credential chain");
    }
}
