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
