package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {

    private static final String TIDY_HEADER =
            "tag_id,event_id,visible,timestamp,location_long,location_lat,ground_speed,"
                    + "height_above_ellipsoid,algorithm_marked_outlier,manually_marked_outlier,"
                    + "study_name";

    private static final String TIDY_ROW =
            "Ares,1,TRUE,2017-06-24 01:03:57,-5.1,50.1,0,0,FALSE,FALSE,Pet Cats United Kingdom";

    @TempDir Path dir;

    private JobConfig simulatorConfig(Path output) {
        JobConfig config = new JobConfig();
        config.outputPath = output.toString();
        return config;
    }

    private JobConfig fileConfig(Path input, Path output) {
        JobConfig config = simulatorConfig(output);
        config.sourceType = JobConfig.SourceType.FILE;
        config.inputPath = input.toString();
        return config;
    }

    private Path movebankFile() throws Exception {
        Path csv = dir.resolve("cats.csv");
        Files.writeString(csv, TIDY_HEADER + "\n" + TIDY_ROW + "\n");
        return csv;
    }

    @Test
    void existingTableRejectedWithoutOverwrite() throws Exception {
        Path output = dir.resolve("warehouse");
        Path part = output.resolve("cell_density").resolve("dt=2026-06-01").resolve("part-0");
        Files.createDirectories(part.getParent());
        Files.writeString(part, "rows");

        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(simulatorConfig(output), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cell_density'")
                .hasMessageContaining("--overwrite")
                .hasMessageContaining(output.toString());
        assertThat(part).exists();
    }

    @Test
    void overwriteDeletesTablesOnly() throws Exception {
        Path output = dir.resolve("warehouse");
        for (String table : new String[] {"positions", "rejected"}) {
            Path part =
                    output.resolve(table)
                            .resolve("municipality_code=131067")
                            .resolve("dt=2026-06-01")
                            .resolve("part-0b1c2d3e-0-0.parquet");
            Files.createDirectories(part.getParent());
            Files.writeString(part, "rows");
        }
        Path notes = output.resolve("notes.txt");
        Files.writeString(notes, "keep");
        Path otherFolder = output.resolve("exports");
        Files.createDirectories(otherFolder);

        JobRunner.checkLocalInputAndOutput(simulatorConfig(output), true);

        assertThat(output.resolve("positions")).doesNotExist();
        assertThat(output.resolve("rejected")).doesNotExist();
        assertThat(notes).hasContent("keep");
        assertThat(otherFolder).isDirectory();
    }

    @Test
    void missingOutputFolderCreated() throws Exception {
        Path output = dir.resolve("new").resolve("warehouse");
        JobRunner.checkLocalInputAndOutput(simulatorConfig(output), false);
        assertThat(output).isDirectory();
    }

    @Test
    void rootOutputRejected() {
        assertThatThrownBy(
                        () ->
                                JobRunner.checkLocalInputAndOutput(
                                        simulatorConfig(Path.of("/")), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output / is the root of its file system");
    }

    @Test
    void bucketRootRejected() {
        // The root is rejected before the file system is opened, so no request leaves this JVM.
        JobConfig config = simulatorConfig(dir);
        config.outputPath = "s3://catdata-bucket/";
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://catdata-bucket/")
                .hasMessageContaining("root of its file system");
    }

    @Test
    void missingInputRejected() {
        Path input = dir.resolve("absent.csv");
        JobConfig config = fileConfig(input, dir.resolve("warehouse"));
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input.toString())
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("warehouse")).doesNotExist();
    }

    @Test
    void inputFolderRejected() {
        JobConfig config = fileConfig(dir, dir.resolve("warehouse"));
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable file");
    }

    @Test
    void movebankWithoutCodeRejected() throws Exception {
        JobConfig config = fileConfig(movebankFile(), dir.resolve("warehouse"));
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--municipality-code");
    }

    @Test
    void movebankWithCodeAccepted() throws Exception {
        JobConfig config = fileConfig(movebankFile(), dir.resolve("warehouse"));
        config.defaultMunicipalityCode = "131067";
        JobRunner.checkLocalInputAndOutput(config, false);
        assertThat(dir.resolve("warehouse")).isDirectory();
    }

    @Test
    void movebankByFormatNameNeedsCode() throws Exception {
        // Named by --input-format, a file without the .csv extension is still Movebank CSV.
        Path input = dir.resolve("cats.txt");
        Files.writeString(input, TIDY_HEADER + "\n" + TIDY_ROW + "\n");
        JobConfig config = fileConfig(input, dir.resolve("warehouse"));
        config.inputFormat = "movebank-csv";
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--municipality-code");
    }

    @Test
    void movebankWithoutLocationRejected() throws Exception {
        Path input = dir.resolve("cats.csv");
        Files.writeString(input, "tag_id,timestamp\nAres,2017-06-24 01:03:57\n");
        JobConfig config = fileConfig(input, dir.resolve("warehouse"));
        config.defaultMunicipalityCode = "131067";
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("location");
    }

    @Test
    void jsonLinesNeedsNoCode() throws Exception {
        Path input = dir.resolve("events.jsonl");
        Files.writeString(input, "{\"event_id\": \"e1\"}\n");
        JobConfig config = fileConfig(input, dir.resolve("warehouse"));
        assertThatCode(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .doesNotThrowAnyException();
    }

    @Test
    void unknownInputFormatRejected() throws Exception {
        JobConfig config = fileConfig(movebankFile(), dir.resolve("warehouse"));
        config.inputFormat = "xml";
        assertThatThrownBy(() -> JobRunner.checkLocalInputAndOutput(config, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xml'");
    }

    /** Returns the decoded path of a file URI, after checking its scheme. */
    private static String filePath(String uri) {
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).as(uri).isEqualTo("file");
        return parsed.getPath();
    }

    @Test
    void toUriOfRelativePath() {
        String cwd = System.getProperty("user.dir");
        assertThat(filePath(JobRunner.toUri("warehouse"))).isEqualTo(cwd + "/warehouse");
        assertThat(filePath(JobRunner.toUri("out/../warehouse"))).isEqualTo(cwd + "/warehouse");
        assertThat(filePath(JobRunner.toUri("./out/tables/"))).isEqualTo(cwd + "/out/tables");
    }

    @Test
    void toUriOfExistingFolderHasNoSlash() throws Exception {
        // Path.toUri adds a slash to a folder that exists, and the URI must not depend on that.
        Path folder = Files.createDirectories(dir.resolve("warehouse"));
        String uri = JobRunner.toUri(folder.toString());
        assertThat(uri).doesNotEndWith("/");
        assertThat(filePath(uri)).isEqualTo(folder.toAbsolutePath().toString());
    }

    @Test
    void toUriOfRootKeepsSlash() {
        assertThat(JobRunner.toUri("/")).isEqualTo("file:///");
        assertThat(JobRunner.toUri("/tmp/..")).isEqualTo("file:///");
    }

    @Test
    void toUriKeepsSchemes() {
        assertThat(JobRunner.toUri("s3://catdata-bucket/warehouse"))
                .isEqualTo("s3://catdata-bucket/warehouse");
        assertThat(JobRunner.toUri("s3a://catdata-bucket/a/b/"))
                .isEqualTo("s3a://catdata-bucket/a/b/");
        assertThat(JobRunner.toUri("file:///data/warehouse")).isEqualTo("file:///data/warehouse");
    }

    @Test
    void kinesisDescriptionNamesCredentials() {
        JobConfig config = new JobConfig();
        config.sourceType = JobConfig.SourceType.KINESIS;
        config.kinesisEndpoint = "http://127.0.0.1:4568";
        assertThat(JobRunner.describeKinesis(config))
                .contains("placeholder keys for a loopback endpoint");

        config.kinesisEndpoint = null;
        assertThat(JobRunner.describeKinesis(config)).contains("default AWS credential chain");

        config.kinesisAccessKey = "key-id-1234";
        config.kinesisSecretKey = "secret-5678";
        assertThat(JobRunner.describeKinesis(config)).contains("access key and secret key set");
        assertThat(JobRunner.describeKinesis(config)).doesNotContain("secret-5678");
    }

    @Test
    void runPrintsHelp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        new String[] {"--help"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(CommandLine.USAGE + "\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runReportsUsageError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        new String[] {"--colour", "red"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: unknown option '--colour'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runRejectsRootOutput() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        new String[] {"--output", "/", "--overwrite", "--records", "10"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: output / is the root of its file system");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runRejectsForeignFileInTable() throws Exception {
        Path output = dir.resolve("home");
        Path notes = output.resolve("positions").resolve("field-survey-2026.txt");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "notes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        new String[] {
                            "--output", output.toString(), "--overwrite", "--records", "10"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("field-survey-2026.txt");
        assertThat(notes).hasContent("notes");
    }

    @Test
    void summaryNamesAbsolutePath() {
        JobConfig config = simulatorConfig(dir);
        config.outputPath = JobRunner.toUri("warehouse");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobRunner.printSummary(
                new JobExecutionResult(new JobID(), 0, Map.of()),
                config,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String expected = System.getProperty("user.dir") + "/warehouse";
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Run summary (output " + expected + ")");
    }

    @Test
    void summaryKeepsS3Uri() {
        JobConfig config = simulatorConfig(dir);
        config.outputPath = "s3://cat-data-v21/curated";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JobRunner.printSummary(
                new JobExecutionResult(new JobID(), 0, Map.of()),
                config,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Run summary (output s3://cat-data-v21/curated)");
    }

    @Test
    void runReportsInvalidProperty() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                JobRunner.run(
                        new String[] {"--time-zone", "Mars/Olympus_Mons"},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: property 'time-zone' in group 'CatData.Processing'");
    }
}
