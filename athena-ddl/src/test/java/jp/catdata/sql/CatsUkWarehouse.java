package jp.catdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import jp.catdata.job.JobRunner;

/**
 * The warehouse the job writes from the real file cats_uk.csv, with the registry loaded from its
 * Movebank reference data. The job runs once per test JVM, through the same entry point as {@code
 * ./flink-job/run-local.sh}, and every integration test class reads the same output.
 */
final class CatsUkWarehouse {

    static final String MUNICIPALITY_CODE = "131067";
    static final String TIME_ZONE = "Europe/London";

    private static Path warehouse;

    private CatsUkWarehouse() {}

    /** Returns the warehouse folder, running the job and the registry loader on first use. */
    static synchronized Path get() throws Exception {
        if (warehouse == null) {
            Path folder =
                    Paths.get(
                                    System.getProperty(
                                            "catdata.it.warehouse", "target/cats-uk-warehouse"))
                            .toAbsolutePath();
            runJob(folder);
            RegistryLoader.load(TestPaths.catsUkReferenceCsv(), MUNICIPALITY_CODE, "pet", folder);
            warehouse = folder;
        }
        return warehouse;
    }

    private static void runJob(Path output) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode =
                JobRunner.run(
                        new String[] {
                            "--input",
                            TestPaths.catsUkCsv().toString(),
                            "--municipality-code",
                            MUNICIPALITY_CODE,
                            "--time-zone",
                            TIME_ZONE,
                            "--output",
                            output.toString(),
                            "--parallelism",
                            "2",
                            "--overwrite"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode)
                .as(
                        "job exit code; output:%n%s%nerrors:%n%s",
                        out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
                .isZero();
    }
}
