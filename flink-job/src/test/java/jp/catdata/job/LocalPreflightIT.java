package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import jp.catdata.producer.KinesisMockProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kinesis start-up check of local runs against kinesis-mock on loopback. */
class LocalPreflightIT {

    private static KinesisMockProcess mock;

    @TempDir Path dir;

    @BeforeAll
    static void startMock() throws Exception {
        mock = KinesisMockProcess.start();
    }

    @AfterAll
    static void stopMock() throws Exception {
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void missingStreamExits2() throws Exception {
        Path output = dir.resolve("warehouse");

        String[] result =
                LocalPreflightTest.run(
                        "--kinesis-stream",
                        "nosuch",
                        "--kinesis-endpoint",
                        mock.endpoint(),
                        "--output",
                        output.toString());

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2])
                .startsWith(
                        "error: Kinesis stream nosuch (--kinesis-stream) was not found at "
                                + mock.endpoint()
                                + " (--kinesis-endpoint) in region ap-northeast-1");
        assertThat(result[2]).contains("create the stream");
        assertThat(result[2].lines()).hasSize(1);
        assertThat(output).doesNotExist();
    }

    @Test
    void activeStreamPasses() {
        JobConfig config = new JobConfig();
        config.sourceType = JobConfig.SourceType.KINESIS;
        config.kinesisStreamName = KinesisMockProcess.STREAM;
        config.kinesisEndpoint = mock.endpoint();
        config.awsRegion = KinesisMockProcess.REGION;

        assertThatCode(() -> LocalPreflight.checkKinesisStream(config)).doesNotThrowAnyException();
    }
}
