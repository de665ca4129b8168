package jp.catdata.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the saved objects in {@code frontend/dashboards/saved-objects.ndjson} against each other
 * and against the index templates of the default index prefix, and checks that the checker finds
 * each kind of broken reference.
 */
class DashboardsSavedObjectsTest {

    private static final Path NDJSON = Path.of("../frontend/dashboards/saved-objects.ndjson");
    private static final ObjectMapper JSON = new ObjectMapper();

    private List<ObjectNode> objects;
    private Map<String, ObjectNode> templates;

    @BeforeEach
    void load() throws IOException {
        objects = SavedObjectsChecker.read(NDJSON);
        templates = IndexTemplates.templates(new OpenSearchSettings());
    }

    @Test
    void savedObjectsHaveNoProblems() {
        assertThat(SavedObjectsChecker.check(objects, templates)).isEmpty();
    }

    @Test
    void indexPatternsAndTimeFields() {
        assertThat(attribute("index-pattern", "cat-data-cat-latest", "timeFieldName"))
                .isEqualTo("observed_at");
        assertThat(attribute("index-pattern", "cat-data-cell-density", "title"))
                .isEqualTo("cat-data-cell-density-*");
        assertThat(attribute("index-pattern", "cat-data-cell-density", "timeFieldName"))
                .isEqualTo("window_start");
        assertThat(attribute("index-pattern", "cat-data-cat-movement", "title"))
                .isEqualTo("cat-data-cat-movement-*");
        assertThat(attribute("index-pattern", "cat-data-cat-movement", "timeFieldName"))
                .isEqualTo("window_start");
    }

    @Test
    void dashboardShowsEveryVisualization() throws IOException {
        ObjectNode dashboard = find("dashboard", "cat-data-overview");
        List<String> referenced = new ArrayList<>();
        dashboard.path("references").forEach(r -> referenced.add(r.path("id").asText()));
        assertThat(referenced)
                .containsExactlyInAnyOrder(
                        "cat-data-controls",
                        "cat-data-latest-positions-map",
                        "cat-data-density-heatmap",
                        "cat-data-unusual-movement-table");
        assertThat(JSON.readTree(dashboard.at("/attributes/panelsJSON").asText())).hasSize(4);
        assertThat(dashboard.at("/attributes/timeRestore").asBoolean()).isTrue();
    }

    @Test
    void controlFiltersMunicipalityCode() throws IOException {
        ObjectNode controls = find("visualization", "cat-data-controls");
        ObjectNode visState =
                (ObjectNode) JSON.readTree(controls.at("/attributes/visState").asText());
        assertThat(visState.path("type").asText()).isEqualTo("input_control_vis");
        assertThat(visState.at("/params/controls/0/fieldName").asText())
                .isEqualTo("municipality_code");
        assertThat(visState.at("/params/useTimeFilter").asBoolean()).isTrue();
    }

    @Test
    void unknownIndexPatternReported() {
        ObjectNode map = find("visualization", "cat-data-latest-positions-map");
        ((ObjectNode) map.path("references").get(0)).put("id", "cat-data-no-such-pattern");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("index-pattern:cat-data-no-such-pattern"));
    }

    @Test
    void unknownAggregationFieldReported() throws IOException {
        ObjectNode table = find("visualization", "cat-data-unusual-movement-table");
        replaceInEmbedded(table, "visState", "radius_of_gyration_m", "gyration_radius");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .contains(
                        "visualization:cat-data-unusual-movement-table: aggregation 1 (max) uses"
                                + " field 'gyration_radius', not in the mapping");
    }

    @Test
    void fieldOfWrongIndexReported() throws IOException {
        // cell_centre exists, but in the density template, not in the latest-position one.
        ObjectNode map = find("visualization", "cat-data-latest-positions-map");
        replaceInEmbedded(map, "visState", "\"location\"", "\"cell_centre\"");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("field 'cell_centre', not in the mapping"));
    }

    @Test
    void wrongFieldTypeReported() throws IOException {
        ObjectNode heatmap = find("visualization", "cat-data-density-heatmap");
        replaceInEmbedded(heatmap, "visState", "\"cell_centre\"", "\"cell_id\"");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("'cell_id' of type keyword, expected one of"));
    }

    @Test
    void unknownQueryFieldReported() throws IOException {
        ObjectNode table = find("visualization", "cat-data-unusual-movement-table");
        ObjectNode meta = (ObjectNode) table.at("/attributes/kibanaSavedObjectMeta");
        meta.put(
                "searchSourceJSON",
                meta.path("searchSourceJSON").asText().replace("window :", "window_kind :"));

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("KQL query uses field 'window_kind'"));
    }

    @Test
    void unknownControlFieldReported() throws IOException {
        ObjectNode controls = find("visualization", "cat-data-controls");
        replaceInEmbedded(controls, "visState", "municipality_code", "municipality");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("control 1 uses field 'municipality'"));
    }

    @Test
    void unknownTimeFieldReported() {
        ObjectNode pattern = find("index-pattern", "cat-data-cell-density");
        ((ObjectNode) pattern.path("attributes")).put("timeFieldName", "fixes");

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("timeFieldName uses field 'fixes' of type long"));
    }

    @Test
    void missingPanelReferenceReported() {
        ObjectNode dashboard = find("dashboard", "cat-data-overview");
        ((ArrayNode) dashboard.path("references")).remove(0);

        assertThat(SavedObjectsChecker.check(objects, templates))
                .contains(
                        "dashboard:cat-data-overview: panel 'panel_0' has no entry in references");
    }

    @Test
    void missingVisualizationReported() {
        objects.remove(find("visualization", "cat-data-density-heatmap"));

        assertThat(SavedObjectsChecker.check(objects, templates))
                .anyMatch(p -> p.contains("visualization:cat-data-density-heatmap, which is not"));
    }

    @Test
    void duplicateIdReported() {
        objects.add(find("index-pattern", "cat-data-cat-latest").deepCopy());

        assertThat(SavedObjectsChecker.check(objects, templates))
                .contains("index-pattern:cat-data-cat-latest: the id occurs more than once");
    }

    private ObjectNode find(String type, String id) {
        return objects.stream()
                .filter(o -> o.path("type").asText().equals(type))
                .filter(o -> o.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type + " " + id + " not in " + NDJSON));
    }

    private String attribute(String type, String id, String name) {
        return find(type, id).path("attributes").path(name).asText();
    }

    private static void replaceInEmbedded(
            ObjectNode object, String attribute, String target, String replacement) {
        ObjectNode attributes = (ObjectNode) object.path("attributes");
        String text = attributes.path(attribute).asText();
        assertThat(text).contains(target);
        attributes.put(attribute, text.replace(target, replacement));
    }
}
