package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PutRecordsBatcherTest {

    private static OutgoingRecord record(int dataBytes, String key) {
        return new OutgoingRecord(new byte[dataBytes], key);
    }

    @Test
    void closesAt500Records() {
        PutRecordsBatcher batcher = new PutRecordsBatcher();
        for (int i = 0; i < 500; i++) {
            assertThat(batcher.add(record(10, "k"))).isNull();
        }
        List<OutgoingRecord> closed = batcher.add(record(10, "k"));
        assertThat(closed).hasSize(500);
        assertThat(batcher.flush()).hasSize(1);
    }

    @Test
    void closesBefore5MiB() {
        // 1,000,000 data bytes plus a 1-byte key: five records are 5,000,005 bytes, under
        // 5 MiB (5,242,880); a sixth would be 6,000,006.
        PutRecordsBatcher batcher = new PutRecordsBatcher();
        for (int i = 0; i < 5; i++) {
            assertThat(batcher.add(record(1_000_000, "k"))).isNull();
        }
        List<OutgoingRecord> closed = batcher.add(record(1_000_000, "k"));
        assertThat(closed).hasSize(5);
        assertThat(batcher.flush()).hasSize(1);
    }

    @Test
    void countsPartitionKeyBytes() {
        // 5 MiB exactly is allowed; one more key byte closes the request.
        PutRecordsBatcher batcher = new PutRecordsBatcher();
        int data = 5 * 1024 * 1024 - 4 - 3;
        assertThat(batcher.add(record(data, "abcd"))).isNull();
        assertThat(batcher.add(record(0, "xyz"))).isNull();
        assertThat(batcher.add(record(0, "q"))).hasSize(2);
    }

    @Test
    void keepsInputOrder() {
        PutRecordsBatcher batcher = new PutRecordsBatcher(2, Long.MAX_VALUE);
        OutgoingRecord a = record(1, "a");
        OutgoingRecord b = record(1, "b");
        OutgoingRecord c = record(1, "c");
        batcher.add(a);
        batcher.add(b);
        assertThat(batcher.add(c)).containsExactly(a, b);
        assertThat(batcher.flush()).containsExactly(c);
    }

    @Test
    void emptyFlush() {
        assertThat(new PutRecordsBatcher().flush()).isEmpty();
    }
}
