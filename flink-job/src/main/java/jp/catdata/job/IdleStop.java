package jp.catdata.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import jp.catdata.process.ValidateFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a run on an unbounded source once no new records arrive: it stops the job with a savepoint
 * that drains it, so the sources send the maximum watermark, every open window fires and the sinks
 * commit their last files.
 *
 * <p>A stream has no end, so without this a local run against Kinesis would leave its last windows
 * open until cancelled. The check reads the job's records-read accumulator, which task managers
 * report with their heartbeats.
 *
 * <p>flink-connector-kinesis 4.3.0 fails the source task when the stop arrives while the consumer
 * is still starting its shard consumers (a {@code RejectedExecutionException} from its closed
 * thread pool). The stop is then retried once the job has restarted from its last checkpoint and is
 * idle again, up to {@link #MAX_STOP_ATTEMPTS} times, so the job needs a restart strategy.
 */
final class IdleStop {

    private static final Logger LOG = LoggerFactory.getLogger(IdleStop.class);

    /** Interval between two reads of the accumulator. */
    static final long POLL_MS = 500;

    /** Stops with a savepoint tried before the failure of the last one is raised. */
    static final int MAX_STOP_ATTEMPTS = 3;

    private IdleStop() {}

    /**
     * Runs the job of an environment until its records-read count has not changed for {@code
     * idleMs}, counted from when its tasks first report it, then stops it with a draining
     * savepoint, and returns the result. A job that ends or fails earlier returns or raises as
     * {@code execute} would.
     */
    static JobExecutionResult runUntilIdle(
            StreamExecutionEnvironment env, String jobName, long idleMs, long pollMs)
            throws Exception {
        return stopWhenIdle(env.executeAsync(jobName), idleMs, pollMs);
    }

    /**
     * Waits until a submitted job's records-read count has not changed for {@code idleMs}, stops it
     * with a draining savepoint, and returns the result.
     */
    static JobExecutionResult stopWhenIdle(JobClient client, long idleMs, long pollMs)
            throws Exception {
        Path savepoints = Files.createTempDirectory("cat-data-v21-savepoint");
        try {
            waitUntilIdle(client, idleMs, pollMs, savepoints);
            return client.getJobExecutionResult().get();
        } finally {
            deleteQuietly(savepoints);
        }
    }

    private static void waitUntilIdle(JobClient client, long idleMs, long pollMs, Path savepoints)
            throws Exception {
        long lastCount = -1;
        long lastChangeNs = System.nanoTime();
        int stopAttempts = 0;
        while (true) {
            JobStatus status = client.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                return;
            }
            long count = recordsRead(client);
            long nowNs = System.nanoTime();
            if (count < 0) {
                // The job's tasks have not started yet, or are restarting: nothing to wait for.
                lastCount = count;
                lastChangeNs = nowNs;
            } else if (count != lastCount) {
                lastCount = count;
                lastChangeNs = nowNs;
            } else if (status == JobStatus.RUNNING
                    && nowNs - lastChangeNs >= TimeUnit.MILLISECONDS.toNanos(idleMs)) {
                LOG.info(
                        "No new records for {} ms after {} records; stopping the job with a"
                                + " draining savepoint",
                        idleMs,
                        count);
                stopAttempts++;
                try {
                    String location =
                            client.stopWithSavepoint(
                                            true,
                                            savepoints.toUri().toString(),
                                            SavepointFormatType.CANONICAL)
                                    .get();
                    LOG.info("Stopped with the savepoint {}", location);
                    return;
                } catch (ExecutionException e) {
                    if (stopAttempts >= MAX_STOP_ATTEMPTS) {
                        throw e;
                    }
                    LOG.warn(
                            "Stop with savepoint failed (attempt {} of {}), waiting for the job"
                                    + " to restart and fall idle again: {}",
                            stopAttempts,
                            MAX_STOP_ATTEMPTS,
                            e.getCause().toString());
                    lastCount = -1;
                    lastChangeNs = System.nanoTime();
                }
            }
            Thread.sleep(pollMs);
        }
    }

    /**
     * Returns the records-read count, or -1 while the validate operator has not reported it, which
     * it does from its first heartbeat after it opened.
     */
    private static long recordsRead(JobClient client) throws InterruptedException {
        try {
            Map<String, Object> accumulators = client.getAccumulators().get();
            Object value = accumulators.get(ValidateFunction.RECORDS_READ);
            return value == null ? -1 : ((Number) value).longValue();
        } catch (ExecutionException e) {
            // The job may be restarting or finishing between the status check and this call.
            LOG.debug("Accumulators not available: {}", e.getCause().toString());
            return -1;
        }
    }

    /** Deletes the savepoint of a drained run, which a later run has no use for. */
    private static void deleteQuietly(Path folder) {
        try {
            JobRunner.deleteRecursively(folder);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not delete {}: {}", folder, e.toString());
        }
    }
}
