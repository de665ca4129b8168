package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up checks of local runs against closed loopback ports. {@code OpenSearchSinkIT} and
 * {@code LocalPreflightIT} run them against a real OpenSearch node and a real kinesis-mock.
 */
class LocalPreflightTest {

    @TempDir Path dir;

    /** Returns a loopback port that nothing listens on: it was free a moment ago. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs the job runner and returns exit code, standard output and standard error. */
    static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(code),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void openSearchClosedPortExits2() throws Exception {
        String endpoint = "http://127.0.0.1:" + closedPort();
        Path output = dir.resolve("warehouse");

        String[] result =
                run("--records", "10", "--output", output.toString(), "--opensearch", endpoint);

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2])
                .startsWith(
                        "error: GET / on the OpenSearch endpoint "
                                + endpoint
                                + " (--opensearch) failed: ");
        assertThat(result[2]).contains("Connection refused");
        assertThat(result[2]).contains("infra/local/opensearch.sh start");
        assertThat(result[2].lines()).hasSize(1);
        assertThat(result[1]).isEmpty();
        assertThat(output).doesNotExist();
    }

    @Test
    void kinesisClosedPortExits2() throws Exception {
        String endpoint = "http://127.0.0.1:" + closedPort();
        Path output = dir.resolve("warehouse");

        String[] result =
                run(
                        "--kinesis-stream",
                        "cat-position-stream",
                        "--kinesis-endpoint",
                        endpoint,
                        "--output",
                        output.toString());

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2])
                .startsWith(
                        "error: DescribeStreamSummary of Kinesis stream cat-position-stream"
                                + " (--kinesis-stream) at "
                                + endpoint
                                + " (--kinesis-endpoint) in region ap-northeast-1");
        assertThat(result[2]).contains("failed: ");
        assertThat(result[2]).contains("infra/local/kinesis-mock.sh start");
        assertThat(result[2].lines()).hasSize(1);
        assertThat(output).doesNotExist();
    }

    @Test
    void failureSummarySkipsFlinkWrappers() {
        ConnectException root = new ConnectException("Connection refused");
        IOException install = new IOException("installing the index templates failed", root);
        JobException suppressed = new JobException("Recovery is suppressed", install);
        JobExecutionException failed =
                new JobExecutionException(new JobID(), "Job execution failed.", suppressed);

        assertThat(JobRunner.failureSummary(failed))
                .isEqualTo(
                        "IOException: installing the index templates failed, caused by"
                                + " ConnectException: Connection refused");
    }

    @Test
    void failureSummaryOfSingleException() {
        assertThat(JobRunner.failureSummary(new IllegalStateException("no shards")))
                .isEqualTo("IllegalStateException: no shards");
    }
}
