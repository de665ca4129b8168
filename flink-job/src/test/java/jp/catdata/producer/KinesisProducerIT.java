package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The producer against kinesis-mock on loopback, with the 10-shard stream the script creates. */
class KinesisProducerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CATS = 12;
    private static final int FIXES_PER_CAT = 25;

    /** One byte over the 1 MiB data limit, which kinesis-mock rejects per record. */
    private static final int OVERSIZED_DATA_BYTES = 1024 * 1024 + 1;

    private static KinesisMockProcess mock;
    private static KinesisClient client;

    @BeforeAll
    static void startMock() throws Exception {
        mock = KinesisMockProcess.start();
        client = mock.client();
    }

    @AfterAll
    static void stopMock() throws Exception {
        if (client != null) {
            client.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    @Test
    void jsonLinesFileArrivesComplete(@TempDir Path dir) throws Exception {
        // Cats interleaved in the file, each cat's fixes in time order, one minute apart.
        Path file = dir.resolve("fixes.jsonl");
        List<String> lines = new ArrayList<>();
        Map<String, List<String>> expectedByCat = new LinkedHashMap<>();
        for (int fix = 0; fix < FIXES_PER_CAT; fix++) {
            for (int cat = 0; cat < CATS; cat++) {
                String catId = "it-cat-" + cat;
                String eventId = "it-file-" + cat + "-" + fix;
                lines.add(
                        String.format(
                                "{\"event_id\":\"%s\",\"cat_id\":\"%s\",\"municipality_code\":"
                                        + "\"131067\",\"observed_at\":\"2025-06-01T00:%02d:00Z\","
                                        + "\"lat\":35.6%02d,\"lon\":139.6%02d,"
                                        + "\"source\":\"gps_collar\"}",
                                eventId, catId, fix, cat, fix));
                expectedByCat.computeIfAbsent(catId, k -> new ArrayList<>()).add(eventId);
            }
        }
        lines.add("{\"event_id\":\"it-file-broken\"");
        Files.write(file, lines, StandardCharsets.UTF_8);

        ProducerOptions options =
                ProducerOptions.parse(
                        new String[] {
                            "--input",
                            file.toString(),
                            "--endpoint",
                            mock.endpoint(),
                            "--rate-limit-per-shard",
                            "1000"
                        });
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        int status =
                KinesisProducerCommand.run(
                        options,
                        client,
                        KinesisPublisher.Clock.SYSTEM,
                        new PrintStream(summary, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(summary.toString(StandardCharsets.UTF_8))
                .contains("sent: " + CATS * FIXES_PER_CAT + " records")
                .contains("given up: 0 records")
                .contains("rejected by the reader: 1 rows");

        // The shard that the rate limiter computes for a key, checked against where Kinesis put it.
        List<Shard> shardsByHashKey =
                new ArrayList<>(
                        client.listShards(r -> r.streamName(KinesisMockProcess.STREAM)).shards());
        shardsByHashKey.sort(
                Comparator.comparing(s -> new BigInteger(s.hashKeyRange().startingHashKey())));
        List<String> startingHashKeys = new ArrayList<>();
        shardsByHashKey.forEach(s -> startingHashKeys.add(s.hashKeyRange().startingHashKey()));
        ShardRateLimiter limiter =
                new ShardRateLimiter(startingHashKeys, 1, 1, KinesisPublisher.Clock.SYSTEM);

        Map<String, List<String>> eventIdsByCat = new HashMap<>();
        Map<String, Set<String>> shardsByCat = new HashMap<>();
        int received = 0;
        for (Map.Entry<String, List<Record>> shard : mock.readStream(client).entrySet()) {
            for (Record record : shard.getValue()) {
                JsonNode event = JSON.readTree(record.data().asByteArray());
                if (!event.path("event_id").asText().startsWith("it-file-")) {
                    continue;
                }
                received++;
                String catId = event.get("cat_id").asText();
                assertThat(record.partitionKey()).isEqualTo(catId);
                assertThat(shardsByHashKey.get(limiter.shardIndex(catId)).shardId())
                        .as("shard of %s", catId)
                        .isEqualTo(shard.getKey());
                eventIdsByCat
                        .computeIfAbsent(catId, k -> new ArrayList<>())
                        .add(event.get("event_id").asText());
                shardsByCat.computeIfAbsent(catId, k -> new HashSet<>()).add(shard.getKey());
            }
        }
        assertThat(received).isEqualTo(CATS * FIXES_PER_CAT);
        assertThat(eventIdsByCat).isEqualTo(expectedByCat);
        for (Map.Entry<String, Set<String>> shards : shardsByCat.entrySet()) {
            assertThat(shards.getValue()).as(shards.getKey()).hasSize(1);
        }
        // With 12 keys over 10 shards the records should not all land on one shard.
        assertThat(new HashSet<>(shardsByCat.values())).hasSizeGreaterThan(1);
    }

    @Test
    void partialFailureResendsOnlyFailed() throws Exception {
        List<OutgoingRecord> small = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            small.add(
                    new OutgoingRecord(
                            ("{\"partial\":\"p-" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                            "partial-" + i));
        }
        byte[] oversized = new byte[OVERSIZED_DATA_BYTES];
        Arrays.fill(oversized, (byte) 'x');

        PutRecordsBatcher batcher = new PutRecordsBatcher();
        for (int i = 0; i < 5; i++) {
            assertThat(batcher.add(small.get(i))).isNull();
            if (i == 2) {
                assertThat(batcher.add(new OutgoingRecord(oversized, "partial-big"))).isNull();
            }
        }
        List<OutgoingRecord> batch = batcher.flush();
        assertThat(batch).hasSize(6);

        List<List<String>> requests = new ArrayList<>();
        KinesisClient recording = new RecordingClient(client, requests);
        ProducerReport report = new ProducerReport();
        KinesisPublisher publisher =
                new KinesisPublisher(
                        recording,
                        KinesisMockProcess.STREAM,
                        2,
                        new Backoff(1, 10, new Random(1)),
                        KinesisPublisher.Clock.SYSTEM,
                        report);
        publisher.send(batch);

        assertThat(requests)
                .containsExactly(
                        List.of(
                                "partial-0",
                                "partial-1",
                                "partial-2",
                                "partial-big",
                                "partial-3",
                                "partial-4"),
                        List.of("partial-big"),
                        List.of("partial-big"));
        assertThat(report.sent()).isEqualTo(5);
        assertThat(report.retryRequests()).isEqualTo(2);
        assertThat(report.resentRecords()).isEqualTo(2);
        assertThat(report.givenUpByCode())
                .containsExactly(Map.entry("InvalidArgumentException", 1L));
        assertThat(report.exitCode()).isEqualTo(1);

        Map<String, Integer> stored = new TreeMap<>();
        for (List<Record> shard : mock.readStream(client).values()) {
            for (Record record : shard) {
                if (record.partitionKey().startsWith("partial-")) {
                    stored.merge(record.partitionKey(), 1, Integer::sum);
                }
            }
        }
        assertThat(stored)
                .containsExactly(
                        Map.entry("partial-0", 1),
                        Map.entry("partial-1", 1),
                        Map.entry("partial-2", 1),
                        Map.entry("partial-3", 1),
                        Map.entry("partial-4", 1));
    }

    /** Passes calls to a client and keeps the partition keys of each PutRecords request. */
    private static final class RecordingClient implements KinesisClient {
        private final KinesisClient delegate;
        private final List<List<String>> requests;

        RecordingClient(KinesisClient delegate, List<List<String>> requests) {
            this.delegate = delegate;
            this.requests = requests;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            List<String> keys = new ArrayList<>();
            request.records().forEach(entry -> keys.add(entry.partitionKey()));
            requests.add(keys);
            return delegate.putRecords(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {}
    }
}
