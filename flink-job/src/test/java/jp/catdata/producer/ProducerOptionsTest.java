package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerOptionsTest {

    @Test
    void defaults() {
        ProducerOptions options = ProducerOptions.parse(new String[0]);
        assertThat(options.stream).isEqualTo("cat-position-stream");
        assertThat(options.region).isEqualTo("ap-northeast-1");
        assertThat(options.endpoint).isNull();
        assertThat(options.input).isNull();
        assertThat(options.rateLimitPerShard).isZero();
        assertThat(options.maxRetries).isEqualTo(5);
        assertThat(options.timeOrder).isFalse();
        assertThat(options.municipalityCode).isNull();
        assertThat(options.simulatorSettings().municipalityCode()).isEqualTo("131067");
    }

    @Test
    void movebankFileNeedsMunicipalityCode(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("export.csv");
        Files.writeString(
                csv,
                "timestamp,location-long,location-lat,individual-local-identifier\n"
                        + "2017-06-03 10:00:00.000,-5.07,50.15,Ares\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // The check runs before any request, so the closed loopback port is never reached.
        int status =
                KinesisProducerCommand.execute(
                        new String[] {
                            "--input", csv.toString(), "--endpoint", "http://127.0.0.1:9"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Movebank files carry no municipality code")
                .contains("--municipality-code");
    }

    @Test
    void timeOrderWithInput() {
        ProducerOptions before =
                ProducerOptions.parse(new String[] {"--time-order", "--input", "cats.csv"});
        assertThat(before.timeOrder).isTrue();
        assertThat(before.input).isEqualTo("cats.csv");

        ProducerOptions after =
                ProducerOptions.parse(new String[] {"--input", "cats.csv", "--time-order"});
        assertThat(after.timeOrder).isTrue();
        assertThat(after.input).isEqualTo("cats.csv");
    }

    @Test
    void timeOrderNeedsInput() {
        assertThatThrownBy(() -> ProducerOptions.parse(new String[] {"--time-order"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--time-order")
                .hasMessageContaining("--input");
        assertThatThrownBy(
                        () ->
                                ProducerOptions.parse(
                                        new String[] {"--time-order", "--records", "10"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--input");
    }

    @Test
    void helpListsTimeOrder() {
        assertThat(ProducerOptions.HELP).contains("  --time-order ");
    }

    @Test
    void parsesValues() {
        ProducerOptions options =
                ProducerOptions.parse(
                        new String[] {
                            "--stream",
                            "s",
                            "--endpoint",
                            "http://127.0.0.1:1",
                            "--records",
                            "7",
                            "--cats",
                            "3",
                            "--max-retries",
                            "0",
                            "--rate-limit-per-shard",
                            "1000",
                            "--municipality-code",
                            "011002"
                        });
        assertThat(options.stream).isEqualTo("s");
        assertThat(options.endpoint).isEqualTo("http://127.0.0.1:1");
        assertThat(options.records).isEqualTo(7);
        assertThat(options.cats).isEqualTo(3);
        assertThat(options.maxRetries).isZero();
        assertThat(options.rateLimitPerShard).isEqualTo(1000);
        assertThat(options.municipalityCode).isEqualTo("011002");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> ProducerOptions.parse(new String[] {"--records", "0"}))
                .hasMessageContaining("--records");
        assertThatThrownBy(() -> ProducerOptions.parse(new String[] {"--max-retries", "-1"}))
                .hasMessageContaining("--max-retries");
        assertThatThrownBy(
                        () -> ProducerOptions.parse(new String[] {"--municipality-code", "131060"}))
                .hasMessageContaining("131060");
        assertThatThrownBy(() -> ProducerOptions.parse(new String[] {"--stream"}))
                .hasMessageContaining("missing value");
    }

    @Test
    void usageErrorExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                KinesisProducerCommand.execute(
                        new String[] {"--unknown", "1"},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --unknown");
    }
}
