package jp.catdata.job;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Locale;
import jp.catdata.process.ValidateFunction;
import jp.catdata.sink.ParquetSinks;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Measures throughput of the whole job, simulator to Parquet, on an embedded MiniCluster at
 * parallelism 1 and 2. Run it with {@code ./flink-job/benchmark.sh}; it is not a test.
 *
 * <p>Each run generates the given number of simulator records and writes all five tables to a
 * temporary folder that is deleted afterwards. The time covers job start-up, processing and the
 * final checkpoint that commits the files, so short runs understate the steady-state rate.
 */
public final class Benchmark {

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        long records = 1_000_000;
        int[] parallelisms = {1, 2};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--records") && i + 1 < args.length) {
                records = Long.parseLong(args[++i]);
            } else if (args[i].equals("--help")) {
                System.out.println(
                        "Usage: benchmark.sh [--records N]\n"
                                + "Runs the simulator through the whole job into Parquet at"
                                + " parallelism 1 and 2 and prints events per second"
                                + " (default N = 1000000).");
                return;
            } else {
                System.err.println("error: unknown option '" + args[i] + "'; try --help");
                System.exit(2);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores, max heap %d MiB, %,d simulator records per run%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                records);
        // A warm-up run lets the JIT compile the hot paths before the timed runs.
        run(Math.min(records, 100_000), 1, false);
        for (int parallelism : parallelisms) {
            run(records, parallelism, true);
        }
    }

    private static void run(long records, int parallelism, boolean print) throws Exception {
        Path output = Files.createTempDirectory("cat-data-benchmark");
        try {
            JobConfig config = new JobConfig();
            config.simulatorRecords = records;
            // An early start keeps large runs in the past, so no record is a future time stamp.
            config.simulatorStartMs =
                    OffsetDateTime.parse("2020-01-01T00:00:00+09:00").toInstant().toEpochMilli();
            config.outputPath = output.toUri().toString();

            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(
                            parallelism, new Configuration());
            env.enableCheckpointing(JobRunner.LOCAL_CHECKPOINT_INTERVAL_MS);
            env.setRestartStrategy(RestartStrategies.noRestart());
            JobRunner.build(env, config);
            resetPeakHeap();
            long start = System.nanoTime();
            JobExecutionResult result = env.execute("cat-data-v21 benchmark");
            double seconds = (System.nanoTime() - start) / 1e9;
            long read = result.getAccumulatorResult(ValidateFunction.RECORDS_READ);
            long positions =
                    result.getAccumulatorResult(ParquetSinks.ROWS_WRITTEN_PREFIX + "positions");
            if (print) {
                System.out.printf(
                        Locale.ROOT,
                        "parallelism %d: %,d events in %.1f s = %,.0f events/s"
                                + " (%,d accepted), peak heap %d MiB%n",
                        parallelism,
                        read,
                        seconds,
                        read / seconds,
                        positions,
                        peakHeapBytes() >> 20);
            }
        } finally {
            JobRunner.deleteRecursively(output);
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Returns the sum of the peak usage of the heap pools since the last reset. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
