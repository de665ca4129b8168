package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** The publisher against a fake client that fails the records whose data is in a set. */
class KinesisPublisherTest {

    private static final class FailingClient implements KinesisClient {
        final List<List<String>> requests = new ArrayList<>();
        final Set<String> alwaysFail;
        final Set<String> failOnce;
        final Set<String> failedOnce = new HashSet<>();

        FailingClient(Set<String> alwaysFail, Set<String> failOnce) {
            this.alwaysFail = alwaysFail;
            this.failOnce = failOnce;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            List<String> datas = new ArrayList<>();
            List<PutRecordsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (PutRecordsRequestEntry entry : request.records()) {
                String data = entry.data().asUtf8String();
                datas.add(data);
                boolean fail =
                        alwaysFail.contains(data)
                                || failOnce.contains(data) && failedOnce.add(data);
                if (fail) {
                    failed++;
                    results.add(
                            PutRecordsResultEntry.builder()
                                    .errorCode("ProvisionedThroughputExceededException")
                                    .errorMessage("rate exceeded")
                                    .build());
                } else {
                    results.add(
                            PutRecordsResultEntry.builder()
                                    .shardId("shardId-000000000000")
                                    .sequenceNumber("1")
                                    .build());
                }
            }
            requests.add(datas);
            return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    private static final class FakeClock implements KinesisPublisher.Clock {
        final List<Long> sleepsMs = new ArrayList<>();

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void sleepMs(long ms) {
            sleepsMs.add(ms);
        }
    }

    private static List<OutgoingRecord> records(String... datas) {
        List<OutgoingRecord> records = new ArrayList<>();
        for (String data : datas) {
            records.add(new OutgoingRecord(data.getBytes(StandardCharsets.UTF_8), "key-" + data));
        }
        return records;
    }

    @Test
    void resendsOnlyFailed() throws Exception {
        FailingClient client = new FailingClient(Set.of(), Set.of("b", "d"));
        FakeClock clock = new FakeClock();
        ProducerReport report = new ProducerReport();
        new KinesisPublisher(client, "s", 3, new Backoff(100, 1000, new Random(1)), clock, report)
                .send(records("a", "b", "c", "d", "e"));

        assertThat(client.requests)
                .containsExactly(List.of("a", "b", "c", "d", "e"), List.of("b", "d"));
        assertThat(report.sent()).isEqualTo(5);
        assertThat(report.retryRequests()).isEqualTo(1);
        assertThat(report.resentRecords()).isEqualTo(2);
        assertThat(report.givenUp()).isZero();
        assertThat(report.exitCode()).isZero();
        assertThat(clock.sleepsMs).hasSize(1);
        assertThat(clock.sleepsMs.get(0)).isBetween(0L, 100L);
    }

    @Test
    void givesUpAfterMaxRetries() throws Exception {
        FailingClient client = new FailingClient(Set.of("c"), Set.of());
        FakeClock clock = new FakeClock();
        ProducerReport report = new ProducerReport();
        new KinesisPublisher(client, "s", 3, new Backoff(100, 1000, new Random(1)), clock, report)
                .send(records("a", "b", "c"));

        assertThat(client.requests)
                .containsExactly(List.of("a", "b", "c"), List.of("c"), List.of("c"), List.of("c"));
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.resentRecords()).isEqualTo(3);
        assertThat(report.givenUpByCode())
                .containsExactly(Map.entry("ProvisionedThroughputExceededException", 1L));
        assertThat(report.exitCode()).isEqualTo(1);
        // Ceilings 100, 200 and 400 ms for retries 1 to 3.
        assertThat(clock.sleepsMs).hasSize(3);
        assertThat(clock.sleepsMs.get(0)).isBetween(0L, 100L);
        assertThat(clock.sleepsMs.get(1)).isBetween(0L, 200L);
        assertThat(clock.sleepsMs.get(2)).isBetween(0L, 400L);
    }
}
