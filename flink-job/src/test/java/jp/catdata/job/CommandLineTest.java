package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final String SOURCE = "CatData.Source";
    private static final String PROCESSING = "CatData.Processing";
    private static final String OUTPUT = "CatData.Output";

    private static String property(CommandLine cli, String group, String key) {
        Properties properties = cli.overrides.get(group);
        return properties == null ? null : properties.getProperty(key);
    }

    @Test
    void noArgumentsKeepsDefaults() {
        CommandLine cli = CommandLine.parse(new String[0]);
        assertThat(cli.help).isFalse();
        assertThat(cli.overwrite).isFalse();
        assertThat(cli.propertiesFile).isNull();
        assertThat(cli.parallelism).isEqualTo(2);
        assertThat(cli.overrides).isEmpty();
        assertThat(cli.stopWhenIdleMs).isZero();
    }

    @Test
    void optionsMapToProperties() {
        // Option, value, and the group and property it sets.
        String[][] cases = {
            {"--input-format", "movebank-csv", SOURCE, "file.format"},
            {"--output", "out/tables", OUTPUT, "output.path"},
            {"--municipality-code", "131067", PROCESSING, "municipality.default-code"},
            {"--time-zone", "Europe/London", PROCESSING, "time-zone"},
            {"--cats", "12", SOURCE, "simulator.cats"},
            {"--records", "3000", SOURCE, "simulator.records"},
            {"--seed", "7", SOURCE, "simulator.seed"},
            {"--kinesis-endpoint", "http://127.0.0.1:4568", SOURCE, "kinesis.endpoint"},
            {"--aws-region", "eu-west-2", SOURCE, "aws.region"},
            {"--initial-position", "TRIM_HORIZON", SOURCE, "kinesis.initial-position"},
            {"--initial-timestamp", "2026-06-01T00:00:00Z", SOURCE, "kinesis.initial-timestamp"},
            {"--consumer-type", "efo", SOURCE, "kinesis.consumer-type"},
            {"--s3-endpoint", "http://127.0.0.1:18081", OUTPUT, "s3.endpoint"},
            {"--opensearch", "http://127.0.0.1:9200", "CatData.OpenSearch", "opensearch.endpoint"},
        };
        for (String[] c : cases) {
            CommandLine cli = CommandLine.parse(new String[] {c[0], c[1]});
            assertThat(property(cli, c[2], c[3])).as(c[0]).isEqualTo(c[1]);
            assertThat(cli.overrides).as(c[0]).containsOnlyKeys(c[2]);
            assertThat(cli.overrides.get(c[2])).as(c[0]).hasSize(1);
        }
    }

    @Test
    void inputSetsFileSource() {
        CommandLine cli = CommandLine.parse(new String[] {"--input", "data/cats.csv"});
        assertThat(property(cli, SOURCE, "source.type")).isEqualTo("file");
        assertThat(property(cli, SOURCE, "file.path")).isEqualTo("data/cats.csv");
    }

    @Test
    void localOptionsSetFields() {
        CommandLine cli =
                CommandLine.parse(
                        new String[] {
                            "--parallelism", "4", "--overwrite", "--properties", "local.json"
                        });
        assertThat(cli.parallelism).isEqualTo(4);
        assertThat(cli.overwrite).isTrue();
        assertThat(cli.propertiesFile).isEqualTo("local.json");
        assertThat(cli.overrides).isEmpty();
    }

    @Test
    void equalsFormAccepted() {
        CommandLine cli =
                CommandLine.parse(
                        new String[] {
                            "--output=out/tables",
                            "--input=data/cats.csv",
                            "--parallelism=3",
                            "--properties=local.json",
                            "--time-zone=Asia/Tokyo"
                        });
        assertThat(property(cli, OUTPUT, "output.path")).isEqualTo("out/tables");
        assertThat(property(cli, SOURCE, "source.type")).isEqualTo("file");
        assertThat(property(cli, SOURCE, "file.path")).isEqualTo("data/cats.csv");
        assertThat(cli.parallelism).isEqualTo(3);
        assertThat(cli.propertiesFile).isEqualTo("local.json");
        assertThat(property(cli, PROCESSING, "time-zone")).isEqualTo("Asia/Tokyo");
    }

    @Test
    void equalsFormSplitsAtFirstEquals() {
        CommandLine cli = CommandLine.parse(new String[] {"--output=dir=with=equals"});
        assertThat(property(cli, OUTPUT, "output.path")).isEqualTo("dir=with=equals");
    }

    @Test
    void laterOptionWins() {
        CommandLine cli = CommandLine.parse(new String[] {"--seed", "1", "--seed=2"});
        assertThat(property(cli, SOURCE, "simulator.seed")).isEqualTo("2");
    }

    @Test
    void helpFlags() {
        assertThat(CommandLine.parse(new String[] {"--help"}).help).isTrue();
        assertThat(CommandLine.parse(new String[] {"-h"}).help).isTrue();
        assertThat(CommandLine.parse(new String[] {"--cats", "3", "--help"}).help).isTrue();
    }

    @Test
    void usageListsEveryOption() {
        String[] options = {
            "--input",
            "--input-format",
            "--output",
            "--municipality-code",
            "--time-zone",
            "--cats",
            "--records",
            "--seed",
            "--kinesis-stream",
            "--kinesis-endpoint",
            "--aws-region",
            "--initial-position",
            "--initial-timestamp",
            "--consumer-type",
            "--stop-when-idle",
            "--s3-endpoint",
            "--s3-path-style-access",
            "--parallelism",
            "--overwrite",
            "--properties",
            "--help"
        };
        for (String option : options) {
            assertThat(CommandLine.USAGE).contains("  " + option + " ");
        }
    }

    @Test
    void unknownOptionRejected() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour", "red"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option '--colour'")
                .hasMessageContaining("--help");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour=red"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option '--colour'");
    }

    @Test
    void unknownLastOptionRejected() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option '--colour'");
    }

    @Test
    void missingValueRejected() {
        for (String option :
                new String[] {"--output", "--input", "--parallelism", "--properties", "--seed"}) {
            assertThatThrownBy(() -> CommandLine.parse(new String[] {"--cats", "3", option}))
                    .as(option)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("option " + option + " needs a value");
        }
    }

    @Test
    void emptyValueRejected() {
        for (String[] args :
                new String[][] {{"--output="}, {"--parallelism", ""}, {"--output", " "}}) {
            assertThatThrownBy(() -> CommandLine.parse(args))
                    .as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("needs a value");
        }
    }

    @Test
    void flagWithValueRejected() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--overwrite=yes"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --overwrite takes no value");
    }

    @Test
    void kinesisStreamSetsKinesisSource() {
        CommandLine cli = CommandLine.parse(new String[] {"--kinesis-stream", "cats-test"});
        assertThat(property(cli, SOURCE, "source.type")).isEqualTo("kinesis");
        assertThat(property(cli, SOURCE, "kinesis.stream-name")).isEqualTo("cats-test");
        assertThat(cli.overrides).containsOnlyKeys(SOURCE);
        assertThat(cli.overrides.get(SOURCE)).hasSize(2);
    }

    @Test
    void kinesisOptionsReachJobConfig() {
        CommandLine cli =
                CommandLine.parse(
                        new String[] {
                            "--kinesis-stream=cats-test",
                            "--kinesis-endpoint=http://127.0.0.1:4568",
                            "--initial-position=at-timestamp",
                            "--initial-timestamp=2026-06-01T09:00:00+09:00",
                            "--consumer-type=efo"
                        });
        JobConfig c = JobConfig.fromPropertyGroups(cli.overrides);
        assertThat(c.sourceType).isEqualTo(JobConfig.SourceType.KINESIS);
        assertThat(c.kinesisStreamName).isEqualTo("cats-test");
        assertThat(c.kinesisEndpoint).isEqualTo("http://127.0.0.1:4568");
        assertThat(c.kinesisInitialPosition).isEqualTo(JobConfig.InitialPosition.AT_TIMESTAMP);
        // 2026-06-01T00:00:00Z: 20,605 days after 1970-01-01.
        assertThat(c.kinesisInitialTimestampMs).isEqualTo(20_605L * 86_400_000L);
        assertThat(c.kinesisConsumerType).isEqualTo(JobConfig.ConsumerType.EFO);
    }

    @Test
    void stopWhenIdleParsed() {
        // Value, expected milliseconds.
        Object[][] cases = {
            {"PT30S", 30_000L},
            {"PT1S", 1_000L},
            {"PT1.5S", 1_500L},
            {"PT2M", 120_000L},
            {"P1D", 86_400_000L},
        };
        for (Object[] c : cases) {
            CommandLine cli = CommandLine.parse(new String[] {"--stop-when-idle", (String) c[0]});
            assertThat(cli.stopWhenIdleMs).as((String) c[0]).isEqualTo(c[1]);
            assertThat(cli.overrides).as((String) c[0]).isEmpty();
        }
        assertThat(CommandLine.parse(new String[] {"--stop-when-idle=PT45S"}).stopWhenIdleMs)
                .isEqualTo(45_000L);
    }

    @Test
    void stopWhenIdleInvalidRejected() {
        for (String value : new String[] {"30s", "30", "PT0.999S", "PT0S", "-PT5S", "PT-30S"}) {
            assertThatThrownBy(() -> CommandLine.parse(new String[] {"--stop-when-idle", value}))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "option --stop-when-idle is '"
                                    + value
                                    + "': expected an ISO-8601 duration of at least 1 s, such as"
                                    + " PT30S");
        }
    }

    @Test
    void stopWhenIdleMissingValueRejected() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--stop-when-idle"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --stop-when-idle needs a value");
    }

    @Test
    void s3PathStyleAccessFlag() {
        CommandLine cli = CommandLine.parse(new String[] {"--s3-path-style-access"});
        assertThat(property(cli, OUTPUT, "s3.path-style-access")).isEqualTo("true");
        assertThat(cli.overrides.get(OUTPUT)).hasSize(1);
    }

    @Test
    void s3PathStyleAccessWithValueRejected() {
        for (String option : new String[] {"--s3-path-style-access=x", "--s3-path-style-access="}) {
            assertThatThrownBy(() -> CommandLine.parse(new String[] {option}))
                    .as(option)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("option --s3-path-style-access takes no value");
        }
    }

    @Test
    void optionAsValueRejected() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--output", "--overwrite"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --output needs a value");
    }

    @Test
    void badParallelismRejected() {
        for (String value : new String[] {"0", "65", "-1", "two", "2.5"}) {
            assertThatThrownBy(() -> CommandLine.parse(new String[] {"--parallelism", value}))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "option --parallelism is '"
                                    + value
                                    + "': expected an integer from 1 to 64");
        }
    }

    @Test
    void parallelismBoundsAccepted() {
        assertThat(CommandLine.parse(new String[] {"--parallelism", "1"}).parallelism).isEqualTo(1);
        assertThat(CommandLine.parse(new String[] {"--parallelism", "64"}).parallelism)
                .isEqualTo(64);
    }
}
