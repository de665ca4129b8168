package jp.catdata.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines and keeps at most a fixed number of bytes per line.
 *
 * <p>A line ends at {@code \n}; a {@code \r} before it is dropped, so CRLF files read like LF
 * files. A last line without a line break is still returned. A UTF-8 byte order mark at the start
 * of the stream is dropped. Bytes of a line beyond the cap are skipped, not buffered, so one huge
 * line cannot exhaust the heap, and reading goes on at the next line.
 */
final class LineReader implements Closeable {

    /** One physical line of the input. */
    static final class Line {
        /** 1-based number of the line in the input. */
        final long number;

        /** The bytes of the line without the line break, at most the cap. */
        final byte[] bytes;

        /** Whether the line was longer than the cap, so {@link #bytes} contains only its start. */
        final boolean truncated;

        Line(long number, byte[] bytes, boolean truncated) {
            this.number = number;
            this.bytes = bytes;
            this.truncated = truncated;
        }

        /** Returns true when the line is empty or contains only spaces and tabs. */
        boolean isBlank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }

        /** Decodes the line as UTF-8, replacing invalid bytes with U+FFFD. */
        String lossyText() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** Decodes the line as UTF-8, or returns null when the bytes are not valid UTF-8. */
        String strictText() {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private long lineNumber;

    /**
     * Creates a reader over {@code in}, which it closes on {@link #close()}.
     *
     * @param maxLineBytes the number of bytes kept per line, excluding the line break
     */
    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line, or returns null at the end of the input. */
    Line next() throws IOException {
        lineLength = 0;
        long fullLength = 0;
        boolean lastWasCr = false;
        boolean consumedAny = false;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                if (!consumedAny) {
                    return null;
                }
                break;
            }
            consumedAny = true;
            int end = bufferPos;
            while (end < bufferEnd && buffer[end] != '\n') {
                end++;
            }
            int count = end - bufferPos;
            if (count > 0) {
                append(bufferPos, count);
                fullLength += count;
                lastWasCr = buffer[end - 1] == '\r';
            }
            if (end < bufferEnd) {
                bufferPos = end + 1;
                break;
            }
            bufferPos = bufferEnd;
        }
        lineNumber++;

        if (lastWasCr) {
            fullLength--;
            if (lineLength > fullLength) {
                lineLength--;
            }
        }
        int start = 0;
        if (lineNumber == 1 && startsWithByteOrderMark()) {
            start = 3;
            fullLength -= 3;
        }
        boolean truncated = fullLength > maxLineBytes;
        int end = (int) Math.min(lineLength, start + (long) maxLineBytes);
        return new Line(lineNumber, Arrays.copyOfRange(line, start, end), truncated);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            bufferPos = 0;
            bufferEnd = 0;
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    /**
     * Keeps bytes up to the cap, plus three for a byte order mark that may be dropped later. Bytes
     * beyond that are counted by the caller but not stored.
     */
    private void append(int from, int count) {
        int room = maxLineBytes + 3 - lineLength;
        int storedCount = Math.min(count, room);
        if (storedCount <= 0) {
            return;
        }
        if (lineLength + storedCount > line.length) {
            int size =
                    (int)
                            Math.min(
                                    (long) maxLineBytes + 3,
                                    Math.max(2L * line.length, lineLength + storedCount));
            line = Arrays.copyOf(line, size);
        }
        System.arraycopy(buffer, from, line, lineLength, storedCount);
        lineLength += storedCount;
    }

    private boolean startsWithByteOrderMark() {
        return lineLength >= 3
                && line[0] == (byte) 0xEF
                && line[1] == (byte) 0xBB
                && line[2] == (byte) 0xBF;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
