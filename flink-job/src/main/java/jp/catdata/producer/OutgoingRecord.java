package jp.catdata.producer;

import java.nio.charset.StandardCharsets;

/** One record for {@code PutRecords}: its data and partition key. */
public final class OutgoingRecord {
    private final byte[] data;
    private final String partitionKey;

    public OutgoingRecord(byte[] data, String partitionKey) {
        if (data == null || partitionKey == null || partitionKey.isEmpty()) {
            throw new IllegalArgumentException("data and a non-empty partition key are required");
        }
        this.data = data;
        this.partitionKey = partitionKey;
    }

    public byte[] data() {
        return data;
    }

    public String partitionKey() {
        return partitionKey;
    }

    /** Size that counts against the Kinesis limits: data plus UTF-8 partition key bytes. */
    public int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
