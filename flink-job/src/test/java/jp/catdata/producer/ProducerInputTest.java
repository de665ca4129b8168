package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.WallClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** 2026-06-02T00:00:00Z, after every observation time of these tests. */
    private static final long NOW_MS = Instant.parse("2026-06-02T00:00:00Z").toEpochMilli();

    private final PositionEventParser parser =
            new PositionEventParser("131067", 5 * 60_000L, WallClock.fixed(NOW_MS));

    @TempDir Path dir;

    /** An outgoing record as the test reads it back: event id, time and partition key. */
    private static final class Sent {
        final String eventId;
        final long observedAtMs;
        final String partitionKey;

        Sent(OutgoingRecord record) throws IOException {
            JsonNode node = MAPPER.readTree(new String(record.data(), StandardCharsets.UTF_8));
            eventId = node.get("event_id").asText();
            observedAtMs = Instant.parse(node.get("observed_at").asText()).toEpochMilli();
            partitionKey = record.partitionKey();
        }
    }

    private static String fix(String eventId, String catId, String observedAt) {
        return "{\"event_id\":\""
                + eventId
                + "\""
                + (catId == null ? "" : ",\"cat_id\":\"" + catId + "\"")
                + ",\"municipality_code\":\"131067\",\"observed_at\":\""
                + observedAt
                + "\",\"lat\":35.7126,\"lon\":139.78,\"source\":\""
                + (catId == null ? "sighting" : "gps_collar")
                + "\"}";
    }

    /**
     * Writes a JSON-lines file whose times run out of order. Two pairs of lines contain equal
     * instants written with different offsets, one line is a sighting without a cat, and one is not
     * JSON.
     */
    private Path mixedFile() throws IOException {
        List<String> lines =
                List.of(
                        fix("e1", "cat-a", "2026-06-01T00:10:00Z"),
                        fix("e2", "cat-b", "2026-06-01T09:05:00+09:00"),
                        fix("e3", "cat-a", "2026-06-01T09:10:00+09:00"),
                        "not json",
                        fix("e4", null, "2026-06-01T00:00:00Z"),
                        fix("e5", "cat-b", "2026-06-01T00:05:00Z"));
        Path file = dir.resolve("events.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private List<Sent> read(Path file, boolean timeOrder, ProducerReport report) throws Exception {
        List<Sent> sent = new ArrayList<>();
        ProducerInput.readFile(
                file,
                parser,
                timeOrder,
                report,
                record -> {
                    try {
                        sent.add(new Sent(record));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return sent;
    }

    private static List<String> eventIds(List<Sent> sent) {
        List<String> ids = new ArrayList<>();
        for (Sent record : sent) {
            ids.add(record.eventId);
        }
        return ids;
    }

    /** Writes a Movebank export without an event id column as {@code folder/export.csv}. */
    private Path movebankExport(String folder, String catId) throws IOException {
        Path file = dir.resolve(folder).resolve("export.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "tag_id,timestamp,location_long,location_lat\n"
                        + catId
                        + ",2017-06-24 01:03:57,-5.113851,50.170315\n"
                        + catId
                        + ",2017-06-24 01:11:20,-5.113800,50.170300\n"
                        + catId
                        + ",2017-06-24 01:18:40,-5.113900,50.170400\n");
        return file;
    }

    @Test
    void sameNameExportsSendDistinctIds() throws Exception {
        List<String> ares =
                eventIds(read(movebankExport("d1", "Ares"), false, new ProducerReport()));
        List<String> luna =
                eventIds(read(movebankExport("d2", "Luna"), false, new ProducerReport()));

        assertThat(ares).hasSize(3).doesNotHaveDuplicates();
        assertThat(luna).hasSize(3).doesNotHaveDuplicates();
        assertThat(ares).doesNotContainAnyElementsOf(luna);
    }

    @Test
    void sameExportSentTwiceSameIds() throws Exception {
        Path file = movebankExport("d1", "Ares");
        List<String> first = eventIds(read(file, false, new ProducerReport()));
        List<String> second = eventIds(read(file, false, new ProducerReport()));

        assertThat(first).hasSize(3);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void fileOrderWithoutTimeOrder() throws Exception {
        List<Sent> sent = read(mixedFile(), false, new ProducerReport());
        assertThat(eventIds(sent)).containsExactly("e1", "e2", "e3", "e4", "e5");
    }

    @Test
    void timeOrderSortsByEventTime() throws Exception {
        List<Sent> sent = read(mixedFile(), true, new ProducerReport());
        // 00:00 (e4), 00:05 (e2 then e5, file order), 00:10 (e1 then e3, file order), in UTC.
        assertThat(eventIds(sent)).containsExactly("e4", "e2", "e5", "e1", "e3");
    }

    @Test
    void timeOrderKeepsPartitionKeys() throws Exception {
        List<Sent> sent = read(mixedFile(), true, new ProducerReport());
        List<String> keys = new ArrayList<>();
        for (Sent record : sent) {
            keys.add(record.partitionKey);
        }
        // The sighting without a cat goes by its event id.
        assertThat(keys).containsExactly("e4", "cat-b", "cat-b", "cat-a", "cat-a");
    }

    @Test
    void rejectedLinesCountedNotSent() throws Exception {
        for (boolean timeOrder : new boolean[] {false, true}) {
            ProducerReport report = new ProducerReport();
            read(mixedFile(), timeOrder, report);
            assertThat(report.notSentByReason())
                    .as("time order %s", timeOrder)
                    .containsExactly(Map.entry("invalid_json", 1L));
        }
    }

    @Test
    void timeOrderOfEmptyFile() throws Exception {
        Path file = dir.resolve("empty.jsonl");
        Files.write(file, new byte[0]);
        assertThat(read(file, true, new ProducerReport())).isEmpty();
    }

    @Test
    void missingFileRejected() {
        Path file = dir.resolve("absent.jsonl");
        assertThatThrownBy(() -> read(file, true, new ProducerReport()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absent.jsonl");
    }

    @Test
    void timeOrderOfCatsUk() throws Exception {
        Path file = catsUkCsv();
        ProducerReport fileOrderReport = new ProducerReport();
        List<Sent> fileOrder = read(file, false, fileOrderReport);
        ProducerReport timeOrderReport = new ProducerReport();
        List<Sent> timeOrder = read(file, true, timeOrderReport);

        assertThat(timeOrder).hasSize(fileOrder.size());
        assertThat(timeOrderReport.notSentByReason()).isEqualTo(fileOrderReport.notSentByReason());
        assertThat(eventIds(timeOrder)).containsExactlyInAnyOrderElementsOf(eventIds(fileOrder));

        // The export lists one cat after another, so file order is not time order.
        assertThat(isTimeOrdered(fileOrder)).isFalse();
        assertThat(isTimeOrdered(timeOrder)).isTrue();

        Map<String, Integer> fileIndex = new HashMap<>();
        for (int i = 0; i < fileOrder.size(); i++) {
            fileIndex.put(fileOrder.get(i).eventId, i);
        }
        int ties = 0;
        for (int i = 1; i < timeOrder.size(); i++) {
            Sent previous = timeOrder.get(i - 1);
            Sent current = timeOrder.get(i);
            if (previous.observedAtMs == current.observedAtMs) {
                ties++;
                assertThat(fileIndex.get(current.eventId))
                        .as("tie %s, %s", previous.eventId, current.eventId)
                        .isGreaterThan(fileIndex.get(previous.eventId));
            }
        }
        // Equal fix times of different cats occur in this export, so the tie check ran.
        assertThat(ties).isPositive();
    }

    private static boolean isTimeOrdered(List<Sent> sent) {
        for (int i = 1; i < sent.size(); i++) {
            if (sent.get(i).observedAtMs < sent.get(i - 1).observedAtMs) {
                return false;
            }
        }
        return true;
    }

    /** Returns the real Movebank export of 101 pet cats, kept beside the repository. */
    private static Path catsUkCsv() {
        String shared = System.getProperty("catdata.shared.dir", "../../shared");
        Path file = Paths.get(shared, "data", "pet-cats-uk", "cats_uk.csv").toAbsolutePath();
        assertThat(file).as("real data file; set -Dcatdata.shared.dir").isReadable();
        return file;
    }
}
