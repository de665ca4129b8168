package jp.catdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the diagrams in {@code assets/images/} in step with their PlantUML sources and with the
 * code.
 *
 * <p>Each PNG must contain the current text of the {@code .puml} file beside it. PlantUML stores
 * the source in every PNG it renders, as an {@code iTXt} chunk with the keyword {@code plantuml}
 * (zlib-compressed), and ends that text with the PlantUML version. File times carry no information
 * in a fresh clone, so the test compares that text. Every {@code class}, {@code interface} and
 * {@code enum} of {@code class.puml} must exist on the test classpath under the package it is drawn
 * in.
 *
 * <p>After changing a source, run {@code assets/render.sh} and commit the PNGs.
 */
class DiagramsTest {

    /** The diagrams that the documentation shows. */
    private static final List<String> DIAGRAMS = List.of("aws_architecture", "class", "sequence");

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    private static final Pattern PACKAGE_START =
            Pattern.compile("^package\\s+([A-Za-z_][\\w.]*)\\s*(?:<<[^>]*>>\\s*)?\\{$");

    /** A type declaration: kind, name, then optional generics, stereotypes and opening brace. */
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("^(?:abstract\\s+)?(class|interface|enum)\\s+([A-Za-z_][\\w.]*)(.*)$");

    private static final Pattern VERSION_ASSIGNMENT =
            Pattern.compile("(?m)^PLANTUML_VERSION=(\\S+)$");

    /** A type of the class diagram: its kind and its fully qualified name. */
    record DiagramType(String kind, String qualifiedName) {}

    private static Path assets() {
        // Maven runs tests in the module folder, flink-job/, whose sibling is assets/.
        return Paths.get(System.getProperty("user.dir")).resolve("../assets").normalize();
    }

    private static Path images() {
        return assets().resolve("images");
    }

    @Test
    void everyDiagramHasSourceAndPng() {
        for (String name : DIAGRAMS) {
            assertThat(images().resolve(name + ".puml")).as("source of " + name).isRegularFile();
            assertThat(images().resolve(name + ".png")).as("picture of " + name).isRegularFile();
        }
    }

    @TestFactory
    Stream<DynamicTest> pngContainsCurrentSource() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path source : sources()) {
            String name = source.getFileName().toString().replaceFirst("\\.puml$", "");
            tests.add(
                    dynamicTest(
                            name,
                            () -> {
                                Path png = images().resolve(name + ".png");
                                assertThat(png).as("rendered picture").isRegularFile();
                                Optional<String> embedded = embeddedSource(png);
                                assertThat(embedded)
                                        .as("PlantUML source in %s", png.getFileName())
                                        .isPresent();
                                assertThat(normalize(sourcePart(embedded.get())))
                                        .as(
                                                "%s is out of date with %s; run assets/render.sh",
                                                png.getFileName(), source.getFileName())
                                        .isEqualTo(normalize(Files.readString(source)));
                            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pngRenderedByPinnedVersion() throws IOException {
        Matcher version =
                VERSION_ASSIGNMENT.matcher(Files.readString(assets().resolve("render.sh")));
        assertThat(version.find()).as("PLANTUML_VERSION= in assets/render.sh").isTrue();
        String pinned = version.group(1);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path source : sources()) {
            String name = source.getFileName().toString().replaceFirst("\\.puml$", "");
            tests.add(
                    dynamicTest(
                            name,
                            () -> {
                                Optional<String> embedded =
                                        embeddedSource(images().resolve(name + ".png"));
                                assertThat(embedded).isPresent();
                                assertThat(versionPart(embedded.get())).isEqualTo(pinned);
                            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> classDiagramTypesExist() throws IOException {
        List<DiagramType> types = declaredTypes(Files.readString(images().resolve("class.puml")));
        // An empty list would let every check below pass without checking anything.
        assertThat(types).as("types declared in class.puml").isNotEmpty();
        return types.stream()
                .map(
                        type ->
                                dynamicTest(
                                        type.qualifiedName(),
                                        () -> {
                                            Class<?> found = load(type.qualifiedName());
                                            assertThat(kindOf(found))
                                                    .as("kind of %s", type.qualifiedName())
                                                    .isEqualTo(type.kind());
                                        }));
    }

    @Test
    void classDiagramNamesRequiredTypes() throws IOException {
        List<String> names =
                declaredTypes(Files.readString(images().resolve("class.puml"))).stream()
                        .map(DiagramType::qualifiedName)
                        .toList();
        for (String required :
                List.of(
                        "jp.catdata.event.PositionEvent",
                        "jp.catdata.event.ParsedRecord",
                        "jp.catdata.event.RejectedRecord",
                        "jp.catdata.event.PositionEventParser",
                        "jp.catdata.event.RejectReason",
                        "jp.catdata.job.Sources",
                        "jp.catdata.source.KinesisSource",
                        "jp.catdata.source.ShardWatermarks",
                        "jp.catdata.source.CatSimulator",
                        "jp.catdata.source.MovebankCsvFormat",
                        "jp.catdata.source.JsonLinesFormat",
                        "jp.catdata.process.ValidateFunction",
                        "jp.catdata.process.DeduplicateFunction",
                        "jp.catdata.process.TrackFunction",
                        "jp.catdata.process.DensityAggregate",
                        "jp.catdata.process.HourlyMovementAggregate",
                        "jp.catdata.process.DailyMovementFunction",
                        "jp.catdata.sink.ParquetSinks",
                        "jp.catdata.sink.Tables",
                        "jp.catdata.opensearch.OpenSearchSinks",
                        "jp.catdata.job.JobConfig",
                        "jp.catdata.job.JobRunner",
                        "jp.catdata.job.CatDataJob",
                        "jp.catdata.job.IdleStop")) {
            assertThat(names).as("types of class.puml").contains(required);
        }
    }

    @Test
    void declaredTypesTakePackage() {
        String text =
                String.join(
                        "\n",
                        "@startuml",
                        "package jp.catdata.event {",
                        "  class PositionEvent {",
                        "    +eventId",
                        "  }",
                        "  enum RejectReason",
                        "}",
                        "package jp.catdata.sink {",
                        "  interface CuratedTable<T> <<Serializable>>",
                        "}",
                        "class jp.catdata.job.JobRunner",
                        "PositionEvent --> RejectReason",
                        "@enduml");

        List<DiagramType> types = declaredTypes(text);

        assertThat(types)
                .containsExactly(
                        new DiagramType("class", "jp.catdata.event.PositionEvent"),
                        new DiagramType("enum", "jp.catdata.event.RejectReason"),
                        new DiagramType("interface", "jp.catdata.sink.CuratedTable"),
                        new DiagramType("class", "jp.catdata.job.JobRunner"));
    }

    @Test
    void declaredTypeWithoutPackageRejected() {
        assertThatThrownBy(() -> declaredTypes("@startuml\nclass PositionEvent\n@enduml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PositionEvent");
    }

    @Test
    void removedClassNotFound() {
        assertThatThrownBy(() -> load("jp.catdata.job.NoSuchType"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("jp.catdata.job.NoSuchType");
    }

    @Test
    void editedSourceDiffersFromPng() throws IOException {
        Path source = images().resolve("class.puml");
        String embedded = sourcePart(embeddedSource(images().resolve("class.png")).orElseThrow());
        String edited = Files.readString(source).replace("@enduml", "class Extra\n@enduml");

        assertThat(normalize(embedded)).isNotEqualTo(normalize(edited));
    }

    @Test
    void normalizeIgnoresLineEndingsAndTrailingSpaces() {
        assertThat(normalize("@startuml  \r\nA --> B\t\r\n@enduml\r\n\r\n"))
                .isEqualTo(normalize("@startuml\nA --> B\n@enduml"));
    }

    @Test
    void sourcePartStopsAtFirstEnd() {
        String embedded =
                "@startuml\n' comment\nA --> B\n@enduml\n\n@startuml\n\nA --> B\n@enduml\n\n1.2026.10";

        assertThat(sourcePart(embedded)).isEqualTo("@startuml\n' comment\nA --> B\n@enduml");
        assertThat(versionPart(embedded)).isEqualTo("1.2026.10");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(images())) {
            List<Path> sources =
                    files.filter(p -> p.getFileName().toString().endsWith(".puml"))
                            .sorted()
                            .toList();
            assertThat(sources).as("PlantUML sources in %s", images()).isNotEmpty();
            return sources;
        }
    }

    /**
     * Returns the types declared in a class diagram, each qualified with the package it is drawn in
     * ({@code package a.b { class C }}), or taken as is when the name already contains a dot.
     *
     * @throws IllegalArgumentException if a type is declared outside every package without a
     *     qualified name
     */
    static List<DiagramType> declaredTypes(String pumlText) {
        List<DiagramType> types = new ArrayList<>();
        // One entry per open brace: the package name, or "" for the body of a type.
        Deque<String> blocks = new ArrayDeque<>();
        for (String rawLine : pumlText.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("'")) {
                continue;
            }
            Matcher packageStart = PACKAGE_START.matcher(line);
            if (packageStart.matches()) {
                blocks.push(packageStart.group(1));
                continue;
            }
            if (line.equals("}")) {
                blocks.pop();
                continue;
            }
            Matcher declaration = TYPE_DECLARATION.matcher(line);
            if (declaration.matches()) {
                String name = declaration.group(2);
                types.add(new DiagramType(declaration.group(1), qualify(name, blocks)));
                if (declaration.group(3).strip().endsWith("{")) {
                    blocks.push("");
                }
            }
        }
        return types;
    }

    private static String qualify(String name, Deque<String> blocks) {
        if (name.contains(".")) {
            return name;
        }
        for (String block : blocks) {
            if (!block.isEmpty()) {
                return block + "." + name;
            }
        }
        throw new IllegalArgumentException(
                "type "
                        + name
                        + " is declared outside any package; draw it inside"
                        + " 'package jp.catdata.x { ... }' or write its qualified name");
    }

    private static Class<?> load(String qualifiedName) {
        try {
            return Class.forName(qualifiedName, false, DiagramsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(
                    qualifiedName
                            + " is drawn in assets/images/class.puml but not found in the code;"
                            + " update the diagram and run assets/render.sh",
                    e);
        }
    }

    private static String kindOf(Class<?> type) {
        if (type.isEnum()) {
            return "enum";
        }
        return type.isInterface() ? "interface" : "class";
    }

    /**
     * Returns the text of the {@code iTXt} chunk with keyword {@code plantuml} of a PNG, or empty
     * when the PNG has none.
     */
    static Optional<String> embeddedSource(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        if (!Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw new IOException(png + " is not a PNG file: its signature is missing");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipNBytes(PNG_SIGNATURE.length);
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return Optional.empty();
            }
            byte[] type = in.readNBytes(4);
            byte[] data = in.readNBytes(length);
            in.skipNBytes(4); // CRC
            if (new String(type, StandardCharsets.US_ASCII).equals("iTXt")) {
                Optional<String> text = internationalText(data, "plantuml");
                if (text.isPresent()) {
                    return text;
                }
            }
        }
    }

    /**
     * Decodes an {@code iTXt} chunk (PNG specification, section 11.3.4.5): keyword, NUL,
     * compression flag, compression method, language tag, NUL, translated keyword, NUL, text.
     */
    private static Optional<String> internationalText(byte[] data, String keyword)
            throws IOException {
        int keywordEnd = indexOf(data, 0);
        if (!new String(data, 0, keywordEnd, StandardCharsets.ISO_8859_1).equals(keyword)) {
            return Optional.empty();
        }
        boolean compressed = data[keywordEnd + 1] != 0;
        int languageEnd = indexOf(data, keywordEnd + 3);
        int translatedEnd = indexOf(data, languageEnd + 1);
        byte[] text = Arrays.copyOfRange(data, translatedEnd + 1, data.length);
        if (compressed) {
            try (InflaterInputStream inflater =
                            new InflaterInputStream(new ByteArrayInputStream(text));
                    ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                inflater.transferTo(out);
                text = out.toByteArray();
            }
        }
        return Optional.of(new String(text, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] data, int from) throws IOException {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        throw new IOException("iTXt chunk without its NUL separator after byte " + from);
    }

    /**
     * Returns the diagram source of an embedded text: every line up to the first {@code @end} line.
     * PlantUML may follow the source with its preprocessed form, without comments, before the
     * version.
     */
    static String sourcePart(String embedded) {
        List<String> lines = List.of(embedded.split("\\R", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("@end")) {
                return String.join("\n", lines.subList(0, i + 1));
            }
        }
        throw new IllegalArgumentException("embedded text has no @end line");
    }

    /** Returns the PlantUML version, the last line of an embedded text. */
    static String versionPart(String embedded) {
        String[] lines = embedded.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    /** Drops trailing whitespace of each line, and blank lines at the end. */
    static String normalize(String text) {
        return Arrays.stream(text.split("\\R", -1))
                .map(String::stripTrailing)
                .collect(Collectors.joining("\n"))
                .stripTrailing();
    }
}
