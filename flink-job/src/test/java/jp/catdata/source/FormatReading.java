package jp.catdata.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.WallClock;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;

/** Reads a file through a stream format's reader, as the file source would, without a cluster. */
final class FormatReading {

    /** 2026-03-01T00:00:00Z, well after every time stamp in the test inputs. */
    static final long NOW_MS = 1_772_323_200_000L;

    /** Municipality code of Setagaya, Tokyo, with its check digit. */
    static final String DEFAULT_MUNICIPALITY = "131067";

    private FormatReading() {}

    static PositionEventParser parser() {
        return new PositionEventParser(DEFAULT_MUNICIPALITY, 60_000L, WallClock.fixed(NOW_MS));
    }

    static List<ParsedRecord> readAll(SimpleStreamFormat<ParsedRecord> format, Path file)
            throws IOException {
        List<ParsedRecord> records = new ArrayList<>();
        try (StreamFormat.Reader<ParsedRecord> reader =
                format.createReader(new Configuration(), new LocalDataInputStream(file.toFile()))) {
            ParsedRecord record;
            while ((record = reader.read()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
