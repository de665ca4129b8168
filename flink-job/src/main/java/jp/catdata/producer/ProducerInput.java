package jp.catdata.producer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.catdata.event.EventJson;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.source.CatSimulator;
import jp.catdata.source.InputFormat;
import jp.catdata.source.JsonLinesFormat;
import jp.catdata.source.MovebankCsvFormat;
import jp.catdata.source.SimulatorSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;

/** Reads the records to publish from a file or the simulator. */
final class ProducerInput {
    /**
     * Partition key of simulator records that the parser rejects and that carry neither a cat id
     * nor an event id, so they all go to one shard.
     */
    static final String UNPARSEABLE_PARTITION_KEY = "unparseable";

    /** Longest partition key Kinesis accepts, in Unicode characters. */
    static final int MAX_PARTITION_KEY_CHARS = 256;

    /** Receives each record to publish. */
    interface Sink {
        void accept(OutgoingRecord record) throws InterruptedException;
    }

    private ProducerInput() {}

    /**
     * Reads a Movebank CSV or JSON-lines file and passes the canonical JSON of each accepted event
     * on, in file order or, with {@code timeOrder}, sorted by event time (ties in file order). Rows
     * the reader rejects are counted in the report as not sent.
     */
    static void readFile(
            Path file,
            PositionEventParser parser,
            boolean timeOrder,
            ProducerReport report,
            Sink sink)
            throws IOException, InterruptedException {
        if (!timeOrder) {
            readFile(file, parser, report, event -> send(event, sink));
            return;
        }
        List<PositionEvent> events = new ArrayList<>();
        readFile(file, parser, report, events::add);
        // List.sort is stable, so fixes with equal time stamps keep their file order.
        events.sort(Comparator.comparingLong(event -> event.observedAtMs));
        for (PositionEvent event : events) {
            send(event, sink);
        }
    }

    private static void send(PositionEvent event, Sink sink) throws InterruptedException {
        sink.accept(new OutgoingRecord(EventJson.toBytes(event), partitionKey(event)));
    }

    /** Receives each accepted event of a file. */
    private interface EventSink {
        void accept(PositionEvent event) throws InterruptedException;
    }

    private static void readFile(
            Path file, PositionEventParser parser, ProducerReport report, EventSink sink)
            throws IOException, InterruptedException {
        InputFormat format = InputFormat.detect(file);
        String fileName = file.getFileName().toString();
        SimpleStreamFormat<ParsedRecord> streamFormat;
        if (format == InputFormat.MOVEBANK_CSV) {
            MovebankCsvFormat.checkHeader(file);
            streamFormat = new MovebankCsvFormat(parser, fileName);
        } else {
            streamFormat = new JsonLinesFormat(parser, fileName);
        }
        try (StreamFormat.Reader<ParsedRecord> reader =
                streamFormat.createReader(
                        new Configuration(), new LocalDataInputStream(file.toFile()))) {
            ParsedRecord parsed;
            while ((parsed = reader.read()) != null) {
                if (parsed.isAccepted()) {
                    sink.accept(parsed.event);
                } else {
                    report.countNotSent(parsed.rejected.reason);
                }
            }
        }
    }

    /**
     * Passes the simulator's records on unchanged, malformed ones included, because rejecting them
     * is the job's work. The parser only picks the partition key.
     */
    static void simulate(SimulatorSettings settings, PositionEventParser parser, Sink sink)
            throws InterruptedException {
        CatSimulator simulator = new CatSimulator(settings, parser);
        for (long i = 0; i < settings.records(); i++) {
            byte[] data = simulator.recordBytes(i);
            ParsedRecord parsed = parser.parse(data, "simulator:" + i);
            String key;
            if (parsed.isAccepted()) {
                key = partitionKey(parsed.event);
            } else if (parsed.rejected.catId != null && !parsed.rejected.catId.isEmpty()) {
                key = parsed.rejected.catId;
            } else if (parsed.rejected.eventId != null && !parsed.rejected.eventId.isEmpty()) {
                key = parsed.rejected.eventId;
            } else {
                key = UNPARSEABLE_PARTITION_KEY;
            }
            if (key.length() > MAX_PARTITION_KEY_CHARS) {
                key = UNPARSEABLE_PARTITION_KEY;
            }
            sink.accept(new OutgoingRecord(data, key));
        }
    }

    /** Returns the cat id, or the event id for a sighting of an unknown cat. */
    static String partitionKey(PositionEvent event) {
        return event.hasCat() ? event.catId : event.eventId;
    }
}
