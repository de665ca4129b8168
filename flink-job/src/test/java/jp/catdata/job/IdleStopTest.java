package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jp.catdata.process.ValidateFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;

class IdleStopTest {

    /**
     * A job client that returns scripted records-read counts, one per poll (the last repeats), and
     * scripted stop results.
     */
    private static final class ScriptedClient implements JobClient {
        private final Deque<Long> counts;
        private final Deque<Boolean> stopSucceeds;
        private long lastCount;
        int accumulatorPolls;
        int stops;
        JobStatus status = JobStatus.RUNNING;

        ScriptedClient(List<Long> counts, List<Boolean> stopSucceeds) {
            this.counts = new ArrayDeque<>(counts);
            this.stopSucceeds = new ArrayDeque<>(stopSucceeds);
        }

        @Override
        public JobID getJobID() {
            return new JobID();
        }

        @Override
        public CompletableFuture<JobStatus> getJobStatus() {
            return CompletableFuture.completedFuture(status);
        }

        @Override
        public CompletableFuture<Void> cancel() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<String> stopWithSavepoint(
                boolean advanceToEndOfEventTime, String directory, SavepointFormatType type) {
            stops++;
            assertThat(advanceToEndOfEventTime).isTrue();
            if (stopSucceeds.isEmpty() || stopSucceeds.poll()) {
                status = JobStatus.FINISHED;
                return CompletableFuture.completedFuture(directory + "/savepoint-1");
            }
            return CompletableFuture.failedFuture(
                    new IllegalStateException("task failed during the stop"));
        }

        @Override
        public CompletableFuture<String> triggerSavepoint(
                String directory, SavepointFormatType type) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletableFuture<Map<String, Object>> getAccumulators() {
            accumulatorPolls++;
            if (!counts.isEmpty()) {
                lastCount = counts.poll();
            }
            Map<String, Object> accumulators = new HashMap<>();
            if (lastCount >= 0) {
                accumulators.put(ValidateFunction.RECORDS_READ, lastCount);
            }
            return CompletableFuture.completedFuture(accumulators);
        }

        @Override
        public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
            return CompletableFuture.completedFuture(
                    new JobExecutionResult(getJobID(), 0, Map.of()));
        }
    }

    @Test
    void stopsOnceCountStopsChanging() throws Exception {
        // Idle time 3 ms, polls 1 ms apart: the stop comes only after the count stays at 7.
        ScriptedClient client = new ScriptedClient(List.of(-1L, 0L, 3L, 7L), List.of(true));

        IdleStop.stopWhenIdle(client, 3, 1);

        assertThat(client.stops).isEqualTo(1);
        assertThat(client.accumulatorPolls).isGreaterThanOrEqualTo(5);
    }

    @Test
    void notStartedIsNotIdle() throws Exception {
        // No accumulator for ten polls: the job has not started, so no stop in that time.
        ScriptedClient client =
                new ScriptedClient(
                        List.of(-1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, 0L),
                        List.of(true));

        IdleStop.stopWhenIdle(client, 2, 1);

        assertThat(client.stops).isEqualTo(1);
        assertThat(client.accumulatorPolls).isGreaterThan(11);
    }

    @Test
    void failedStopIsRetried() throws Exception {
        ScriptedClient client = new ScriptedClient(List.of(5L), List.of(false, true));

        IdleStop.stopWhenIdle(client, 2, 1);

        assertThat(client.stops).isEqualTo(2);
        assertThat(client.status).isEqualTo(JobStatus.FINISHED);
    }

    @Test
    void lastFailedStopRaises() {
        ScriptedClient client = new ScriptedClient(List.of(5L), List.of(false, false, false));

        assertThatThrownBy(() -> IdleStop.stopWhenIdle(client, 2, 1))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("task failed during the stop");
        assertThat(client.stops).isEqualTo(IdleStop.MAX_STOP_ATTEMPTS);
    }

    @Test
    void endedJobNeedsNoStop() throws Exception {
        ScriptedClient client = new ScriptedClient(List.of(5L), List.of());
        client.status = JobStatus.FINISHED;

        IdleStop.stopWhenIdle(client, 2, 1);

        assertThat(client.stops).isZero();
    }
}
