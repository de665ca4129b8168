package jp.catdata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<LineReader.Line> lines(String text, int maxLineBytes) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        try (LineReader reader =
                new LineReader(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        maxLineBytes)) {
            LineReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void crlfAndLastLineWithoutBreak() throws IOException {
        List<LineReader.Line> lines = lines("a\r\n\r\nbc", 100);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).lossyText()).isEqualTo("a");
        assertThat(lines.get(1).lossyText()).isEmpty();
        assertThat(lines.get(2).lossyText()).isEqualTo("bc");
        assertThat(lines.get(2).number).isEqualTo(3);
    }

    @Test
    void trailingBreakAddsNoLine() throws IOException {
        assertThat(lines("a\nb\n", 100)).hasSize(2);
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(lines("", 100)).isEmpty();
    }

    @Test
    void byteOrderMarkDropped() throws IOException {
        List<LineReader.Line> lines = lines("\uFEFFab\n\uFEFFcd\n", 100);

        assertThat(lines.get(0).lossyText()).isEqualTo("ab");
        // Only a mark at the start of the stream is dropped.
        assertThat(lines.get(1).lossyText()).isEqualTo("\uFEFFcd");
    }

    @Test
    void lineAtCapNotTruncated() throws IOException {
        List<LineReader.Line> lines = lines("abcde\r\nf", 5);

        assertThat(lines.get(0).truncated).isFalse();
        assertThat(lines.get(0).lossyText()).isEqualTo("abcde");
    }

    @Test
    void longLineCutAndSkipped() throws IOException {
        List<LineReader.Line> lines = lines("abcdefgh\nxy\n", 5);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).truncated).isTrue();
        assertThat(lines.get(0).lossyText()).isEqualTo("abcde");
        assertThat(lines.get(1).lossyText()).isEqualTo("xy");
        assertThat(lines.get(1).number).isEqualTo(2);
    }

    @Test
    void linesAcrossBufferBoundary() throws IOException {
        // The internal buffer is 64 KiB, so put a CRLF on its boundary and a line across it.
        String first = "a".repeat(64 * 1024 - 1);
        String second = "b".repeat(70_000);

        List<LineReader.Line> lines = lines(first + "\r\n" + second + "\r\nc", 1 << 20);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).lossyText()).isEqualTo(first);
        assertThat(lines.get(1).lossyText()).isEqualTo(second);
        assertThat(lines.get(2).lossyText()).isEqualTo("c");
    }

    @Test
    void blankMeansSpacesOrTabs() throws IOException {
        List<LineReader.Line> lines = lines(" \t\n x\n", 100);

        assertThat(lines.get(0).isBlank()).isTrue();
        assertThat(lines.get(1).isBlank()).isFalse();
    }
}
