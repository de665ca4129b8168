package jp.catdata.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.catdata.opensearch.OpenSearchSettings;
import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Movebank file of 101 pet cats through the whole job into Parquet and into a real
 * OpenSearch node, twice, and compares the documents with values computed from the CSV by {@link
 * ReferenceCats} and with the Parquet tables of the same run. Also runs the example queries of
 * {@code docs/opensearch.md} as written there.
 */
class OpenSearchSinkIT {

    private static final String PREFIX = "cat-data";
    private static final Path DOC = Paths.get("../docs/opensearch.md");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path tempDir;

    private static OpenSearchNode node;
    private static ReferenceCats reference;
    private static Path warehouse;

    /** Document count per index pattern after the first and after the second run. */
    private static final Map<String, Long> countsAfterFirstRun = new LinkedHashMap<>();

    private static final Map<String, Long> countsAfterSecondRun = new LinkedHashMap<>();

    @BeforeAll
    static void runJobTwice() throws Exception {
        node = OpenSearchNode.start("sink-it");
        Path csv = SharedData.catsUkCsv();
        reference =
                ReferenceCats.compute(
                        csv, OpenSearchFeatures.MAX_SPEED_MPS, OpenSearchFeatures.IDLE_TIMEOUT_MS);

        warehouse = tempDir.resolve("warehouse");
        runJob(csv, warehouse, PREFIX);
        countAll(countsAfterFirstRun);
        runJob(csv, tempDir.resolve("warehouse-again"), PREFIX);
        countAll(countsAfterSecondRun);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static void runJob(Path input, Path output, String prefix) throws Exception {
        JobConfig config =
                OpenSearchFeatures.config(input, output, node.endpoint(), prefix, new Properties());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1_000);
        env.setRestartStrategy(RestartStrategies.noRestart());
        JobRunner.build(env, config);
        env.execute("cats-uk to OpenSearch");
        node.refresh();
    }

    private static void countAll(Map<String, Long> counts) throws Exception {
        for (String pattern :
                List.of(
                        PREFIX + "-cat-latest",
                        PREFIX + "-cat-fix-*",
                        PREFIX + "-cell-density-*",
                        PREFIX + "-cat-movement-*",
                        PREFIX + "-rejected-*")) {
            counts.put(pattern, node.count(pattern));
        }
    }

    @Test
    void startupCheckPassesOnNode() {
        OpenSearchSettings settings = new OpenSearchSettings();
        settings.endpoint = node.endpoint();

        assertThatCode(() -> LocalPreflight.checkOpenSearch(settings)).doesNotThrowAnyException();
    }

    @Test
    void latestPositionOnePerCat() throws Exception {
        Map<String, ReferenceCats.Fix> last = OpenSearchFeatures.lastFixPerCat(reference);
        Map<String, JsonNode> docs =
                OpenSearchFeatures.latestByCat(node.allHits(PREFIX + "-cat-latest"));
        assertThat(last).hasSize(101);
        assertThat(docs.keySet()).isEqualTo(last.keySet());
    }

    @Test
    void fixIndexHoldsAcceptedFixes() throws Exception {
        assertThat(node.count(PREFIX + "-cat-fix-*")).isEqualTo(reference.accepted.size());
    }

    @Test
    void rejectedIndexHoldsOutliers() throws Exception {
        // The file's only rejections are the rows marked as outliers.
        assertThat(reference.outlierRows).isPositive();
        assertThat(node.count(PREFIX + "-rejected-*")).isEqualTo(reference.outlierRows);
        try (Warehouse tables = new Warehouse(warehouse)) {
            assertThat(tables.count("SELECT count(*) FROM " + tables.table("rejected")))
                    .isEqualTo(reference.outlierRows);
        }
    }

    @Test
    void latestPositionIsLastAcceptedFix() throws Exception {
        Map<String, ReferenceCats.Fix> last = OpenSearchFeatures.lastFixPerCat(reference);
        Map<String, JsonNode> docs =
                OpenSearchFeatures.latestByCat(node.allHits(PREFIX + "-cat-latest"));
        assertThat(docs).isNotEmpty();
        for (Map.Entry<String, JsonNode> doc : docs.entrySet()) {
            ReferenceCats.Fix fix = last.get(doc.getKey());
            JsonNode source = doc.getValue();
            assertThat(source.at("/location/lat").asDouble()).as(doc.getKey()).isEqualTo(fix.lat);
            assertThat(source.at("/location/lon").asDouble()).as(doc.getKey()).isEqualTo(fix.lon);
            assertThat(OpenSearchFeatures.epochMs(source, "observed_at"))
                    .as(doc.getKey())
                    .isEqualTo(fix.timeMs);
            assertThat(source.get("event_id").asText()).as(doc.getKey()).isEqualTo(fix.eventId);
            assertThat(source.get("municipality_code").asText())
                    .isEqualTo(OpenSearchFeatures.MUNICIPALITY_CODE);
        }
    }

    @Test
    void homeRangeCentroidIsMeanOfFixes() throws Exception {
        Map<String, double[]> sums = new TreeMap<>();
        for (ReferenceCats.Fix fix : reference.accepted) {
            double[] s = sums.computeIfAbsent(fix.catId, c -> new double[3]);
            s[0]++;
            s[1] += fix.lat;
            s[2] += fix.lon;
        }
        Map<String, JsonNode> docs =
                OpenSearchFeatures.latestByCat(node.allHits(PREFIX + "-cat-latest"));
        assertThat(docs).isNotEmpty();
        for (Map.Entry<String, JsonNode> doc : docs.entrySet()) {
            double[] s = sums.get(doc.getKey());
            JsonNode source = doc.getValue();
            assertThat(source.get("home_range_fixes").asLong())
                    .as(doc.getKey())
                    .isEqualTo((long) s[0]);
            assertThat(source.at("/home_range_centroid/lat").asDouble())
                    .as(doc.getKey())
                    .isCloseTo(s[1] / s[0], within(1e-9));
            assertThat(source.at("/home_range_centroid/lon").asDouble())
                    .as(doc.getKey())
                    .isCloseTo(s[2] / s[0], within(1e-9));
        }
    }

    @Test
    void densityMatchesParquet() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT municipality_code, cell_id, epoch_ms(window_start),"
                                    + " epoch_ms(window_end), geohash_precision, cell_centre_lat,"
                                    + " cell_centre_lon, mesh_code_1km, mesh_code_250m, fixes,"
                                    + " distinct_cats, sightings, occupancy_cat_minutes FROM "
                                    + w.table("cell_density"))) {
                expected.put(
                        row.get(0) + "/" + row.get(1) + "/" + row.get(2),
                        densityFigures(
                                ((Number) row.get(3)).longValue(),
                                ((Number) row.get(4)).intValue(),
                                ((Number) row.get(5)).doubleValue(),
                                ((Number) row.get(6)).doubleValue(),
                                (String) row.get(7),
                                (String) row.get(8),
                                ((Number) row.get(9)).longValue(),
                                ((Number) row.get(10)).longValue(),
                                ((Number) row.get(11)).longValue(),
                                ((Number) row.get(12)).doubleValue()));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode hit : node.allHits(PREFIX + "-cell-density-*")) {
            JsonNode s = hit.get("_source");
            actual.put(
                    s.get("municipality_code").asText()
                            + "/"
                            + s.get("cell_id").asText()
                            + "/"
                            + OpenSearchFeatures.epochMs(s, "window_start"),
                    densityFigures(
                            OpenSearchFeatures.epochMs(s, "window_end"),
                            s.get("geohash_precision").asInt(),
                            s.at("/cell_centre/lat").asDouble(),
                            s.at("/cell_centre/lon").asDouble(),
                            textOrNull(s, "mesh_code_1km"),
                            textOrNull(s, "mesh_code_250m"),
                            s.get("fixes").asLong(),
                            s.get("distinct_cats").asLong(),
                            s.get("sightings").asLong(),
                            s.get("occupancy_cat_minutes").asDouble()));
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void densityCellPolygonSurroundsCentre() throws Exception {
        List<JsonNode> hits = node.allHits(PREFIX + "-cell-density-*");
        assertThat(hits).isNotEmpty();
        // Precision 7: 18 longitude bits and 17 latitude bits.
        double width = 360.0 / (1 << 18);
        double height = 180.0 / (1 << 17);
        for (JsonNode hit : hits.subList(0, Math.min(200, hits.size()))) {
            JsonNode s = hit.get("_source");
            JsonNode ring = s.at("/cell/coordinates/0");
            double lat = s.at("/cell_centre/lat").asDouble();
            double lon = s.at("/cell_centre/lon").asDouble();
            assertThat(s.at("/cell/type").asText()).isEqualTo("Polygon");
            assertThat(ring.size()).isEqualTo(5);
            assertThat(ring.get(0)).isEqualTo(ring.get(4));
            assertThat(ring.get(0).get(0).asDouble()).isCloseTo(lon - width / 2, within(1e-9));
            assertThat(ring.get(0).get(1).asDouble()).isCloseTo(lat - height / 2, within(1e-9));
            assertThat(ring.get(2).get(0).asDouble()).isCloseTo(lon + width / 2, within(1e-9));
            assertThat(ring.get(2).get(1).asDouble()).isCloseTo(lat + height / 2, within(1e-9));
        }
    }

    @Test
    void movementMatchesParquet() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT cat_id, epoch_ms(window_start), fixes, distance_m FROM "
                                    + w.table("cat_movement_hourly"))) {
                expected.put(
                        "hourly/" + row.get(0) + "/" + row.get(1),
                        row.get(2) + " fixes, " + row.get(3) + " m");
            }
            for (List<Object> row :
                    w.query(
                            "SELECT cat_id, CAST(local_date AS VARCHAR), fixes, distance_m,"
                                    + " mcp_area_m2 FROM "
                                    + w.table("cat_movement_daily"))) {
                expected.put(
                        "local_day/" + row.get(0) + "/" + row.get(1),
                        row.get(2) + " fixes, " + row.get(3) + " m, " + row.get(4) + " m2");
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (JsonNode hit : node.allHits(PREFIX + "-cat-movement-*")) {
            JsonNode s = hit.get("_source");
            String window = s.get("window").asText();
            if (window.equals("hourly")) {
                actual.put(
                        "hourly/"
                                + s.get("cat_id").asText()
                                + "/"
                                + OpenSearchFeatures.epochMs(s, "window_start"),
                        s.get("fixes").asLong()
                                + " fixes, "
                                + s.get("distance_m").asDouble()
                                + " m");
            } else {
                actual.put(
                        window
                                + "/"
                                + s.get("cat_id").asText()
                                + "/"
                                + s.get("local_date").asText(),
                        s.get("fixes").asLong()
                                + " fixes, "
                                + s.get("distance_m").asDouble()
                                + " m, "
                                + s.get("mcp_area_m2").asDouble()
                                + " m2");
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void sameInputTwiceKeepsCounts() {
        assertThat(countsAfterFirstRun.values()).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(countsAfterSecondRun).isEqualTo(countsAfterFirstRun);
    }

    @Test
    void shuffledInputKeepsNewestFix() throws Exception {
        Path shuffled = tempDir.resolve("cats_uk_shuffled.csv");
        List<String> lines = Files.readAllLines(SharedData.catsUkCsv(), StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(rows, new Random(7));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(rows);
        Files.write(shuffled, out, StandardCharsets.UTF_8);
        runJob(shuffled, tempDir.resolve("warehouse-shuffled"), "shuffled");

        Map<String, ReferenceCats.Fix> last = OpenSearchFeatures.lastFixPerCat(reference);
        Map<String, JsonNode> docs =
                OpenSearchFeatures.latestByCat(node.allHits("shuffled-cat-latest"));
        assertThat(docs.keySet()).isEqualTo(last.keySet());
        OpenSearchFeatures.assertEachIsLastFix(docs, last);
    }

    @Test
    void docQueryCatsWithin500m() throws Exception {
        DocQuery query = DocQuery.load(DOC, "cats-within-500m");
        double[] point = query.geoDistancePoint();
        Set<String> expected = new TreeSet<>();
        for (ReferenceCats.Fix fix : OpenSearchFeatures.lastFixPerCat(reference).values()) {
            if (ReferenceCats.haversine(point[0], point[1], fix.lat, fix.lon) <= 500) {
                expected.add(fix.catId);
            }
        }
        Set<String> actual = new TreeSet<>();
        for (JsonNode hit : node.request(query.method, query.path, query.body).at("/hits/hits")) {
            actual.add(hit.at("/_source/cat_id").asText());
        }
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void docQueryCellsInBoundingBox() throws Exception {
        DocQuery query = DocQuery.load(DOC, "cells-in-bounding-box");
        double[] box = query.envelope();
        // Precision 7 cells are 360 / 2^18 degrees wide and 180 / 2^17 degrees high.
        double halfWidth = 360.0 / (1 << 18) / 2;
        double halfHeight = 180.0 / (1 << 17) / 2;

        Set<String> expected = new TreeSet<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            for (List<Object> row :
                    w.query(
                            "SELECT DISTINCT cell_id, cell_centre_lat, cell_centre_lon FROM "
                                    + w.table("cell_density"))) {
                double lat = ((Number) row.get(1)).doubleValue();
                double lon = ((Number) row.get(2)).doubleValue();
                boolean overlaps =
                        lon + halfWidth >= box[0]
                                && lon - halfWidth <= box[2]
                                && lat + halfHeight >= box[1]
                                && lat - halfHeight <= box[3];
                if (overlaps) {
                    expected.add((String) row.get(0));
                }
            }
        }

        Set<String> actual = new TreeSet<>();
        JsonNode response = node.request(query.method, query.path, query.body);
        for (JsonNode bucket : response.at("/aggregations/cells/buckets")) {
            actual.add(bucket.get("key").asText());
        }
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void docQueryDensestCellsLastHour() throws Exception {
        DocQuery query = DocQuery.load(DOC, "densest-cells-last-hour");
        // The data is from 2017, so "now" becomes the end of the hour with the most cells.
        long anchorMs;
        List<String> expected = new ArrayList<>();
        try (Warehouse w = new Warehouse(warehouse)) {
            String table = w.table("cell_density");
            anchorMs =
                    w.count(
                            "SELECT epoch_ms(window_end) FROM "
                                    + table
                                    + " GROUP BY window_end ORDER BY count(*) DESC, window_end"
                                    + " LIMIT 1");
            for (List<Object> row :
                    w.query(
                            "SELECT cell_id, fixes FROM "
                                    + table
                                    + " WHERE epoch_ms(window_end) = "
                                    + anchorMs
                                    + " ORDER BY fixes DESC, cell_id LIMIT "
                                    + query.size())) {
                expected.add(row.get(0) + " " + row.get(1));
            }
        }
        String body = query.body.replace("\"now", "\"" + Instant.ofEpochMilli(anchorMs) + "||");
        List<String> actual = new ArrayList<>();
        for (JsonNode hit : node.request(query.method, query.path, body).at("/hits/hits")) {
            actual.add(
                    hit.at("/_source/cell_id").asText() + " " + hit.at("/_source/fixes").asLong());
        }
        assertThat(expected).hasSizeGreaterThan(1);
        assertThat(actual).isEqualTo(expected);
    }

    private static String textOrNull(JsonNode source, String field) {
        JsonNode value = source.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String densityFigures(
            long windowEndMs,
            int precision,
            double centreLat,
            double centreLon,
            String mesh1km,
            String mesh250m,
            long fixes,
            long distinctCats,
            long sightings,
            double occupancyCatMinutes) {
        return String.join(
                " ",
                "end=" + windowEndMs,
                "precision=" + precision,
                "centre=" + centreLat + "," + centreLon,
                "mesh=" + mesh1km + "," + mesh250m,
                "fixes=" + fixes,
                "cats=" + distinctCats,
                "sightings=" + sightings,
                "occupancy=" + occupancyCatMinutes);
    }

    /**
     * One example request of {@code docs/opensearch.md}: the code block after a line {@code <!--
     * query: NAME -->}, whose first line is the method and path and whose other lines are the body.
     */
    static final class DocQuery {
        final String method;
        final String path;
        final String body;

        private DocQuery(String method, String path, String body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        static DocQuery load(Path doc, String name) throws IOException {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m =
                    Pattern.compile(
                                    "<!-- query: "
                                            + Pattern.quote(name)
                                            + " -->\\s*```[a-z]*\\n(\\w+) (\\S+)\\n(.*?)\\n```",
                                    Pattern.DOTALL)
                            .matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(
                        "no code block after '<!-- query: " + name + " -->' in " + doc);
            }
            return new DocQuery(m.group(1), m.group(2), m.group(3));
        }

        /** Returns {lat, lon} of the query's geo_distance point. */
        double[] geoDistancePoint() throws IOException {
            JsonNode point = json().findValue("geo_distance").get("location");
            return new double[] {point.get("lat").asDouble(), point.get("lon").asDouble()};
        }

        /** Returns {minLon, minLat, maxLon, maxLat} of the query's envelope. */
        double[] envelope() throws IOException {
            JsonNode coordinates = json().findValue("shape").get("coordinates");
            JsonNode upperLeft = coordinates.get(0);
            JsonNode lowerRight = coordinates.get(1);
            return new double[] {
                upperLeft.get(0).asDouble(),
                lowerRight.get(1).asDouble(),
                lowerRight.get(0).asDouble(),
                upperLeft.get(1).asDouble()
            };
        }

        int size() throws IOException {
            return json().get("size").asInt();
        }

        private JsonNode json() throws IOException {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        }
    }
}
