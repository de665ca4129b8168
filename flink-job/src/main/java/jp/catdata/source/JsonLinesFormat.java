package jp.catdata.source;

import java.io.IOException;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectReason;
import jp.catdata.event.RejectedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a file of canonical event JSON, one object per line, one {@link ParsedRecord} per non-blank
 * line.
 *
 * <p>Lines are handed to {@link PositionEventParser} as bytes, so a line of invalid UTF-8 is
 * rejected there as {@code invalid_json} like any other bad record. Lines of only spaces or tabs
 * are skipped, because they contain no record. A line longer than {@link #MAX_LINE_BYTES} is
 * rejected as {@code invalid_json} with its start as raw text, without being buffered whole, and
 * reading goes on at the next line. The origin of each record is {@code <file name>:<line number>},
 * counting physical lines from 1.
 *
 * <p>The format is not splittable. On restore from a checkpoint, Flink reads the file again from
 * the start and skips the records already emitted.
 */
public class JsonLinesFormat extends SimpleStreamFormat<ParsedRecord> {

    private static final long serialVersionUID = 1L;

    /** Maximum length of one line in bytes, without the line break. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final PositionEventParser parser;
    private final String fileName;

    /**
     * Creates the format for one file.
     *
     * @param parser the parser that checks every line
     * @param fileName the file's name as shown in origins. Flink 1.19 passes the reader only a
     *     stream, not the file, so one format instance serves one file.
     */
    public JsonLinesFormat(PositionEventParser parser, String fileName) {
        this.parser = parser;
        this.fileName = fileName;
    }

    @Override
    public StreamFormat.Reader<ParsedRecord> createReader(
            Configuration config, FSDataInputStream stream) {
        return new Reader(new LineReader(stream, MAX_LINE_BYTES));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    private final class Reader implements StreamFormat.Reader<ParsedRecord> {
        private final LineReader lines;

        Reader(LineReader lines) {
            this.lines = lines;
        }

        @Override
        public ParsedRecord read() throws IOException {
            LineReader.Line line = lines.next();
            while (line != null && line.isBlank()) {
                line = lines.next();
            }
            if (line == null) {
                return null;
            }
            String origin = fileName + ":" + line.number;
            if (line.truncated) {
                return ParsedRecord.rejected(
                        RejectedRecord.of(
                                RejectReason.INVALID_JSON,
                                "line is longer than " + MAX_LINE_BYTES + " bytes",
                                line.lossyText(),
                                origin,
                                parser.clock().currentTimeMillis()));
            }
            return parser.parse(line.bytes, origin);
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
